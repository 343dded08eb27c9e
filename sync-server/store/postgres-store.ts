/**
 * The {@link BundleStore} for several stateless relays behind a load balancer: one PostgreSQL
 * database through node-postgres (`pg` 8.23), with a `pg.Pool` per relay
 * (`postgres-pool.ts`). Schema and what it holds: `postgres-schema.ts`; the statements:
 * `postgres-sql.ts`.
 *
 * Correct with any number of relays on the same database, because every decision is taken
 * by PostgreSQL inside one transaction (READ COMMITTED):
 * - a push locks its vault's `vault_usage` row first, so pushes to one vault run one at a
 *   time across relays: the idempotency check, the quota check and the next seq
 *   (`last_seq + 1`, never reused, also after retention deletes) see every committed push;
 * - device-log appends, vault creation, nonces and mailboxes rely on unique keys with
 *   `ON CONFLICT`, so of two concurrent writers exactly one wins.
 * Durability: a write resolves after its COMMIT returned, and the store refuses to open on
 * a server with `fsync` or `synchronous_commit` off, so an acknowledged write is on disk.
 */
import type { Pool } from 'pg';
import type {
  BundleStore,
  DeviceRecord,
  PutBundleResult,
  StoredBundle,
  StoredDeviceEntry,
} from './bundle-store';
import { createPostgresPool, inTransaction, type PostgresTx } from './postgres-pool';
import { assertPostgresDurable, migratePostgres } from './postgres-schema';
import {
  fromPgBytes,
  logEntryValues,
  SQL,
  toPgBytes,
  toPgDeviceRecord,
  toPgStoredEntry,
  type PgDeviceLogRow,
  type PgDeviceRow,
} from './postgres-sql';

/** Expired nonces and mailboxes are purged at most this often per relay, by a write (ms). */
export const POSTGRES_PURGE_INTERVAL_MS = 60_000;

/** Options of {@link PostgresBundleStore.open}. */
export interface PostgresBundleStoreOptions {
  /**
   * A `postgres://` URL (libpq style, https://node-postgres.com/features/connecting). Query
   * parameters pass through, e.g. `?options=-c%20search_path%3Drelay` for a schema.
   */
  readonly connectionString: string;
  /** Connections in this relay's pool (default `POSTGRES_POOL_SIZE`, 10). */
  readonly poolSize?: number;
}

/** {@link BundleStore} on a PostgreSQL database shared by any number of relays. */
export class PostgresBundleStore implements BundleStore {
  readonly #pool: Pool;
  #closed = false;
  #lastPurge = Number.NEGATIVE_INFINITY;

  private constructor(pool: Pool) {
    this.#pool = pool;
  }

