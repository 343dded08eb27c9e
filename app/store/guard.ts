/**
 * Boundary helpers shared by the repositories: translate errors once, and refuse to work
 * on a vault that vanished under us.
 */
import type { ComptoirDb } from './db';
import { StorageError, toStorageError } from './errors';
import { META_KEY, type MetaRow } from './rows';

/**
 * Runs `fn` and translates whatever it throws with {@link toStorageError}. A closed
 * connection caused by another connection deleting the database becomes `missing`, one
 * caused by an upgrade becomes `version`.
 *
 * @throws StorageError, or the crypto error thrown by `fn` unchanged
 */
export async function guard<T>(db: ComptoirDb, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const mapped = toStorageError(e);
    if (mapped instanceof StorageError && mapped.code === 'unavailable' && db.lostReason) {
      const code = db.lostReason === 'deleted' ? 'missing' : 'version';
      throw new StorageError(code, undefined, { cause: e });
    }
    throw mapped;
  }
}

/**
 * Reads the meta row of a vault the caller believes exists.
 *
 * @param vaultId when given, the stored vault must be this one
 * @throws StorageError `missing` when the row is gone (database evicted or recreated) or
 *   belongs to another vault
 */
export async function requireMeta(db: ComptoirDb, vaultId?: string): Promise<MetaRow> {
  const meta = await db.meta.get(META_KEY);
  if (!meta || meta.key !== META_KEY) throw new StorageError('missing', 'vault meta row is gone');
  if (vaultId !== undefined && meta.vaultId !== vaultId) {
    throw new StorageError('missing', 'the stored vault is not the unlocked one');
  }
  return meta;
}
