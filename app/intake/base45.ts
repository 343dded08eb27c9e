/**
 * Base45, RFC 9285 (https://www.rfc-editor.org/rfc/rfc9285): the text encoding of the
 * patient's-phone QR code, as in the EU DCC (DESIGN.md "Patient mode (kiosk) and patient's
 * phone"). Its 45 characters are exactly the QR code's alphanumeric mode, so a payload
 * takes fewer modules than in Base64.
 *
 * Frozen: the QR codes already printed by phones must keep decoding.
 *
 * ```
 * bytes   [ a ][ b ] [ a ][ b ] … [ a ]        n = a·256 + b        (RFC 9285 §4)
 * text    [c][d][e]  [c][d][e]  … [c][d]       n = c + d·45 + e·45²  (c least significant)
 * ```
 */

/** RFC 9285 §4.2, Table 1: value → character. */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const BASE = 45;
const BASE_SQUARED = BASE * BASE;

/** Character code (ASCII) → value, `-1` outside the alphabet. */
const VALUES: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Characters per `String.fromCharCode` call: well under engines' argument limits. */
const CHUNK_CHARS = 8192;

/** Thrown by {@link decodeBase45} on text that is not strict RFC 9285 Base45. */
export class Base45Error extends Error {
  override readonly name = 'Base45Error';
  readonly code = 'invalid-base45';
}

/**
 * Encodes `bytes` as Base45 (RFC 9285 §4): every two bytes become three characters, a
 * final odd byte becomes two. The empty array encodes as `''`. Never throws.
 */
export function encodeBase45(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.floor(bytes.length / 2) * 3 + (bytes.length % 2) * 2);
  let o = 0;
  let i = 0;
  for (; i + 1 < bytes.length; i += 2) {
    let n = (bytes[i] ?? 0) * 256 + (bytes[i + 1] ?? 0);
    out[o++] = ALPHABET.charCodeAt(n % BASE);
    n = Math.floor(n / BASE);
    out[o++] = ALPHABET.charCodeAt(n % BASE);
    out[o++] = ALPHABET.charCodeAt(Math.floor(n / BASE));
  }
  if (i < bytes.length) {
    const n = bytes[i] ?? 0;
    out[o] = ALPHABET.charCodeAt(n % BASE);
    out[o + 1] = ALPHABET.charCodeAt(Math.floor(n / BASE));
  }
  return asciiToString(out);
}

/**
 * Decodes Base45 text (RFC 9285 §4). Strict, as RFC 9285 §6 asks of a decoder: nothing is
 * trimmed or ignored, lower case is not folded.
 * @throws {Base45Error} (`invalid-base45`) on a character outside the alphabet, a dangling
 *   single character (length ≡ 1 mod 3), a triple above 65535 (e.g. `GGW` = 65536) or a
 *   final pair above 255.
 */
export function decodeBase45(text: string): Uint8Array {
  if (text.length % 3 === 1) {
    throw new Base45Error(`Base45 text of length ${text.length} ends with a dangling character`);
  }
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  let i = 0;
  for (; i + 2 < text.length; i += 3) {
    const n = valueAt(text, i) + valueAt(text, i + 1) * BASE + valueAt(text, i + 2) * BASE_SQUARED;
    if (n > 0xffff) throw new Base45Error(`Base45 triple at position ${i} exceeds 65535`);
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (i < text.length) {
    const n = valueAt(text, i) + valueAt(text, i + 1) * BASE;
    if (n > 0xff) throw new Base45Error(`Base45 final pair at position ${i} exceeds 255`);
    out[o] = n;
  }
  return out;
}

/** The value of the character at `index`; the caller guarantees `index < text.length`. */
function valueAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  const value = code < 128 ? (VALUES[code] ?? -1) : -1;
  if (value < 0) throw new Base45Error(`Invalid Base45 character at position ${index}`);
  return value;
}

/** ASCII codes → string, in chunks: linear time, no quadratic concatenation. */
function asciiToString(codes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < codes.length; start += CHUNK_CHARS) {
    parts.push(String.fromCharCode(...codes.subarray(start, start + CHUNK_CHARS)));
  }
  return parts.join('');
}
