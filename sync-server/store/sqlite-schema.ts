/**
 * The relay's SQLite schema: one versioned declaration, applied by {@link migrateSqlite}.
 *
 * What is stored — and what is not: the relay keeps only what it needs to route and
 * authenticate. Bundles are the devices' signed ciphertext, stored verbatim and opaque;
 * device-log entries are signed JSON holding public keys, device names chosen by staff and
 * hashes; nonces and mailbox contents are opaque. Never plaintext visit data, never a
 * private key.
 *
 * | table      | row                                 | holds                                       |
 * | ---------- | ----------------------------------- | ------------------------------------------- |
 * | vaults     | one vault                           | creation time                               |
 * | vault_usage| one vault that has had bundles      | last server seq, bytes stored (quota)       |
 * | devices    | one device (any vault)              | vault, Ed25519 public key, revoked flag     |
 * | device_log | one signed entry, PK (vault, seq)   | kind, public key, entry hash, entry JSON    |
 * | bundles    | one bundle, PK (vault, seq)         | bundle id (unique per vault), author, bytes |
 * | nonces     | one request nonce, PK (device, n)   | expiry (replay cache, purged lazily)        |
 * | mailboxes  | one pairing mailbox                 | opaque bytes, expiry                        |
 *
 * `vault_usage.last_seq` is kept apart from `MAX(bundles.seq)` so that a retention sweep
 * never lets a seq be reused; `vault_usage.usage_bytes` is the quota counter, kept equal to
 * `SUM(bundles.size)` in the same transaction as each insert or delete. Bundles reference
 * no vault row on purpose: the relay checks membership before storing, and the store stays
 * usable on its own (as the in-memory store is).
 *
 * Versions (frozen once released; add a step, never edit one):
 * - 1: the tables above.
 */
import type Database from 'better-sqlite3';

/** The schema version this code writes (`PRAGMA user_version`). */
export const SQLITE_SCHEMA_VERSION = 1;

/** How long a writer waits for another connection's lock before failing (ms). */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** Migration steps: `MIGRATIONS[i]` brings the schema from version i to i + 1. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE vaults (
    vault_id    TEXT    PRIMARY KEY,
    created_at  INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE vault_usage (
    vault_id    TEXT    PRIMARY KEY,
    last_seq    INTEGER NOT NULL,
    usage_bytes INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE devices (
    device_id TEXT    PRIMARY KEY,
    vault_id  TEXT    NOT NULL REFERENCES vaults (vault_id),
    sign_pk   BLOB    NOT NULL,
    revoked   INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX devices_by_vault ON devices (vault_id);
  CREATE TABLE device_log (
    vault_id  TEXT    NOT NULL REFERENCES vaults (vault_id),
    seq       INTEGER NOT NULL,
    device_id TEXT    NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('genesis', 'add', 'revoke')),
    sign_pk   BLOB    NOT NULL,
    hash      TEXT    NOT NULL,
    json      TEXT    NOT NULL,
    PRIMARY KEY (vault_id, seq)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE bundles (
    vault_id    TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    bundle_id   TEXT    NOT NULL,
    device_id   TEXT    NOT NULL,
    bytes       BLOB    NOT NULL,
    size        INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (vault_id, seq),
    UNIQUE (vault_id, bundle_id)
  ) STRICT;
  CREATE INDEX bundles_by_received_at ON bundles (received_at);
  CREATE TABLE nonces (
    device_id  TEXT    NOT NULL,
    nonce      TEXT    NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (device_id, nonce)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX nonces_by_expiry ON nonces (expires_at);
  CREATE TABLE mailboxes (
    id         TEXT    PRIMARY KEY,
    bytes      BLOB    NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX mailboxes_by_expiry ON mailboxes (expires_at);
  `,
];

/** WAL frames (pages) between automatic checkpoints. */
export const SQLITE_WAL_AUTOCHECKPOINT = 10_000;

/**
 * Sets the connection pragmas: WAL with `synchronous=FULL` so that every commit is fsynced
 * before it returns (https://www.sqlite.org/pragma.html#pragma_synchronous), foreign keys,
 * and a busy timeout. `:memory:` databases stay in `memory` journal mode.
 *
 * The WAL is checkpointed into the database file every {@link SQLITE_WAL_AUTOCHECKPOINT}
 * frames instead of SQLite's default 1,000: at ~3,000 pushes/s the default ran a checkpoint
 * (with its own fsyncs, on the event loop) about every second; the push benchmark went from
 * ≈ 3,200 to ≈ 3,900/s. Durability is unchanged (every commit is in the fsynced WAL); the
 * price is a WAL file of up to ≈ 40 MB and a longer replay after a crash.
 * https://www.sqlite.org/c3ref/wal_autocheckpoint.html
 */
export function applySqlitePragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`wal_autocheckpoint = ${SQLITE_WAL_AUTOCHECKPOINT}`);
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
}

/**
 * Brings the database to {@link SQLITE_SCHEMA_VERSION}, one transaction per step.
 * @throws Error when the file was written by a newer version of the relay.
 */
export function migrateSqlite(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SQLITE_SCHEMA_VERSION) {
    throw new Error(
      `Relay database schema version ${current} is newer than this relay (${SQLITE_SCHEMA_VERSION}); upgrade the relay.`,
    );
  }
  for (let version = current; version < SQLITE_SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (step === undefined) throw new Error(`Missing relay schema migration ${version + 1}.`);
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** The connection settings actually in force, read back from SQLite. */
export interface SqlitePragmas {
  readonly journalMode: string;
  /** 2 = FULL. */
  readonly synchronous: number;
  readonly foreignKeys: number;
  readonly busyTimeout: number;
  readonly walAutocheckpoint: number;
  readonly userVersion: number;
}

/** Reads back the connection settings in force (tests and diagnostics). */
export function readSqlitePragmas(db: Database.Database): SqlitePragmas {
  const get = (name: string): unknown => db.pragma(name, { simple: true });
  return {
    journalMode: String(get('journal_mode')),
    synchronous: Number(get('synchronous')),
    foreignKeys: Number(get('foreign_keys')),
    busyTimeout: Number(get('busy_timeout')),
    walAutocheckpoint: Number(get('wal_autocheckpoint')),
    userVersion: Number(get('user_version')),
  };
}
