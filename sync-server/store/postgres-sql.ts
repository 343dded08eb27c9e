/**
 * The SQL of {@link PostgresBundleStore} and the row shapes it reads (column names as in
 * `postgres-schema.ts`). `bigint` columns arrive as strings (node-postgres keeps int8 exact,
 * https://node-postgres.com/features/types): the mappers turn them into numbers, which are
 * exact here (seqs, byte counts and epoch ms stay far below 2^53).
 */
import type { DeviceRecord, StoredDeviceEntry } from './bundle-store';

/** A `device_log` row. */
export interface PgDeviceLogRow {
  vault_id: string;
  seq: number;
  device_id: string;
  kind: 'genesis' | 'add' | 'revoke';
  sign_pk: Buffer;
  hash: string;
  json: string;
}

/** A `devices` row. */
export interface PgDeviceRow {
  device_id: string;
  vault_id: string;
  sign_pk: Buffer;
  revoked: boolean;
}

/** Every statement of the store; `$n` parameters in the order the store passes them. */
export const SQL = {
  insertVault: `INSERT INTO vaults (vault_id, created_at) VALUES ($1, $2)
                ON CONFLICT (vault_id) DO NOTHING RETURNING vault_id`,
  insertLogEntry: `INSERT INTO device_log (vault_id, seq, device_id, kind, sign_pk, hash, json)
                   VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  /**
   * Appends only at last + 1; the primary key (vault, seq) settles concurrent appends of the
   * same seq: the loser waits for the winner's commit, then inserts nothing.
   */
  appendLogEntry: `INSERT INTO device_log (vault_id, seq, device_id, kind, sign_pk, hash, json)
                   SELECT $1::text, $2::integer, $3::text, $4::text, $5::bytea, $6::text, $7::text
                   WHERE (SELECT max(seq) FROM device_log WHERE vault_id = $1) = $2::integer - 1
                   ON CONFLICT (vault_id, seq) DO NOTHING RETURNING seq`,
  deviceLog: 'SELECT * FROM device_log WHERE vault_id = $1 ORDER BY seq',
  device: 'SELECT * FROM devices WHERE device_id = $1',
  insertDevice: `INSERT INTO devices (device_id, vault_id, sign_pk, revoked)
                 VALUES ($1, $2, $3, false)`,
  revokeDevice: 'UPDATE devices SET revoked = true WHERE device_id = $1 AND vault_id = $2',
  /**
   * Creates the vault's counter row if needed and locks it until the transaction ends: every
   * push to the vault, from any relay, passes here one at a time.
   */
  lockUsage: `INSERT INTO vault_usage (vault_id, last_seq, usage_bytes) VALUES ($1, 0, 0)
              ON CONFLICT (vault_id) DO UPDATE SET last_seq = vault_usage.last_seq
              RETURNING last_seq, usage_bytes`,
  bundleById: 'SELECT seq, bytes FROM bundles WHERE vault_id = $1 AND bundle_id = $2',
  /** Takes seq $2 and stores the bundle, in one statement (the counter row is locked). */
  storeBundle: `WITH counted AS (
                  UPDATE vault_usage SET last_seq = $2, usage_bytes = usage_bytes + $6
                  WHERE vault_id = $1
                )
                INSERT INTO bundles (vault_id, seq, bundle_id, device_id, bytes, size, received_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  listBundles: `SELECT seq, bytes FROM bundles WHERE vault_id = $1 AND seq > $2
                ORDER BY seq LIMIT $3`,
  usage: 'SELECT last_seq, usage_bytes FROM vault_usage WHERE vault_id = $1',
  /**
   * Retention in one statement: delete, then give the bytes back to each vault's quota. A row
   * another sweep deleted first is not returned here, so no byte is given back twice.
   */
  deleteOldBundles: `WITH gone AS (
                       DELETE FROM bundles WHERE received_at < $1 RETURNING vault_id, size
                     ), freed AS (
                       SELECT vault_id, sum(size) AS bytes, count(*) AS n
                       FROM gone GROUP BY vault_id
                     ), shrunk AS (
                       UPDATE vault_usage u SET usage_bytes = u.usage_bytes - f.bytes
                       FROM freed f WHERE u.vault_id = f.vault_id
                     )
                     SELECT coalesce(sum(n), 0) AS deleted FROM freed`,
  /** Records the nonce unless an unexpired copy exists; returns a row when recorded. */
  rememberNonce: `INSERT INTO nonces (device_id, nonce, expires_at) VALUES ($1, $2, $3)
                  ON CONFLICT (device_id, nonce) DO UPDATE SET expires_at = excluded.expires_at
                  WHERE nonces.expires_at <= $4 RETURNING 1 AS recorded`,
  purgeNonces: 'DELETE FROM nonces WHERE expires_at <= $1',
  /** Fills the mailbox unless it holds unexpired content; returns a row when filled. */
  putMailbox: `INSERT INTO mailboxes (id, bytes, expires_at) VALUES ($1, $2, $3)
               ON CONFLICT (id) DO UPDATE
               SET bytes = excluded.bytes, expires_at = excluded.expires_at
               WHERE mailboxes.expires_at <= $4 RETURNING 1 AS filled`,
  /** One-shot: of two concurrent takers, only one gets the row. */
  takeMailbox: 'DELETE FROM mailboxes WHERE id = $1 RETURNING bytes, expires_at',
  purgeMailboxes: 'DELETE FROM mailboxes WHERE expires_at <= $1',
} as const;

/** A zero-copy Buffer view of `bytes` (node-postgres sends Buffers as bytea). */
export function toPgBytes(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A plain Uint8Array copy of a bytea read back (a Buffer may share Node's pool). */
export function fromPgBytes(bytea: Buffer): Uint8Array {
  return new Uint8Array(bytea);
}

/** A `device_log` row as the interface's entry. */
export function toPgStoredEntry(row: PgDeviceLogRow): StoredDeviceEntry {
  return {
    vaultId: row.vault_id,
    seq: row.seq,
    deviceId: row.device_id,
    kind: row.kind,
    signPublicKey: fromPgBytes(row.sign_pk),
    hash: row.hash,
    json: row.json,
  };
}

/** A `devices` row as the interface's record. */
export function toPgDeviceRecord(row: PgDeviceRow): DeviceRecord {
  return {
    deviceId: row.device_id,
    vaultId: row.vault_id,
    signPublicKey: fromPgBytes(row.sign_pk),
    revoked: row.revoked,
  };
}

/** The values of a device-log entry, in the column order of `insertLogEntry`. */
export function logEntryValues(entry: StoredDeviceEntry): unknown[] {
  const { vaultId, seq, deviceId, kind, signPublicKey, hash, json } = entry;
  return [vaultId, seq, deviceId, kind, toPgBytes(signPublicKey), hash, json];
}
