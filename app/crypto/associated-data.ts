/**
 * Validation of the identifiers that end up in associated data. `|` is the separator of
 * every AD string, so it is banned in ids; kinds are short lower-case slugs.
 */
import { U32_MAX } from './bytes';
import { InvalidInputError } from './errors';
import { utf8Encode } from './encoding';

/** Allowed record kinds: a lower-case letter then up to 31 of `[a-z0-9-]`. */
export const KIND_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
/** Maximum length of an id in UTF-8 bytes (the keyring stores ids with a u16 length). */
export const MAX_ID_BYTES = 1024;

/**
 * @param name - what the id is, for the error message ("vaultId", "recordId"…)
 * @param value - the id: non-empty, at most {@link MAX_ID_BYTES} UTF-8 bytes, without `|`
 * @throws InvalidInputError otherwise
 */
export function assertIdentifier(name: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.includes('|')) {
    throw new InvalidInputError(`${name} must be a non-empty string without '|'.`);
  }
  // A UTF-16 code unit takes at most 3 UTF-8 bytes: short ids need no encoding to be checked.
  if (value.length * 3 > MAX_ID_BYTES && utf8Encode(value).length > MAX_ID_BYTES) {
    throw new InvalidInputError(`${name} is longer than ${MAX_ID_BYTES} bytes.`);
  }
}

/** @throws InvalidInputError when `kind` does not match {@link KIND_PATTERN} */
export function assertKind(kind: string): void {
  if (typeof kind !== 'string' || !KIND_PATTERN.test(kind)) {
    throw new InvalidInputError(`kind must match ${String(KIND_PATTERN)}.`);
  }
}

/** @throws InvalidInputError unless `epoch` is an integer in 1..2^32−1 */
export function assertEpoch(epoch: number): void {
  if (!Number.isInteger(epoch) || epoch < 1 || epoch > U32_MAX) {
    throw new InvalidInputError('epoch must be an integer between 1 and 2^32-1.');
  }
}

/**
 * Joins validated fields as `comptoir/v1|a|b|…` in UTF-8.
 * FROZEN: v1 format, must not change (every stored ciphertext authenticates these bytes).
 */
export function joinAd(fields: readonly (string | number)[]): Uint8Array {
  let text = 'comptoir/v1';
  for (const field of fields) text += `|${field}`;
  return utf8Encode(text);
}
