/** Lowercase hexadecimal, the text form of hashes in JSON (protocol v1). */

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** Bytes → lowercase hex. */
export function encodeHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** True for a lowercase hex SHA-256 digest (64 characters). */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && HEX_SHA256.test(value);
}
