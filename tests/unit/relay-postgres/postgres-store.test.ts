/**
 * What the PostgreSQL store does beyond the shared contract: its versioned schema, its
 * durability guard, bytes kept verbatim, surviving dropped connections, and being chosen by
 * openBundleStore when COMPTOIR_DATABASE_URL is set.
 */
import { describe, expect, it, vi } from 'vitest';
import { openBundleStore } from '../../../sync-server/store/open-store';
import { POSTGRES_SCHEMA_VERSION } from '../../../sync-server/store/postgres-schema';
import { PostgresBundleStore } from '../../../sync-server/store/postgres-store';
import { bundle, entry } from '../relay-sqlite/helpers';
import { freshSchema, sql, testDatabaseUrl, usePostgresStores } from '../../pg/postgres';

const { open } = usePostgresStores();

describe('PostgresBundleStore schema', () => {
  it('records its schema version and refuses a database written by a newer relay', async () => {
    const url = await freshSchema('schema');
    await (await open(url)).close();
    expect(await sql(url, 'SELECT version FROM comptoir_schema')).toEqual([
      { version: POSTGRES_SCHEMA_VERSION },
    ]);
    await sql(url, 'UPDATE comptoir_schema SET version = $1', [POSTGRES_SCHEMA_VERSION + 1]);
    await expect(PostgresBundleStore.open({ connectionString: url })).rejects.toThrow(
      /schema version 2 is newer than this relay \(1\)/,
    );
  });

  it('migrates once when several relays open a fresh database at the same time', async () => {
    const url = await freshSchema('migrate');
    const stores = await Promise.all([open(url), open(url), open(url), open(url)]);
    expect(await sql(url, 'SELECT count(*)::int AS n FROM comptoir_schema')).toEqual([{ n: 1 }]);
    await stores[0]?.createVault(entry('v', 0, 'd'), 1);
    expect(await stores[3]?.deviceLog('v')).toHaveLength(1);
  });

  it('refuses a server that acknowledges commits before they are on disk', async () => {
    const url = new URL(await freshSchema('async'));
    url.searchParams.set('options', `${url.searchParams.get('options')} -c synchronous_commit=off`);
    await expect(PostgresBundleStore.open({ connectionString: url.toString() })).rejects.toThrow(
      /synchronous_commit=off/,
    );
  });
});

describe('PostgresBundleStore', () => {
  it('keeps bundle bytes verbatim: every byte value, and a 768 KiB bundle', async () => {
    const store = await open();
    await store.createVault(entry('v', 0, 'd'), 1);
    const every = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
    const big = Uint8Array.from({ length: 768 * 1024 }, (_, i) => (i * 7919) % 251);
    await store.putBundle(bundle('v', 'every', every.subarray(3, 300)));
    await store.putBundle(bundle('v', 'big', big));
    const [first, second] = await store.listBundles('v', 0, 10);
    expect(first?.bytes).toEqual(every.slice(3, 300));
    expect(second?.bytes.byteLength).toBe(big.byteLength);
    expect(Buffer.from(second?.bytes ?? []).equals(Buffer.from(big))).toBe(true);
    expect(await store.usage('v')).toBe(297 + big.byteLength);
  });

  it('reconnects after the server dropped its connections', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // Only this store's connections: other test files share the cluster.
    const url = new URL(await freshSchema('drop'));
    url.searchParams.set('application_name', `drop-${process.pid}`);
    const store = await open(url.toString());
    await store.createVault(entry('v', 0, 'd'), 1);
    const [killed] = await sql<{ n: number }>(
      testDatabaseUrl(),
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
       WHERE application_name = $1`,
      [`drop-${process.pid}`],
    );
    expect(killed?.n).toBeGreaterThan(0);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringMatching(/57P01/)), {
      timeout: 5_000,
    });
    expect(await store.deviceLog('v')).toHaveLength(1);
    warn.mockRestore();
  });

  it('rejects calls once closed; closing twice is fine', async () => {
    const store = await open();
    await store.close();
    await store.close();
    await expect(store.lastSeq('v')).rejects.toThrow(/closed/);
    await expect(store.putBundle(bundle('v', 'b', new Uint8Array(1)))).rejects.toThrow(/closed/);
  });
});

describe('openBundleStore with a database URL', () => {
  it('opens the PostgreSQL store', async () => {
    const store = await openBundleStore({ dbPath: 'unused', databaseUrl: await freshSchema() });
    expect(store).toBeInstanceOf(PostgresBundleStore);
    await store.close();
  });

  it('names the database, password masked, when it cannot open it', async () => {
    const url = new URL(testDatabaseUrl());
    url.password = 'wrong-secret';
    const error = await openBundleStore({ dbPath: 'unused', databaseUrl: url.toString() }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/^Cannot open the relay database postgres:\/\/postgres:\*\*\*@/);
    expect(error?.message).toMatch(/password authentication failed/);
    expect(error?.message).not.toContain('wrong-secret');
  });
});
