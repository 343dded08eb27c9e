/**
 * The relay's PostgreSQL schema: one versioned declaration, applied by {@link migratePostgres}.
 * It holds what the SQLite schema holds (see `sqlite-schema.ts` for what is stored and what is
 * never stored), in the tables of the connection's current schema (`search_path`):
 *
 * | table           | row                               | holds                                 |
 * | --------------- | --------------------------------- | ------------------------------------- |
 * | comptoir_schema | exactly one                       | the schema version written            |
 * | vaults          | one vault                         | creation time                         |
 * | vault_usage     | one vault that has had bundles    | last server seq, bytes stored (quota) |
 * | devices         | one device (any vault)            | vault, Ed25519 public key, revoked    |
 * | device_log      | one signed entry, PK (vault, seq) | kind, public key, hash, entry JSON    |
 * | bundles         | one bundle, PK (vault, seq)       | bundle id (unique per vault), bytes   |
 * | nonces          | one request nonce, PK (device, n) | expiry (replay cache, purged lazily)  |
 * | mailboxes       | one pairing mailbox               | opaque bytes, expiry                  |
 *
 * Several relay processes share the database: `vault_usage` is also the per-vault lock that
 * serialises pushes (see `postgres-store.ts`), and the unique keys of `bundles`, `device_log`,
 * `nonces` and `mailboxes` are what makes concurrent writers agree. Times are epoch ms
 * (bigint); byte arrays are bytea.
 *
 * Versions (frozen once released; add a step, never edit one):
 * - 1: the tables above.
 */

/** The schema version this code writes (`comptoir_schema.version`). */
export const POSTGRES_SCHEMA_VERSION = 1;

/**
 * Advisory lock taken by a migration, so that relays starting together migrate one at a
 * time (https://www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS). Any
 * constant works; this one spells "Cptr".
 */
const MIGRATION_LOCK_KEY = 0x43707472;

/** Migration steps: `MIGRATIONS[i]` brings the schema from version i to i + 1. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE vaults (
    vault_id    text   PRIMARY KEY,
    created_at  bigint NOT NULL
  );
  CREATE TABLE vault_usage (
    vault_id    text   PRIMARY KEY,
    last_seq    bigint NOT NULL,
    usage_bytes bigint NOT NULL
  );
  CREATE TABLE devices (
    device_id text    PRIMARY KEY,
    vault_id  text    NOT NULL REFERENCES vaults (vault_id),
    sign_pk   bytea   NOT NULL,
    revoked   boolean NOT NULL DEFAULT false
  );
  CREATE INDEX devices_by_vault ON devices (vault_id);
  CREATE TABLE device_log (
    vault_id  text    NOT NULL REFERENCES vaults (vault_id),
    seq       integer NOT NULL,
    device_id text    NOT NULL,
    kind      text    NOT NULL CHECK (kind IN ('genesis', 'add', 'revoke')),
    sign_pk   bytea   NOT NULL,
    hash      text    NOT NULL,
    json      text    NOT NULL,
    PRIMARY KEY (vault_id, seq)
  );
  CREATE TABLE bundles (
    vault_id    text    NOT NULL,
    seq         bigint  NOT NULL,
    bundle_id   text    NOT NULL,
    device_id   text    NOT NULL,
    bytes       bytea   NOT NULL,
    size        integer NOT NULL,
    received_at bigint  NOT NULL,
    PRIMARY KEY (vault_id, seq),
    UNIQUE (vault_id, bundle_id)
  );
  -- Bundles are compressed then encrypted: TOAST compression would only waste CPU.
  ALTER TABLE bundles ALTER COLUMN bytes SET STORAGE EXTERNAL;
  CREATE INDEX bundles_by_received_at ON bundles (received_at);
  CREATE TABLE nonces (
    device_id  text   NOT NULL,
    nonce      text   NOT NULL,
    expires_at bigint NOT NULL,
    PRIMARY KEY (device_id, nonce)
  );
  CREATE INDEX nonces_by_expiry ON nonces (expires_at);
  CREATE TABLE mailboxes (
    id         text   PRIMARY KEY,
    bytes      bytea  NOT NULL,
    expires_at bigint NOT NULL
  );
  CREATE INDEX mailboxes_by_expiry ON mailboxes (expires_at);
  `,
];

/** The one thing migrations need of a connection (a `pg` client inside a transaction). */
export interface PostgresQueryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * Refuses a server that could lose an acknowledged write: with `fsync` or
 * `synchronous_commit` off, a commit returns before its WAL is on disk
 * (https://www.postgresql.org/docs/15/wal-async-commit.html).
 * @throws Error naming the setting to change.
 */
export async function assertPostgresDurable(db: PostgresQueryable): Promise<void> {
  const { rows } = await db.query<{ fsync: string; synchronous_commit: string }>(
    `SELECT current_setting('fsync') AS fsync,
            current_setting('synchronous_commit') AS synchronous_commit`,
  );
  for (const [name, value] of Object.entries(rows[0] ?? {})) {
    if (value === 'off') {
      throw new Error(
        `PostgreSQL runs with ${name}=off: an acknowledged bundle could be lost in a crash. Set ${name}=on for the relay's database.`,
      );
    }
  }
}

/**
 * Brings the current schema to {@link POSTGRES_SCHEMA_VERSION}. Run it inside a
 * transaction: it takes a transaction-level advisory lock, so concurrent relays wait for
 * each other and every step commits or none does.
 * @throws Error when the database was written by a newer version of the relay.
 */
export async function migratePostgres(db: PostgresQueryable): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
  await db.query(
    `CREATE TABLE IF NOT EXISTS comptoir_schema (
       singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
       version   integer NOT NULL
     )`,
  );
  const current = await postgresSchemaVersion(db);
  if (current > POSTGRES_SCHEMA_VERSION) {
    throw new Error(
      `Relay database schema version ${current} is newer than this relay (${POSTGRES_SCHEMA_VERSION}); upgrade the relay.`,
    );
  }
  if (current === POSTGRES_SCHEMA_VERSION) return;
  for (let version = current; version < POSTGRES_SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (step === undefined) throw new Error(`Missing relay schema migration ${version + 1}.`);
    await db.query(step);
  }
  await db.query(
    `INSERT INTO comptoir_schema (singleton, version) VALUES (true, $1)
     ON CONFLICT (singleton) DO UPDATE SET version = excluded.version`,
    [POSTGRES_SCHEMA_VERSION],
  );
}

/** The schema version written in the current schema (0 when none). */
export async function postgresSchemaVersion(db: PostgresQueryable): Promise<number> {
  const { rows } = await db.query<{ version: number }>('SELECT version FROM comptoir_schema');
  return rows[0]?.version ?? 0;
}
