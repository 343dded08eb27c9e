import { beforeAll, describe, expect, it } from 'vitest';
import { IntegrityError, initCrypto } from '../../../app/crypto';
import { PAD_BLOCK_BYTES, padBlock, unpadBlock } from '../../../app/crypto/aead';
import { getSodium } from '../../../app/crypto/sodium';

beforeAll(async () => {
  await initCrypto();
});

describe('block padding (sodium_pad format, in TypeScript)', () => {
  it('gives the same bytes as libsodium for every length 0…3 blocks, and round-trips', () => {
    const sodium = getSodium();
    for (let n = 0; n <= 3 * PAD_BLOCK_BYTES + 1; n += 1) {
      const plain = Uint8Array.from({ length: n }, (_, i) => (i * 7 + n) & 0xff);
      const padded = padBlock(plain);
      expect(padded).toEqual(sodium.pad(plain, PAD_BLOCK_BYTES));
      expect(unpadBlock(padded)).toEqual(plain);
      expect(unpadBlock(padded)).toEqual(sodium.unpad(padded, PAD_BLOCK_BYTES));
    }
  });

  it('refuses what libsodium refuses: no marker, a marker before the last block, bad length', () => {
    const zeros = new Uint8Array(PAD_BLOCK_BYTES);
    const early = new Uint8Array(2 * PAD_BLOCK_BYTES);
    early[PAD_BLOCK_BYTES - 1] = 0x80;
    const notMarker = padBlock(Uint8Array.of(1, 2, 3));
    notMarker[3] = 0x81;
    for (const bad of [zeros, early, notMarker, new Uint8Array(0), new Uint8Array(100)]) {
      expect(() => unpadBlock(bad)).toThrow(IntegrityError);
    }
    expect(() => getSodium().unpad(zeros, PAD_BLOCK_BYTES)).toThrow();
    expect(() => getSodium().unpad(early, PAD_BLOCK_BYTES)).toThrow();
  });
});
