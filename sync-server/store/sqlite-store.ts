/**
 * The embedded {@link BundleStore}: one SQLite file through better-sqlite3 (12.x: 13.x
 * crashes on Node 20), WAL, `synchronous=FULL`. Schema and what it holds: `sqlite-schema.ts`.
 *
 * Reads run at once on the connection and see committed data only. Every write goes through
 * one {@link GroupCommit} queue, in call order: concurrent writes share one transaction and
 * one fsync, and each promise resolves only after that transaction committed, so an
 * acknowledged write survives `kill -9` (and power loss, with `synchronous=FULL`).
 * Idempotency, seq assignment and quota checks run inside the transaction, in call order.
 * Byte arrays passed to a write are bound when the batch runs: do not mutate them before
 * the promise settles.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  BundleStore,
  DeviceRecord,
  PutBundleResult,
  StoredBundle,
  StoredDeviceEntry,
} from './bundle-store';
import { GroupCommit, type GroupCommitStats } from './group-commit';
import {
  applySqlitePragmas,
  migrateSqlite,
  readSqlitePragmas,
  type SqlitePragmas,
} from './sqlite-schema';
import {
  fromBuffer,
  prepareStatements,
  toBuffer,
  toDeviceRecord,
  toStoredEntry,
  type SqliteStatements,
} from './sqlite-statements';

/** Expired nonces and mailboxes are purged at most this often, by the next write (ms). */
export const SQLITE_PURGE_INTERVAL_MS = 60_000;

/** Options of {@link SqliteBundleStore}. */
export interface SqliteBundleStoreOptions {
  /** Database file (its folder is created), or `:memory:` for a throw-away store. */
  readonly path: string;
  /** Cap on writes per transaction (default `GROUP_COMMIT_MAX_BATCH`). */
  readonly maxBatch?: number;
}

/** {@link BundleStore} on an SQLite file, with group commit. */
export class SqliteBundleStore implements BundleStore {
  readonly #db: Database.Database;
  readonly #sql: SqliteStatements;
  readonly #writes: GroupCommit;
  #closed = false;
  #lastPurge = Number.NEGATIVE_INFINITY;

