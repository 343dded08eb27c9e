/**
 * JSON ⇄ bytes for the plaintext of encrypted records.
 *
 * Records are plain JSON values (strings, numbers, booleans, null, arrays, objects), UTF-8
 * encoded, before `encryptRecord` pads and encrypts them. Binary fields must not be put in
 * records as `Uint8Array` (JSON would turn them into index maps): encode them first.
 */
import { utf8Decode, utf8Encode } from '../crypto';
import { StorageError } from './errors';

/**
 * Serialises a record to UTF-8 JSON bytes.
 *
 * @param value a JSON-serialisable value
 * @returns the bytes to encrypt or seal
 * @throws StorageError `corrupt` when the value cannot be serialised (cycle, BigInt)
 */
export function encodeRecord(value: unknown): Uint8Array {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (e) {
    throw new StorageError('corrupt', 'record is not serialisable', { cause: e });
  }
  if (json === undefined) throw new StorageError('corrupt', 'record is not serialisable');
  return utf8Encode(json);
}

/**
 * Parses decrypted record bytes and checks their shape.
 *
 * @param bytes UTF-8 JSON, as produced by {@link encodeRecord}
 * @param check type guard of the expected shape
 * @returns the checked value
 * @throws StorageError `corrupt` when the bytes are not UTF-8 JSON or fail `check`
 */
export function decodeRecord<T>(bytes: Uint8Array, check: (x: unknown) => x is T): T {
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(bytes));
  } catch (e) {
    throw new StorageError('corrupt', 'record is not valid JSON', { cause: e });
  }
  if (!check(value)) throw new StorageError('corrupt', 'record does not have the expected shape');
  return value;
}
