/**
 * The connection side of {@link PostgresBundleStore}: a `pg.Pool` that survives dropped
 * connections, and transactions on it that retry a deadlock victim. Used by
 * `postgres-store.ts` (and, for NOTIFY, by `postgres-notify.ts`).
 */
import { DatabaseError, Pool, type PoolClient } from 'pg';

/** Connections per relay process (node-postgres' default). */
export const POSTGRES_POOL_SIZE = 10;

/** How long a request waits for a free connection or a new one before failing (ms). */
export const POSTGRES_CONNECT_TIMEOUT_MS = 10_000;

/** Attempts of a transaction that PostgreSQL aborted as a deadlock victim. */
const DEADLOCK_ATTEMPTS = 3;

/** What a transaction's job may run (a client inside BEGIN … COMMIT). */
export type PostgresTx = Pick<PoolClient, 'query'>;

/**
 * A pool on `connectionString` (https://node-postgres.com/apis/pool). Connections open
 * lazily; an idle one the server dropped is removed and logged (code only, after `label`),
 * and the next query opens a new one. Without a listener that 'error' event would end the
 * process.
 */
export function createPostgresPool(
  connectionString: string,
  size = POSTGRES_POOL_SIZE,
  label = 'relay store',
): Pool {
  const pool = new Pool({
    connectionString,
    max: size,
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
  });
  pool.on('error', (error: Error & { code?: string }) => {
    console.warn(`${label}: idle PostgreSQL connection lost (${error.code ?? 'no code'})`);
  });
  return pool;
}

/**
 * Runs `job` in one transaction (READ COMMITTED) on one connection and resolves after
 * COMMIT returned. A deadlock victim (SQLSTATE 40P01, possible between two retention sweeps)
 * is run again: PostgreSQL rolled it back whole.
 * @throws the job's or the database's error, after ROLLBACK.
 */
export async function inTransaction<T>(
  pool: Pool,
  job: (tx: PostgresTx) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transactionOnce(pool, job);
    } catch (error) {
      const deadlock = error instanceof DatabaseError && error.code === '40P01';
      if (!deadlock || attempt >= DEADLOCK_ATTEMPTS) throw error;
    }
  }
}

async function transactionOnce<T>(pool: Pool, job: (tx: PostgresTx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection lost mid-transaction rejects the query in flight; without a listener its
  // 'error' event would also end the process.
  const onError = (): void => {};
  client.on('error', onError);
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await job(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is destroyed instead of going back to the pool.
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