  /**
   * Connects, checks durability settings and migrates the schema.
   * @throws Error when the server cannot be reached, is not durable, or has a newer schema.
   */
  static async open(options: PostgresBundleStoreOptions): Promise<PostgresBundleStore> {
    const pool = createPostgresPool(options.connectionString, options.poolSize);
    const store = new PostgresBundleStore(pool);
    try {
      await store.#transaction(async (db) => {
        await assertPostgresDurable(db);
        await migratePostgres(db);
      });
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  async createVault(genesis: StoredDeviceEntry, createdAt: number): Promise<'created' | 'exists'> {
    return this.#transaction(async (db) => {
      const created = await db.query(SQL.insertVault, [genesis.vaultId, createdAt]);
      if (created.rowCount === 0) return 'exists';
      await db.query(SQL.insertLogEntry, logEntryValues(genesis));
      await db.query(SQL.insertDevice, [
        genesis.deviceId,
        genesis.vaultId,
        toPgBytes(genesis.signPublicKey),
      ]);
      return 'created';
    });
  }

  async deviceLog(vaultId: string): Promise<StoredDeviceEntry[]> {
    const { rows } = await this.#query<PgDeviceLogRow>(SQL.deviceLog, [vaultId]);
    return rows.map(toPgStoredEntry);
  }

  async appendDeviceEntry(entry: StoredDeviceEntry): Promise<'appended' | 'conflict'> {
    if (entry.kind === 'genesis') return 'conflict';
    return this.#transaction(async (db) => {
      const appended = await db.query(SQL.appendLogEntry, logEntryValues(entry));
      if (appended.rowCount === 0) return 'conflict';
      if (entry.kind === 'add') {
        const key = toPgBytes(entry.signPublicKey);
        await db.query(SQL.insertDevice, [entry.deviceId, entry.vaultId, key]);
      } else {
        await db.query(SQL.revokeDevice, [entry.deviceId, entry.vaultId]);
      }
      return 'appended';
    });
  }

  async device(deviceId: string): Promise<DeviceRecord | null> {
    const { rows } = await this.#query<PgDeviceRow>(SQL.device, [deviceId]);
    return rows[0] === undefined ? null : toPgDeviceRecord(rows[0]);
  }

  async putBundle(input: {
    vaultId: string;
    bundleId: string;
    deviceId: string;
    bytes: Uint8Array;
    receivedAt: number;
    quotaBytes: number;
  }): Promise<PutBundleResult> {
    const bytes = toPgBytes(input.bytes);
    return this.#transaction(async (db): Promise<PutBundleResult> => {
      // Lock first, then look: a concurrent push of the same bundle id has committed by now.
      const locked = await db.query<{ last_seq: string; usage_bytes: string }>(SQL.lockUsage, [
        input.vaultId,
      ]);
      const existing = await db.query<{ seq: string; bytes: Buffer }>(SQL.bundleById, [
        input.vaultId,
        input.bundleId,
      ]);
      const found = existing.rows[0];
      if (found !== undefined) {
        return found.bytes.equals(bytes)
          ? { status: 'duplicate', seq: Number(found.seq) }
          : { status: 'conflict' };
      }
      const usage = Number(locked.rows[0]?.usage_bytes ?? 0);
      if (usage + bytes.byteLength > input.quotaBytes) return { status: 'quota' };
      const seq = Number(locked.rows[0]?.last_seq ?? 0) + 1;
      const { vaultId, bundleId, deviceId, receivedAt } = input;
      await db.query(SQL.storeBundle, [
        vaultId,
        seq,
        bundleId,
        deviceId,
        bytes,
        bytes.byteLength,
        receivedAt,
      ]);
      return { status: 'stored', seq };
    });
  }

  async listBundles(vaultId: string, after: number, limit: number): Promise<StoredBundle[]> {
    const { rows } = await this.#query<{ seq: string; bytes: Buffer }>(SQL.listBundles, [
      vaultId,
      after,
      limit,
    ]);
    return rows.map((row) => ({ seq: Number(row.seq), bytes: fromPgBytes(row.bytes) }));
  }

  async lastSeq(vaultId: string): Promise<number> {
    const { rows } = await this.#query<{ last_seq: string }>(SQL.usage, [vaultId]);
    return Number(rows[0]?.last_seq ?? 0);
  }

  async usage(vaultId: string): Promise<number> {
    const { rows } = await this.#query<{ usage_bytes: string }>(SQL.usage, [vaultId]);
    return Number(rows[0]?.usage_bytes ?? 0);
  }

  async deleteBundlesReceivedBefore(before: number): Promise<number> {
    return this.#transaction(async (db) => {
      const { rows } = await db.query<{ deleted: string }>(SQL.deleteOldBundles, [before]);
      return Number(rows[0]?.deleted ?? 0);
    });
  }

  async rememberNonce(
    deviceId: string,
    nonce: string,
    expiresAt: number,
    now: number,
  ): Promise<boolean> {
    await this.#purgeExpired(now);
    const { rows } = await this.#query(SQL.rememberNonce, [deviceId, nonce, expiresAt, now]);
    return rows.length === 1;
  }

  async putMailbox(
    id: string,
    bytes: Uint8Array,
    expiresAt: number,
    now: number,
  ): Promise<boolean> {
    await this.#purgeExpired(now);
    const { rows } = await this.#query(SQL.putMailbox, [id, toPgBytes(bytes), expiresAt, now]);
    return rows.length === 1;
  }

  async takeMailbox(id: string, now: number): Promise<Uint8Array | null> {
    const { rows } = await this.#query<{ bytes: Buffer; expires_at: string }>(SQL.takeMailbox, [
      id,
    ]);
    const row = rows[0];
    return row !== undefined && Number(row.expires_at) > now ? fromPgBytes(row.bytes) : null;
  }

  /**
   * Waits for the queries in flight, then closes every connection. Idempotent. Writes that
   * resolved are committed; none is pending inside the store.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  #query<R extends object = object>(text: string, values: unknown[]) {
    this.#assertOpen();
    return this.#pool.query<R>(text, values);
  }

  #transaction<T>(job: (tx: PostgresTx) => Promise<T>): Promise<T> {
    this.#assertOpen();
    return inTransaction(this.#pool, job);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('The relay store is closed.');
  }

  /** Lazy purge of expired nonces and mailboxes (each relay at most once per interval). */
  async #purgeExpired(now: number): Promise<void> {
    if (now - this.#lastPurge < POSTGRES_PURGE_INTERVAL_MS) return;
    this.#lastPurge = now;
    await this.#query(SQL.purgeNonces, [now]);
    await this.#query(SQL.purgeMailboxes, [now]);
  }
}
