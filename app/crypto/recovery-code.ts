/**
 * The recovery code: 128 random bits shown once at setup and printed, as Crockford base32
 * (https://www.crockford.com/base32.html) with two check symbols.
 *
 * Recovery code v1 format:
 *
 * ```
 *  26 data symbols = the 16 bytes as a bit stream, most significant bit first, then 2 zero
 *  bits (26 × 5 = 130); 2 check symbols = S = Σ (i + 1) · v[i] mod 1021 over the data
 *  symbol values v[0..25], written as two base32 symbols (S < 1021 < 32²).
 *  Printed as XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXCC (7 groups of 4, CC = check).
 * ```
 *
 * FROZEN: v1 format, must not change (printed codes must keep working).
 * Why not Crockford's mod-37 symbol: its extra check symbols (* ~ $ =) are awkward on a
 * French tablet keyboard. The weighted sum modulo the prime 1021 still catches every
 * single wrong symbol (|w·Δv| ≤ 26 · 31 < 1021, never 0) and every swap of two adjacent
 * data symbols (the sum changes by ±Δv ≠ 0), with an alphanumeric-only code.
 */
import { randomBytes } from './encoding';
import { InvalidInputError } from './errors';

/** Entropy of a recovery code, in bytes (128 bits). */
export const RECOVERY_CODE_BYTES = 16;
const DATA_SYMBOLS = 26;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_SYMBOLS = 2;
const CHECK_MODULUS = 1021;

function checkSymbols(dataSymbols: string): string {
  let sum = 0;
  for (const [index, char] of [...dataSymbols].entries()) {
    sum = (sum + (index + 1) * ALPHABET.indexOf(char)) % CHECK_MODULUS;
  }
  return ALPHABET.charAt(sum >> 5) + ALPHABET.charAt(sum & 31);
}

function encodeSymbols(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET.charAt((buffer >> bits) & 31);
    }
  }
  // 128 = 25 × 5 + 3: the last symbol carries 3 data bits followed by 2 zero bits.
  return out + ALPHABET.charAt((buffer << (5 - bits)) & 31);
}

/**
 * Formats 16 bytes as a printable recovery code (format above).
 * @throws InvalidInputError when `bytes` is not 16 bytes long
 */
export function formatRecoveryCode(bytes: Uint8Array): string {
  if (bytes.length !== RECOVERY_CODE_BYTES) {
    throw new InvalidInputError('A recovery code encodes exactly 16 bytes.');
  }
  const data = encodeSymbols(bytes);
  const symbols = data + checkSymbols(data);
  return symbols.match(/.{1,4}/g)?.join('-') ?? symbols;
}

/** A new random recovery code (128 bits), e.g. `7Q3M-…-XXCC`. Show once, never store. */
export function generateRecoveryCode(): string {
  return formatRecoveryCode(randomBytes(RECOVERY_CODE_BYTES));
}

function decodeSymbols(symbols: string): Uint8Array {
  const out = new Uint8Array(RECOVERY_CODE_BYTES);
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (const [index, char] of [...symbols].entries()) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) {
      throw new InvalidInputError(
        `Recovery code has an invalid character at position ${index + 1}.`,
      );
    }
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8 && at < RECOVERY_CODE_BYTES) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) {
    throw new InvalidInputError('Recovery code is not canonical (last symbol is wrong).');
  }
  return out;
}

/**
 * Parses a recovery code typed by a person: case-insensitive, spaces and dashes ignored,
 * O read as 0 and I/L read as 1 (Crockford's decoding rules).
 * @returns the 16 code bytes; the caller must memzero them after use
 * @throws InvalidInputError on a wrong length, an invalid character or a failed check
 */
export function parseRecoveryCode(text: string): Uint8Array {
  const normalized = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const total = DATA_SYMBOLS + CHECK_SYMBOLS;
  if (normalized.length !== total) {
    throw new InvalidInputError(
      `Recovery code must have ${total} symbols (26 + 2 check), got ${normalized.length}.`,
    );
  }
  const data = normalized.slice(0, DATA_SYMBOLS);
  const bytes = decodeSymbols(data);
  if (normalized.slice(DATA_SYMBOLS) !== checkSymbols(data)) {
    bytes.fill(0);
    throw new InvalidInputError('Recovery code check symbols do not match: a symbol is mistyped.');
  }
  return bytes;
}
