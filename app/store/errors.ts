/**
 * The closed set of storage failures the caller can act on, and the one place where
 * IndexedDB / Dexie error names are translated into them.
 *
 * Dexie wraps native `DOMException`s into its own error classes that keep the DOM name
 * (`QuotaExceededError`, `VersionError`…) and the original in `inner`; a transaction that
 * failed because one of its requests failed surfaces as `AbortError` whose `inner` is the
 * real cause. See https://dexie.org/docs/DexieErrors/DexieErrors and
 * https://w3c.github.io/IndexedDB/#exceptions for the names.
 *
 * This module deliberately does not import Dexie (its sole import point is `db.ts`): the
 * mapping works on error *names*, which are stable across Dexie and native IndexedDB.
 */
import { CryptoError } from '../crypto';

/**
 * What went wrong, as something the UI can act on:
 * - `quota`: the device is out of storage space (free space, then retry);
 * - `missing`: the database was deleted or evicted under us, or the vault's meta row is gone
 *   while the app believed a vault existed (restore from another device / recovery);
 * - `blocked`: another tab holds an old connection open (close the other tabs);
 * - `unavailable`: IndexedDB is missing or unusable (private mode, closed database);
 * - `version`: the stored database is newer than this app (reload to update);
 * - `corrupt`: a stored row or decrypted record does not have the expected shape;
 * - `not-found`: the requested record does not exist;
 * - `conflict`: the write contradicts what is stored (duplicate id, visit state moving back).
 */
export type StorageErrorCode =
  | 'quota'
  | 'missing'
  | 'blocked'
  | 'unavailable'
  | 'version'
  | 'corrupt'
  | 'not-found'
  | 'conflict';

/** French, user-facing explanation of each code: what happened and what to do. */
const MESSAGES_FR: Record<StorageErrorCode, string> = {
  quota: "L'espace de stockage de l'appareil est plein : libérez de l'espace puis réessayez.",
  missing:
    'Les données locales ont disparu (effacées par le navigateur) : déverrouillez le coffre sur un autre appareil ou utilisez le code de secours.',
  blocked: 'Un autre onglet de Comptoir bloque la base : fermez les autres onglets puis rechargez.',
  unavailable:
    "Le stockage local n'est pas disponible (navigation privée ?) : ouvrez Comptoir dans une fenêtre normale.",
  version: 'Les données ont été écrites par une version plus récente : rechargez la page.',
  corrupt: 'Un enregistrement local est illisible : contactez le support sans le supprimer.',
  'not-found': "L'enregistrement demandé n'existe pas sur cet appareil.",
  conflict: "L'enregistrement a été modifié entre-temps : rechargez-le puis recommencez.",
};

/** A storage failure with an actionable {@link StorageErrorCode}; `cause` keeps the original. */
export class StorageError extends Error {
  override readonly name = 'StorageError';

  /**
   * @param code what went wrong (see {@link StorageErrorCode})
   * @param message developer detail; defaults to the French user message of `code`
   * @param options `cause`: the underlying Dexie / DOM error
   */
  constructor(
    readonly code: StorageErrorCode,
    message: string = MESSAGES_FR[code],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The French sentence to show the user for this failure. */
  get userMessage(): string {
    return MESSAGES_FR[this.code];
  }
}

/** IndexedDB / Dexie error name → storage code. Unlisted names become `unavailable`. */
const CODE_BY_NAME: Readonly<Record<string, StorageErrorCode>> = {
  QuotaExceededError: 'quota',
  DatabaseClosedError: 'unavailable',
  MissingAPIError: 'unavailable',
  InvalidStateError: 'unavailable',
  OpenFailedError: 'unavailable',
  UnknownError: 'unavailable',
  VersionError: 'version',
  UpgradeError: 'version',
  NotFoundError: 'missing',
  ConstraintError: 'conflict',
  DataCloneError: 'corrupt',
  DataError: 'corrupt',
  SchemaError: 'corrupt',
  BlockedError: 'blocked',
  VersionChangeError: 'blocked',
};

/** Dexie errors that only wrap the real cause (in `inner` or `failures`). */
const WRAPPER_NAMES = new Set(['AbortError', 'OpenFailedError', 'BulkError', 'ModifyError']);

/** Max depth followed through `inner` / `cause` / `failures` chains (cycles are possible). */
const MAX_ERROR_DEPTH = 5;

/** Names of `e` and of the errors it wraps, outermost first. */
function errorNames(e: unknown, depth = 0): string[] {
  if (depth > MAX_ERROR_DEPTH || typeof e !== 'object' || e === null) return [];
  const err = e as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  const names = typeof err.name === 'string' ? [err.name] : [];
  names.push(...errorNames(err.inner, depth + 1), ...errorNames(err.cause, depth + 1));
  if (Array.isArray(err.failures)) {
    for (const f of err.failures) names.push(...errorNames(f, depth + 1));
  }
  return names;
}

/** Programming errors are bugs to surface as they are, not storage conditions. */
const PASS_THROUGH_NAMES = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError']);

/**
 * Translates any error thrown by Dexie / IndexedDB into a {@link StorageError}, once, at the
 * storage boundary. A quota error is recognised also when nested (Dexie `AbortError`,
 * `BulkError`). Errors of `app/crypto` (`IntegrityError`, `WrongPassphraseError`,
 * `WeakKdfError`…), existing `StorageError`s, programming errors (`TypeError`…) and bare
 * `Error`s (not from IndexedDB) are returned unchanged: a failed decrypt stays an integrity failure, never a storage one.
 *
 * @param e anything caught
 * @returns the error to rethrow; never throws
 */
export function toStorageError(e: unknown): Error {
  if (e instanceof StorageError || e instanceof CryptoError) return e;
  // IndexedDB and Dexie errors always carry a specific name; a bare `Error` comes from
  // elsewhere (a library bug, a caller's callback) and is not ours to relabel.
  if (e instanceof Error && (PASS_THROUGH_NAMES.has(e.name) || e.name === 'Error')) return e;
  const names = errorNames(e);
  // A quota failure anywhere in the chain wins: it is the one the user can fix.
  if (names.includes('QuotaExceededError'))
    return new StorageError('quota', undefined, { cause: e });
  // Prefer the wrapped cause (VersionError inside OpenFailedError) over the wrapper.
  const specific = names.find((n) => !WRAPPER_NAMES.has(n) && CODE_BY_NAME[n]);
  const code = CODE_BY_NAME[specific ?? names.find((n) => CODE_BY_NAME[n]) ?? ''];
  if (code) return new StorageError(code, undefined, { cause: e });
  return new StorageError('unavailable', undefined, { cause: e });
}

/**
 * Type guard for errors of the storage layer.
 * @param e any caught value
 * @returns true when `e` is a {@link StorageError}
 */
export function isStorageError(e: unknown): e is StorageError {
  return e instanceof StorageError;
}
