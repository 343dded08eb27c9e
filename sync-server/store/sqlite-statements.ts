/**
 * The prepared statements of {@link SqliteBundleStore}, compiled once per connection, and the
 * row shapes they return (column names as in `sqlite-schema.ts`).
 */
import type Database from 'better-sqlite3';
import type { DeviceRecord, StoredDeviceEntry } from './bundle-store';

/** A `device_log` row. */
export interface DeviceLogRow {
  vault_id: string;
  seq: number;
  device_id: string;
  kind: 'genesis' | 'add' | 'revoke';
  sign_pk: Buffer;
  hash: string;
  json: string;
}

/** A `devices` row. */
export interface DeviceRow {
  device_id: string;
  vault_id: string;
  sign_pk: Buffer;
  revoked: number;
}

/** A `vault_usage` row. */
export interface UsageRow {
  last_seq: number;
  usage_bytes: number;
}

/** Prepares every statement the store uses on `db` (schema already migrated). */
export function prepareStatements(db: Database.Database) {
  return {
    vaultExists: db.prepare<[string], 1>('SELECT 1 FROM vaults WHERE vault_id = ?').pluck(),
    insertVault: db.prepare<[string, number]>(
      'INSERT INTO vaults (vault_id, created_at) VALUES (?, ?)',
    ),
    deviceLog: db.prepare<[string], DeviceLogRow>(
      'SELECT * FROM device_log WHERE vault_id = ? ORDER BY seq',
    ),
    lastLogSeq: db
      .prepare<[string], number | null>('SELECT MAX(seq) FROM device_log WHERE vault_id = ?')
      .pluck(),
    insertLogEntry: db.prepare<[string, number, string, string, Buffer, string, string]>(
      `INSERT INTO device_log (vault_id, seq, device_id, kind, sign_pk, hash, json)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    device: db.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE device_id = ?'),
    insertDevice: db.prepare<[string, string, Buffer]>(
      'INSERT INTO devices (device_id, vault_id, sign_pk, revoked) VALUES (?, ?, ?, 0)',
    ),
    revokeDevice: db.prepare<[string, string]>(
      'UPDATE devices SET revoked = 1 WHERE device_id = ? AND vault_id = ?',
    ),
    usage: db.prepare<[string], UsageRow>(
      'SELECT last_seq, usage_bytes FROM vault_usage WHERE vault_id = ?',
    ),
    upsertUsage: db.prepare<[string, number, number]>(
      `INSERT INTO vault_usage (vault_id, last_seq, usage_bytes) VALUES (?, ?, ?)
       ON CONFLICT (vault_id) DO UPDATE
       SET last_seq = excluded.last_seq, usage_bytes = excluded.usage_bytes`,
    ),
    bundleById: db.prepare<[string, string], { seq: number; bytes: Buffer }>(
      'SELECT seq, bytes FROM bundles WHERE vault_id = ? AND bundle_id = ?',
    ),
    insertBundle: db.prepare<[string, number, string, string, Buffer, number, number]>(
      `INSERT INTO bundles (vault_id, seq, bundle_id, device_id, bytes, size, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    listBundles: db.prepare<[string, number, number], { seq: number; bytes: Buffer }>(
      'SELECT seq, bytes FROM bundles WHERE vault_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    // Retention: usage first (while the rows still exist), then the rows themselves.
    shrinkUsage: db.prepare<[{ before: number }]>(
      `UPDATE vault_usage SET usage_bytes = usage_bytes - (
         SELECT COALESCE(SUM(size), 0) FROM bundles b
         WHERE b.vault_id = vault_usage.vault_id AND b.received_at < @before)
       WHERE vault_id IN (SELECT vault_id FROM bundles WHERE received_at < @before)`,
    ),
    deleteOldBundles: db.prepare<[number]>('DELETE FROM bundles WHERE received_at < ?'),
    nonceExpiry: db
      .prepare<[string, string], number>(
        'SELECT expires_at FROM nonces WHERE device_id = ? AND nonce = ?',
      )
      .pluck(),
    upsertNonce: db.prepare<[string, string, number]>(
      'INSERT OR REPLACE INTO nonces (device_id, nonce, expires_at) VALUES (?, ?, ?)',
    ),
    purgeNonces: db.prepare<[number]>('DELETE FROM nonces WHERE expires_at <= ?'),
    mailbox: db.prepare<[string], { bytes: Buffer; expires_at: number }>(
      'SELECT bytes, expires_at FROM mailboxes WHERE id = ?',
    ),
    upsertMailbox: db.prepare<[string, Buffer, number]>(
      'INSERT OR REPLACE INTO mailboxes (id, bytes, expires_at) VALUES (?, ?, ?)',
    ),
    deleteMailbox: db.prepare<[string]>('DELETE FROM mailboxes WHERE id = ?'),
    purgeMailboxes: db.prepare<[number]>('DELETE FROM mailboxes WHERE expires_at <= ?'),
  };
}

/** The statements of one connection. */
export type SqliteStatements = ReturnType<typeof prepareStatements>;

/** A zero-copy Buffer view of `bytes` (better-sqlite3 binds Buffers as BLOBs). */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A plain Uint8Array copy of a BLOB read back: callers compare it to Uint8Arrays, and a
 * small Buffer may share Node's pool, whose `.buffer` must not leak out.
 */
export function fromBuffer(blob: Buffer): Uint8Array {
  return new Uint8Array(blob);
}

/** A `device_log` row as the interface's entry. */
export function toStoredEntry(row: DeviceLogRow): StoredDeviceEntry {
  return {
    vaultId: row.vault_id,
    seq: row.seq,
    deviceId: row.device_id,
    kind: row.kind,
    signPublicKey: fromBuffer(row.sign_pk),
    hash: row.hash,
    json: row.json,
  };
}

/** A `devices` row as the interface's record. */
export function toDeviceRecord(row: DeviceRow): DeviceRecord {
  return {
    deviceId: row.device_id,
    vaultId: row.vault_id,
    signPublicKey: fromBuffer(row.sign_pk),
    revoked: row.revoked !== 0,
  };
}
