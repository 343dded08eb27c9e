/**
 * openBundleStore(config): the relay's storage, chosen from the server configuration: the
 * embedded SQLite store at `COMPTOIR_DB_PATH` (default `data/comptoir-relay.sqlite`, folder
 * created; WAL, synchronous=FULL, group commit). `:memory:` gives a throw-away SQLite store.
 */
import type { ServerConfig } from '../config';
import type { BundleStore } from './bundle-store';
import { SqliteBundleStore } from './sqlite-store';

/**
 * Opens the configured store; the caller closes it on shutdown (which commits pending
 * writes).
 * @throws Error when the database cannot be opened or was written by a newer relay.
 */
export async function openBundleStore(config: Pick<ServerConfig, 'dbPath'>): Promise<BundleStore> {
  return new SqliteBundleStore({ path: config.dbPath });
}
