/**
 * Minimal big-endian byte writer/reader for the frozen binary formats of `app/crypto`.
 * The reader throws IntegrityError on truncation: its input is always untrusted.
 */
import { IntegrityError, InvalidInputError } from './errors';

/** Largest value of an unsigned 32-bit integer. */
export const U32_MAX = 0xffff_ffff;

/** Writes `value` as u32 big-endian at `offset` of `target`. */
export function writeU32(target: Uint8Array, offset: number, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > U32_MAX) {
    throw new InvalidInputError('Value does not fit in an unsigned 32-bit integer.');
  }
  new DataView(target.buffer, target.byteOffset, target.byteLength).setUint32(offset, value);
}

/**
 * Reads a u32 big-endian at `offset` of `source`.
 * @throws IntegrityError when fewer than 4 bytes remain
 */
export function readU32(source: Uint8Array, offset: number): number {
  if (offset < 0 || offset + 4 > source.length) throw new IntegrityError('Truncated input.');
  return new DataView(source.buffer, source.byteOffset, source.byteLength).getUint32(offset);
}

/** Concatenates byte arrays into one new array. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Sequential reader over untrusted bytes; every read checks bounds. */
export class ByteReader {
  #at = 0;
  /** @param source - the untrusted bytes (not copied) */
  constructor(private readonly source: Uint8Array) {}

  /** Reads one byte. @throws IntegrityError when truncated */
  u8(): number {
    const value = this.source[this.#at];
    if (value === undefined) throw new IntegrityError('Truncated input.');
    this.#at += 1;
    return value;
  }

  /** Reads a u16 big-endian. @throws IntegrityError when truncated */
  u16(): number {
    return (this.u8() << 8) | this.u8();
  }

  /** Reads a u32 big-endian. @throws IntegrityError when truncated */
  u32(): number {
    const value = readU32(this.source, this.#at);
    this.#at += 4;
    return value;
  }

  /** Copies the next `n` bytes into a new array. @throws IntegrityError when truncated */
  bytes(n: number): Uint8Array {
    if (this.#at + n > this.source.length) throw new IntegrityError('Truncated input.');
    const out = this.source.slice(this.#at, this.#at + n);
    this.#at += n;
    return out;
  }

  /** @throws IntegrityError when unread bytes remain (formats are exact-length) */
  assertEnd(): void {
    if (this.#at !== this.source.length) throw new IntegrityError('Trailing bytes after input.');
  }
}

/** Sequential writer; call {@link ByteWriter.finish} to get the bytes. */
export class ByteWriter {
  readonly #parts: Uint8Array[] = [];

  /** Appends one byte (0..255). */
  u8(value: number): this {
    this.#parts.push(Uint8Array.of(value));
    return this;
  }

  /** Appends a u16 big-endian. @throws InvalidInputError when out of range */
  u16(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
      throw new InvalidInputError('Value does not fit in an unsigned 16-bit integer.');
    }
    return this.u8(value >> 8).u8(value & 0xff);
  }

  /** Appends a u32 big-endian. @throws InvalidInputError when out of range */
  u32(value: number): this {
    const out = new Uint8Array(4);
    writeU32(out, 0, value);
    this.#parts.push(out);
    return this;
  }

  /** Appends bytes (by reference until {@link ByteWriter.finish}). */
  bytes(value: Uint8Array): this {
    this.#parts.push(value);
    return this;
  }

  /** Concatenates everything written into one new array. */
  finish(): Uint8Array {
    return concatBytes(...this.#parts);
  }
}
