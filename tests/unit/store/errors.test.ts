import { describe, expect, it } from 'vitest';
import { IntegrityError, WrongPassphraseError } from '../../../app/crypto';
import {
  StorageError,
  isStorageError,
  toStorageError,
  type StorageErrorCode,
} from '../../../app/store';

/** Dexie's error shape: a specific name, and the DOM error it wraps in `inner`. */
function dexieError(name: string, inner: unknown = null): Error {
  return Object.assign(new Error(`${name} happened`), { name, inner });
}

describe('toStorageError', () => {
  const quota = new DOMException('full', 'QuotaExceededError');
  const table: [string, unknown, StorageErrorCode][] = [
    ['a native QuotaExceededError', quota, 'quota'],
    ['a Dexie QuotaExceededError', dexieError('QuotaExceededError', quota), 'quota'],
    ['an AbortError caused by a full disk', dexieError('AbortError', quota), 'quota'],
    [
      'a BulkError with a quota failure',
      Object.assign(dexieError('BulkError'), { failures: [dexieError('ConstraintError'), quota] }),
      'quota',
    ],
    ['a DatabaseClosedError', dexieError('DatabaseClosedError'), 'unavailable'],
    ['an OpenFailedError alone', dexieError('OpenFailedError'), 'unavailable'],
    ['a MissingAPIError', dexieError('MissingAPIError'), 'unavailable'],
    ['an InvalidStateError', new DOMException('x', 'InvalidStateError'), 'unavailable'],
    [
      'an OpenFailedError wrapping a VersionError',
      dexieError('OpenFailedError', dexieError('VersionError')),
      'version',
    ],
    ['a VersionError', dexieError('VersionError'), 'version'],
    ['a NotFoundError (object store gone)', new DOMException('x', 'NotFoundError'), 'missing'],
    ['a ConstraintError (duplicate key)', dexieError('ConstraintError'), 'conflict'],
    ['a DataCloneError', new DOMException('x', 'DataCloneError'), 'corrupt'],
    ['something thrown that is not an Error', 'boom', 'unavailable'],
  ];
  it.each(table)('maps %s to a StorageError', (_label, error, code) => {
    const mapped = toStorageError(error);
    expect(mapped).toBeInstanceOf(StorageError);
    expect(mapped).toMatchObject({ code, cause: error });
  });

  it('passes crypto errors, storage errors and programming errors through unchanged', () => {
    const integrity = new IntegrityError('tampered');
    const wrong = new WrongPassphraseError('no');
    const storage = new StorageError('not-found');
    const bug = new TypeError('x is undefined');
    for (const e of [integrity, wrong, storage, bug]) expect(toStorageError(e)).toBe(e);
    expect(isStorageError(toStorageError('boom'))).toBe(true);
    expect(isStorageError(integrity)).toBe(false);
  });

  it('gives every code a French message saying what to do', () => {
    expect(new StorageError('quota').message).toMatch(/libérez de l'espace/);
    expect(new StorageError('missing', 'dev detail').userMessage).toMatch(/code de secours/);
  });
});
