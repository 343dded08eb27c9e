/** The SQLite store meets the shared BundleStore contract, on a temp file. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeBundleStoreContract } from '../../../sync-server/store/contract';
import { openBundleStore } from '../../../sync-server/store/open-store';
import { SqliteBundleStore } from '../../../sync-server/store/sqlite-store';
import { useTempDirs } from './helpers';

const newDir = useTempDirs();

describeBundleStoreContract(
  'SqliteBundleStore (temp file)',
  async () => new SqliteBundleStore({ path: join(newDir(), 'relay.sqlite') }),
);

describe('openBundleStore', () => {
  it('opens the SQLite store at the configured path', async () => {
    const store = await openBundleStore({ dbPath: join(newDir(), 'sub', 'relay.sqlite') });
    expect(store).toBeInstanceOf(SqliteBundleStore);
    await store.close();
  });
});
