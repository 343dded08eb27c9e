/**
 * base64url without padding (RFC 4648 §5), in plain TypeScript so the browser and the relay
 * share it. Decoding is strict: no padding, no other alphabet, no non-zero trailing bits
 * (RFC 4648 §3.5), so one byte string has exactly one text form.
 *
 * Bundles travel in this form (pull pages of several MiB): both directions work on char
 * codes in typed arrays (the text made by one `TextDecoder` call), never one string append
 * or Map lookup per character.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const CODES = Uint8Array.from(ALPHABET, (ch) => ch.charCodeAt(0));
/** Sextet of each char code below 128; -1 for a char outside the alphabet. */
const LOOKUP = new Int8Array(128).fill(-1);
CODES.forEach((code, i) => {
  LOOKUP[code] = i;
});
/** The chars are ASCII, so their UTF-8 decoding is the text (one native call). */
const ASCII = new TextDecoder();

/** Encodes bytes as base64url without padding. */
export function encodeBase64Url(bytes: Uint8Array): string {
  const n = bytes.length;
  const codes = new Uint8Array(Math.ceil((n * 4) / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    codes[o++] = CODES[v >> 18] as number;
    codes[o++] = CODES[(v >> 12) & 63] as number;
    codes[o++] = CODES[(v >> 6) & 63] as number;
    codes[o++] = CODES[v & 63] as number;
  }
  if (i < n) {
    // One or two trailing bytes: two or three chars, the unused low bits zero.
    const v = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8);
    codes[o++] = CODES[v >> 18] as number;
    codes[o++] = CODES[(v >> 12) & 63] as number;
    if (i + 1 < n) codes[o] = CODES[(v >> 6) & 63] as number;
  }
  return ASCII.decode(codes);
}

function sextet(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code < 128 ? (LOOKUP[code] as number) : -1;
}

/** Decodes canonical unpadded base64url; `null` on any other text. */
export function decodeBase64Url(text: string): Uint8Array | null {
  const len = text.length;
  if (len % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i + 3 < len; i += 4) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = sextet(text, i + 2);
    const d = sextet(text, i + 3);
    // Any -1 makes the OR negative.
    if ((a | b | c | d) < 0) return null;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 0xff;
    out[o++] = v & 0xff;
  }
  if (i === len) return out;
  const a = sextet(text, i);
  const b = sextet(text, i + 1);
  const c = i + 2 < len ? sextet(text, i + 2) : 0;
  if ((a | b | c) < 0) return null;
  const v = (a << 18) | (b << 12) | (c << 6);
  // Leftover bits must be zero, else two texts would decode to the same bytes.
  if ((i + 2 < len ? v & 0xff : v & 0xffff) !== 0) return null;
  out[o++] = v >> 16;
  if (i + 2 < len) out[o] = (v >> 8) & 0xff;
  return out;
}

/** Decodes base64url that must hold exactly `length` bytes; `null` otherwise. */
export function decodeBase64UrlOfLength(text: unknown, length: number): Uint8Array | null {
  if (typeof text !== 'string' || text.length !== Math.ceil((length * 4) / 3)) return null;
  const bytes = decodeBase64Url(text);
  return bytes !== null && bytes.length === length ? bytes : null;
}