  /**
   * Opens (creating if needed) and migrates the database.
   * @throws Error when the file cannot be opened or has a newer schema.
   */
  constructor(options: SqliteBundleStoreOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.#db = new Database(options.path);
    try {
      applySqlitePragmas(this.#db);
      migrateSqlite(this.#db);
      this.#sql = prepareStatements(this.#db);
    } catch (error) {
      this.#db.close();
      throw error;
    }
    this.#writes = new GroupCommit(this.#db, options.maxBatch);
  }

  /** Transactions committed and writes they carried (tests check the batching). */
  get commitStats(): GroupCommitStats {
    return this.#writes.stats;
  }

  /** Reads the pragmas back (tests, diagnostics). */
  pragmas(): SqlitePragmas {
    return readSqlitePragmas(this.#db);
  }

  async createVault(genesis: StoredDeviceEntry, createdAt: number): Promise<'created' | 'exists'> {
    return this.#write((sql) => {
      if (sql.vaultExists.get(genesis.vaultId) !== undefined) return 'exists';
      sql.insertVault.run(genesis.vaultId, createdAt);
      this.#insertEntry(genesis);
      sql.insertDevice.run(genesis.deviceId, genesis.vaultId, toBuffer(genesis.signPublicKey));
      return 'created';
    });
  }

  async deviceLog(vaultId: string): Promise<StoredDeviceEntry[]> {
    return this.#read((sql) => sql.deviceLog.all(vaultId).map(toStoredEntry));
  }

  async appendDeviceEntry(entry: StoredDeviceEntry): Promise<'appended' | 'conflict'> {
    return this.#write((sql) => {
      const last = sql.lastLogSeq.get(entry.vaultId) ?? null;
      if (last === null || entry.seq !== last + 1 || entry.kind === 'genesis') return 'conflict';
      this.#insertEntry(entry);
      if (entry.kind === 'add') {
        sql.insertDevice.run(entry.deviceId, entry.vaultId, toBuffer(entry.signPublicKey));
      } else {
        sql.revokeDevice.run(entry.deviceId, entry.vaultId);
      }
      return 'appended';
    });
  }

  async device(deviceId: string): Promise<DeviceRecord | null> {
    return this.#read((sql) => {
      const row = sql.device.get(deviceId);
      return row === undefined ? null : toDeviceRecord(row);
    });
  }

  async putBundle(input: {
    vaultId: string;
    bundleId: string;
    deviceId: string;
    bytes: Uint8Array;
    receivedAt: number;
    quotaBytes: number;
  }): Promise<PutBundleResult> {
    const bytes = toBuffer(input.bytes);
    return this.#write((sql): PutBundleResult => {
      const existing = sql.bundleById.get(input.vaultId, input.bundleId);
      if (existing !== undefined) {
        return existing.bytes.equals(bytes)
          ? { status: 'duplicate', seq: existing.seq }
          : { status: 'conflict' };
      }
      const usage = sql.usage.get(input.vaultId) ?? { last_seq: 0, usage_bytes: 0 };
      if (usage.usage_bytes + bytes.byteLength > input.quotaBytes) return { status: 'quota' };
      const seq = usage.last_seq + 1;
      sql.insertBundle.run(
        input.vaultId,
        seq,
        input.bundleId,
        input.deviceId,
        bytes,
        bytes.byteLength,
        input.receivedAt,
      );
      sql.upsertUsage.run(input.vaultId, seq, usage.usage_bytes + bytes.byteLength);
      return { status: 'stored', seq };
    });
  }

  async listBundles(vaultId: string, after: number, limit: number): Promise<StoredBundle[]> {
    return this.#read((sql) =>
      sql.listBundles.all(vaultId, after, limit).map((row) => ({
        seq: row.seq,
        bytes: fromBuffer(row.bytes),
      })),
    );
  }

  async lastSeq(vaultId: string): Promise<number> {
    return this.#read((sql) => sql.usage.get(vaultId)?.last_seq ?? 0);
  }

  async usage(vaultId: string): Promise<number> {
    return this.#read((sql) => sql.usage.get(vaultId)?.usage_bytes ?? 0);
  }

  async deleteBundlesReceivedBefore(before: number): Promise<number> {
    return this.#write((sql) => {
      sql.shrinkUsage.run({ before });
      return sql.deleteOldBundles.run(before).changes;
    });
  }

  async rememberNonce(
    deviceId: string,
    nonce: string,
    expiresAt: number,
    now: number,
  ): Promise<boolean> {
    return this.#write((sql) => {
      this.#purgeExpired(now);
      const seenUntil = sql.nonceExpiry.get(deviceId, nonce);
      if (seenUntil !== undefined && seenUntil > now) return false;
      sql.upsertNonce.run(deviceId, nonce, expiresAt);
      return true;
    });
  }

  async putMailbox(
    id: string,
    bytes: Uint8Array,
    expiresAt: number,
    now: number,
  ): Promise<boolean> {
    const blob = toBuffer(bytes);
    return this.#write((sql) => {
      this.#purgeExpired(now);
      const existing = sql.mailbox.get(id);
      if (existing !== undefined && existing.expires_at > now) return false;
      sql.upsertMailbox.run(id, blob, expiresAt);
      return true;
    });
  }

  async takeMailbox(id: string, now: number): Promise<Uint8Array | null> {
    return this.#write((sql) => {
      const row = sql.mailbox.get(id);
      if (row === undefined) return null;
      sql.deleteMailbox.run(id);
      return row.expires_at > now ? fromBuffer(row.bytes) : null;
    });
  }

  /** Commits every queued write, then closes the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#writes.flush();
    this.#db.close();
  }

  #read<T>(query: (sql: SqliteStatements) => T): T {
    this.#assertOpen();
    return query(this.#sql);
  }

  #write<T>(job: (sql: SqliteStatements) => T): Promise<T> {
    this.#assertOpen();
    return this.#writes.run(() => job(this.#sql));
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('The relay store is closed.');
  }

  #insertEntry(entry: StoredDeviceEntry): void {
    const { vaultId, seq, deviceId, kind, signPublicKey, hash, json } = entry;
    this.#sql.insertLogEntry.run(vaultId, seq, deviceId, kind, toBuffer(signPublicKey), hash, json);
  }

  /** Lazy purge of expired nonces and mailboxes, inside the current write transaction. */
  #purgeExpired(now: number): void {
    if (now - this.#lastPurge < SQLITE_PURGE_INTERVAL_MS) return;
    this.#lastPurge = now;
    this.#sql.purgeNonces.run(now);
    this.#sql.purgeMailboxes.run(now);
  }
}
