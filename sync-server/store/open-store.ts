/**
 * openBundleStore(config): the relay's storage, chosen from the server configuration:
 * PostgreSQL when `COMPTOIR_DATABASE_URL` is set (several relays may share it), otherwise
 * the embedded SQLite store at `COMPTOIR_DB_PATH` (default `data/comptoir-relay.sqlite`,
 * folder created; WAL, synchronous=FULL, group commit). `:memory:` gives a throw-away
 * SQLite store.
 */
import { redactDatabaseUrl, type ServerConfig } from '../config';
import type { BundleStore } from './bundle-store';
import { PostgresBundleStore } from './postgres-store';
import { SqliteBundleStore } from './sqlite-store';

/**
 * Opens the configured store; the caller closes it on shutdown (which commits pending
 * writes).
 * @throws Error when the database cannot be opened or was written by a newer relay; for
 *   PostgreSQL the message names the database, password masked.
 */
export async function openBundleStore(
  config: Pick<ServerConfig, 'dbPath'> & Partial<Pick<ServerConfig, 'databaseUrl'>>,
): Promise<BundleStore> {
  if (!config.databaseUrl) return new SqliteBundleStore({ path: config.dbPath });
  try {
    return await PostgresBundleStore.open({ connectionString: config.databaseUrl });
  } catch (error) {
    const where = redactDatabaseUrl(config.databaseUrl);
    throw new Error(`Cannot open the relay database ${where}: ${describe(error)}`, {
      cause: error,
    });
  }
}

/** One line of reason (Node reports a refused dual-stack connect with an empty message). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return error.message || (typeof code === 'string' ? code : error.name);
}
