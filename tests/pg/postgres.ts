/**
 * Test-side access to the private PostgreSQL cluster started by `global-setup.ts`: its URL,
 * and stores each in a fresh schema of their own (via `search_path` in the URL), so that
 * tests never see each other's rows. Closed after each test.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, inject } from 'vitest';
import { PostgresBundleStore } from '../../sync-server/store/postgres-store';
import type {} from './provided';

/**
 * The test database's URL.
 * @throws Error when the cluster did not start (the test then fails with the reason).
 */
export function testDatabaseUrl(): string {
  const provided = inject('postgres');
  if (provided === undefined) {
    throw new Error('No PostgreSQL test cluster: run this file in the "postgres" project.');
  }
  if (provided.url === null) {
    throw new Error(`The PostgreSQL test cluster did not start: ${provided.error}`);
  }
  return provided.url;
}

/** `url` with every connection's `search_path` set to `schema` (libpq `options`). */
export function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

/** Runs `sql` on a one-off connection to `url`. */
export async function sql<R extends object = object>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Creates a fresh, empty schema; resolves the URL whose connections use it. */
export async function freshSchema(tag = 't'): Promise<string> {
  const url = testDatabaseUrl();
  const schema = `${tag}_${process.pid}_${randomBytes(6).toString('hex')}`;
  await sql(url, `CREATE SCHEMA ${schema}`);
  return withSchema(url, schema);
}

/** Opens stores (each in a fresh schema unless given a URL) and closes them after each test. */
export function usePostgresStores(): {
  open: (url?: string) => Promise<PostgresBundleStore>;
} {
  const stores: PostgresBundleStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });
  return {
    open: async (url) => {
      const store = await PostgresBundleStore.open({
        connectionString: url ?? (await freshSchema()),
      });
      stores.push(store);
      return store;
    },
  };
}
