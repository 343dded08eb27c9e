import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServerConfig } from '../../../sync-server/config';
import { SQLITE_SCHEMA_VERSION } from '../../../sync-server/store/sqlite-schema';
import { SqliteBundleStore } from '../../../sync-server/store/sqlite-store';
import { bundle, bytesOf, entry, useStores, useTempDirs } from './helpers';

describe('SqliteBundleStore on disk', () => {
  const { open, tempPath } = useStores();
  const newDir = useTempDirs();

  it('runs in WAL with synchronous=FULL, foreign keys and a busy timeout', () => {
    expect(open().pragmas()).toEqual({
      journalMode: 'wal',
      synchronous: 2,
      foreignKeys: 1,
      busyTimeout: 5_000,
      walAutocheckpoint: 10_000,
      userVersion: SQLITE_SCHEMA_VERSION,
    });
  });

  it('finds everything again after close and reopen of the same file', async () => {
    const path = tempPath();
    const first = open(path);
    await first.createVault(entry('v1', 0, 'd1'), 5);
    await first.appendDeviceEntry(entry('v1', 1, 'd2'));
    await first.appendDeviceEntry(entry('v1', 2, 'd2', 'revoke'));
    await first.putBundle(bundle('v1', 'b1', bytesOf(1, 100)));
    await first.putBundle(bundle('v1', 'b2', bytesOf(2, 50)));
    await first.rememberNonce('d1', 'n1', 10_000, 0);
    await first.putMailbox('m1', bytesOf(3), 10_000, 0);
    const log = await first.deviceLog('v1');
    await first.close();

    const second = open(path);
    expect(await second.deviceLog('v1')).toEqual(log);
    expect((await second.device('d2'))?.revoked).toBe(true);
    expect(await second.listBundles('v1', 0, 10)).toEqual([
      { seq: 1, bytes: bytesOf(1, 100) },
      { seq: 2, bytes: bytesOf(2, 50) },
    ]);
    expect(await second.lastSeq('v1')).toBe(2);
    expect(await second.usage('v1')).toBe(150);
    expect(await second.putBundle(bundle('v1', 'b1', bytesOf(1, 100)))).toEqual({
      status: 'duplicate',
      seq: 1,
    });
    expect(await second.rememberNonce('d1', 'n1', 10_000, 1)).toBe(false);
    expect(await second.takeMailbox('m1', 1)).toEqual(bytesOf(3));
  });

  it('creates the folder of the database file', async () => {
    const path = join(newDir(), 'nested', 'deeper', 'relay.sqlite');
    const store = open(path);
    await store.putBundle(bundle('v1', 'b1', bytesOf(1)));
    expect(existsSync(path)).toBe(true);
  });

  it('refuses a file written by a newer schema version', () => {
    const path = tempPath();
    const db = new Database(path);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => new SqliteBundleStore({ path })).toThrow(/newer than this relay/);
  });

  it('works in memory for throw-away stores', async () => {
    const store = open(':memory:');
    expect(await store.putBundle(bundle('v1', 'b1', bytesOf(1)))).toEqual({
      status: 'stored',
      seq: 1,
    });
    expect(store.pragmas().synchronous).toBe(2);
  });
});

describe('COMPTOIR_DB_PATH', () => {
  it('defaults to data/comptoir-relay.sqlite under the working directory', () => {
    expect(parseServerConfig({}).dbPath).toBe(join(process.cwd(), 'data', 'comptoir-relay.sqlite'));
  });

  it('resolves a given path and keeps :memory: as is', () => {
    expect(parseServerConfig({ COMPTOIR_DB_PATH: 'x/relay.db' }).dbPath).toBe(
      join(process.cwd(), 'x', 'relay.db'),
    );
    expect(parseServerConfig({ COMPTOIR_DB_PATH: ':memory:' }).dbPath).toBe(':memory:');
  });
});
