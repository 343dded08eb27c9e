import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CryptoError,
  IntegrityError,
  InvalidInputError,
  constantTimeEqual,
  fromBase64Url,
  fromHex,
  hash,
  initCrypto,
  isCryptoError,
  memzero,
  randomBytes,
  randomId,
  toBase64Url,
  toHex,
  utf8Decode,
  utf8Encode,
} from '../../../app/crypto';

beforeAll(initCrypto);

describe('encoding helpers', () => {
  it('round-trips base64url without padding and refuses other alphabets', () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0xfe, 0x00]);
    expect(toBase64Url(bytes)).toBe('-__-AA');
    expect(fromBase64Url('-__-AA')).toEqual(bytes);
    expect(() => fromBase64Url('+//+AA')).toThrow(InvalidInputError);
  });

  it('round-trips hex and refuses odd lengths or non-hex characters', () => {
    expect(toHex(fromHex('00ff10'))).toBe('00ff10');
    expect(() => fromHex('abc')).toThrow(InvalidInputError);
    expect(() => fromHex('zz')).toThrow(InvalidInputError);
  });

  it('decodes UTF-8 strictly and keeps a byte order mark', () => {
    expect(utf8Decode(utf8Encode('\uFEFFé'))).toBe('\uFEFFé');
    expect(() => utf8Decode(Uint8Array.of(0xff))).toThrow(IntegrityError);
  });

  it('makes 22-character random ids and random bytes of the asked length', () => {
    expect(randomId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomId()).not.toBe(randomId());
    expect(randomBytes(0)).toHaveLength(0);
    expect(() => randomBytes(-1)).toThrow(InvalidInputError);
  });

  it('never hands out the same pooled bytes twice, across pool refills', () => {
    const seen = new Set<string>();
    // 2,000 × 24 bytes spans about 12 refills of the 4 KiB pool.
    for (let i = 0; i < 2000; i += 1) seen.add(toHex(randomBytes(24)));
    expect(seen.size).toBe(2000);
    expect(randomBytes(64)).toHaveLength(64);
    expect(randomBytes(65)).toHaveLength(65);
  });

  it('fills random buffers larger than one getRandomValues call (64 KiB) to the end', () => {
    const big = randomBytes(65536 * 2 + 7);
    expect(big).toHaveLength(131079);
    // Each 64 KiB chunk and the 7-byte tail were filled (all-zero by chance: ~2^-56).
    for (const part of [
      big.subarray(0, 65536),
      big.subarray(65536, 131072),
      big.subarray(131072),
    ]) {
      expect(part.some((b) => b !== 0)).toBe(true);
    }
  });

  it('hashes with BLAKE2b-256 (RFC 7693 empty-input value)', () => {
    expect(toHex(hash(new Uint8Array(0)))).toBe(
      '0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8',
    );
  });

  it('compares in constant time and zeroes buffers', () => {
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(1), Uint8Array.of(1, 2))).toBe(false);
    const secret = Uint8Array.of(9, 9, 9);
    memzero(secret);
    expect(secret).toEqual(new Uint8Array(3));
  });
});

describe('errors', () => {
  it('carry a code and keep their cause', () => {
    const cause = new Error('low level');
    const error = new IntegrityError('failed', { cause });
    expect(error).toBeInstanceOf(CryptoError);
    expect([error.code, error.name, error.cause]).toEqual(['integrity', 'IntegrityError', cause]);
    expect(isCryptoError(error)).toBe(true);
    expect(isCryptoError(new Error('x'))).toBe(false);
  });

  it('getSodium throws CryptoNotReadyError before initialisation', async () => {
    vi.resetModules();
    const fresh = await import('../../../app/crypto/sodium');
    expect(() => fresh.getSodium()).toThrow(expect.objectContaining({ code: 'not-ready' }));
    await fresh.readySodium();
    expect(fresh.getSodium().crypto_kdf_CONTEXTBYTES).toBe(8);
  });
});
