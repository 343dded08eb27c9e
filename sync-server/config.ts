/**
 * Server configuration from the environment. Parsed once at start-up; a bad value stops the
 * process with a clear message instead of starting half-configured.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

/** Everything `index.ts` needs to start the server. */
export interface ServerConfig {
  /** TCP port (env `PORT`, default 8787). */
  port: number;
  /** Interface to bind (env `HOST`, default 127.0.0.1: put a TLS reverse proxy in front). */
  host: string;
  /** Folder of the built PWA (env `COMPTOIR_STATIC_DIR`, default `dist/`). */
  staticDir: string;
  /** Access log of method, route and status, never bodies (env `COMPTOIR_ACCESS_LOG=0` to disable). */
  accessLog: boolean;
  /**
   * The national portal (env `COMPTOIR_PORTAL_ISSUER`, `COMPTOIR_PORTAL_FHIR_BASE`,
   * `COMPTOIR_PORTAL_CLIENT_ID`); `null` when `COMPTOIR_PORTAL_FHIR_BASE` is unset, in
   * which case the sandbox portal is mounted.
   */
  portal: PortalConfig | null;
  /**
   * SQLite file of the relay (env `COMPTOIR_DB_PATH`, default `data/comptoir-relay.sqlite`,
   * resolved against the working directory; the folder is created on open). `:memory:`
   * keeps everything in memory, lost on exit (tests, demos). Unused when `databaseUrl` is set.
   */
  dbPath: string;
  /**
   * PostgreSQL database shared by several relay instances (env `COMPTOIR_DATABASE_URL`, a
   * `postgres://` or `postgresql://` URL); `null` when unset: the SQLite file is used.
   */
  databaseUrl: string | null;
  /**
   * Worker threads verifying Ed25519 signatures off the event loop (env
   * `COMPTOIR_VERIFY_THREADS`, 0–16; default 1 when the machine has several cores, else 0).
   */
  verifyThreads: number;
}

/** Where the app signs in (OpenID Connect issuer) and sends results (FHIR base). */
export interface PortalConfig {
  issuer: string;
  fhirBase: string;
  clientId: string;
}

const DEFAULT_PORT = 8787;
const DEFAULT_DB_PATH = 'data/comptoir-relay.sqlite';

/** Parses `env` into a {@link ServerConfig}; throws `Error` naming the bad variable. */
export function parseServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? DEFAULT_PORT : Number(env.PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be an integer between 1 and 65535 (got "${env.PORT}").`);
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    staticDir: resolve(env.COMPTOIR_STATIC_DIR || 'dist'),
    accessLog: env.COMPTOIR_ACCESS_LOG !== '0',
    portal: parsePortalConfig(env),
    dbPath: parseDbPath(env.COMPTOIR_DB_PATH),
    databaseUrl: parseDatabaseUrl(env),
    verifyThreads: parseVerifyThreads(env.COMPTOIR_VERIFY_THREADS),
  };
}

function parseVerifyThreads(value: string | undefined): number {
  if (value === undefined || value === '') return availableParallelism() > 1 ? 1 : 0;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 16) {
    throw new Error(
      `COMPTOIR_VERIFY_THREADS must be an integer between 0 and 16 (got "${value}").`,
    );
  }
  return n;
}

function parseDbPath(value: string | undefined): string {
  if (value === ':memory:') return value;
  return resolve(value || DEFAULT_DB_PATH);
}

/**
 * `COMPTOIR_DATABASE_URL`, checked for shape only (the server checks the rest on connect).
 * Messages never repeat the value: it usually carries a password.
 */
function parseDatabaseUrl(env: Record<string, string | undefined>): string | null {
  const value = env.COMPTOIR_DATABASE_URL;
  if (!value) return null;
  if (env.COMPTOIR_DB_PATH) {
    throw new Error(
      'Set COMPTOIR_DATABASE_URL (PostgreSQL) or COMPTOIR_DB_PATH (SQLite), not both.',
    );
  }
  const url = URL.canParse(value) ? new URL(value) : null;
  const ok =
    url !== null &&
    (url.protocol === 'postgres:' || url.protocol === 'postgresql:') &&
    (url.hostname !== '' || url.searchParams.has('host'));
  if (!ok) {
    throw new Error(
      'COMPTOIR_DATABASE_URL must be a postgres:// or postgresql:// URL with a host, e.g. postgres://relay:PASSWORD@db.example:5432/comptoir (value not shown: it may hold a password).',
    );
  }
  return value;
}

/** `url` with its password (user info or `password` parameter) masked, for messages. */
export function redactDatabaseUrl(url: string): string {
  if (!URL.canParse(url)) return '(unparsable URL)';
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
  return parsed.toString();
}

function parsePortalConfig(env: Record<string, string | undefined>): PortalConfig | null {
  if (!env.COMPTOIR_PORTAL_FHIR_BASE) {
    if (env.COMPTOIR_PORTAL_ISSUER || env.COMPTOIR_PORTAL_CLIENT_ID) {
      throw new Error(
        'COMPTOIR_PORTAL_FHIR_BASE must be set with COMPTOIR_PORTAL_ISSUER and COMPTOIR_PORTAL_CLIENT_ID.',
      );
    }
    return null;
  }
  const clientId = env.COMPTOIR_PORTAL_CLIENT_ID ?? '';
  if (!/^[\x21-\x7e]{1,255}$/.test(clientId)) {
    throw new Error('COMPTOIR_PORTAL_CLIENT_ID must be set (printable ASCII, no spaces).');
  }
  return {
    issuer: parsePortalUrl('COMPTOIR_PORTAL_ISSUER', env.COMPTOIR_PORTAL_ISSUER),
    fhirBase: parsePortalUrl('COMPTOIR_PORTAL_FHIR_BASE', env.COMPTOIR_PORTAL_FHIR_BASE),
    clientId,
  };
}

/** An absolute https URL (http only on localhost/127.0.0.1), no query or fragment. */
function parsePortalUrl(name: string, value: string | undefined): string {
  const url = value && URL.canParse(value) ? new URL(value) : null;
  const local = url?.hostname === 'localhost' || url?.hostname === '127.0.0.1';
  const ok =
    url !== null &&
    (url.protocol === 'https:' || (url.protocol === 'http:' && local)) &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '';
  if (!ok) {
    throw new Error(
      `${name} must be an absolute https URL (http only on localhost or 127.0.0.1), without query or fragment (got "${value ?? ''}").`,
    );
  }
  // Issuer identifiers compare as exact strings (OIDC Discovery §4.3): keep the value as given.
  return value as string;
}
