/**
 * The heap-direct XChaCha20-Poly1305 (`app/crypto/aead-wasm.ts`) gives the bytes of
 * libsodium-wrappers for every length (the scratch region grows), refuses what the
 * wrappers refuse, and leaves no key or plaintext on the WebAssembly heap.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initCrypto, randomBytes } from '../../../app/crypto';
import { wasmAead } from '../../../app/crypto/aead-wasm';
import { getSodium } from '../../../app/crypto/sodium';

beforeAll(initCrypto);

const LENGTHS = [0, 1, 255, 256, 257, 1500, 70_000, 1_100_000];

/** Byte equality (fast on large arrays, unlike a deep `toEqual`). */
const same = (a: Uint8Array | null | undefined, b: Uint8Array) =>
  a instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b));

function heap(): Uint8Array {
  return (getSodium() as unknown as { libsodium: { HEAPU8: Uint8Array } }).libsodium.HEAPU8;
}

/** Whether `needle` occurs anywhere in `haystack`. */
function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  for (let i = haystack.indexOf(first ?? 0); i !== -1; i = haystack.indexOf(first ?? 0, i + 1)) {
    if (needle.every((b, j) => haystack[i + j] === b)) return true;
  }
  return false;
}

describe('heap-direct AEAD', () => {
  const aead = () => {
    const direct = wasmAead();
    if (!direct) throw new Error('libsodium module not exposed');
    return direct;
  };

  it('is available with this libsodium.js build', () => {
    expect(wasmAead()).not.toBeNull();
  });

  it('seals and opens the bytes of libsodium-wrappers, padded or not, at every length', () => {
    const sodium = getSodium();
    for (const n of LENGTHS) {
      const key = randomBytes(32);
      const nonce = randomBytes(24);
      const ad = randomBytes(n % 50);
      const plaintext = randomBytes(n);
      const reference = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
        plaintext,
        ad,
        null,
        nonce,
        key,
      );
      expect(same(aead().seal(key, nonce, plaintext, ad, false), reference)).toBe(true);
      expect(same(aead().open(key, nonce, reference, ad, false), plaintext)).toBe(true);
      const prefix = Uint8Array.of(1, 2, 3);
      const padded = aead().seal(key, nonce, plaintext, ad, true, prefix);
      expect(padded.subarray(0, 3)).toEqual(prefix);
      const body = padded.subarray(3);
      expect((body.length - 16) % 256).toBe(0);
      const inner = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, body, ad, nonce, key);
      expect(same(sodium.unpad(inner, 256), plaintext)).toBe(true);
      expect(same(aead().open(key, nonce, body, ad, true), plaintext)).toBe(true);
    }
  });

  it('refuses a flipped byte or a wrong ad (null), and a bad padding (undefined)', () => {
    const key = randomBytes(32);
    const nonce = randomBytes(24);
    const sealed = aead().seal(key, nonce, randomBytes(300), Uint8Array.of(9), true);
    const flipped = sealed.slice();
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    expect(aead().open(key, nonce, flipped, Uint8Array.of(9), true)).toBeNull();
    expect(aead().open(key, nonce, sealed, Uint8Array.of(8), true)).toBeNull();
    const unpadded = aead().seal(key, nonce, new Uint8Array(256), Uint8Array.of(9), false);
    expect(aead().open(key, nonce, unpadded, Uint8Array.of(9), true)).toBeUndefined();
  });

  it('leaves neither the key nor the plaintext on the WebAssembly heap', () => {
    const key = randomBytes(32);
    const nonce = randomBytes(24);
    const canary = new TextEncoder().encode('KANARI-HEAP-' + 'x'.repeat(40));
    const sealed = aead().seal(key, nonce, canary, new Uint8Array(0), true);
    expect(contains(heap(), canary)).toBe(false);
    expect(contains(heap(), key)).toBe(false);
    // A bigger message first, so the plaintext lands where no input is written.
    aead().seal(key, nonce, randomBytes(4096), new Uint8Array(0), false);
    expect(aead().open(key, nonce, sealed, new Uint8Array(0), true)).toEqual(canary);
    expect(contains(heap(), canary)).toBe(false);
    expect(contains(heap(), key)).toBe(false);
  });
});
