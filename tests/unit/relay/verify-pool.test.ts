/**
 * The relay's Ed25519 verification on worker threads: the same verdicts as inline
 * verification (valid, tampered, malformed), batches larger than one message, and the relay
 * answering signed pushes through it exactly as inline.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  INLINE_VERIFIER,
  ThreadVerifier,
  type SignatureVerifier,
} from '../../../sync-server/relay';
import { TestDevice, createVault, makeBundle, relayApp } from './helpers';

const pool = new ThreadVerifier(2);
afterAll(() => pool.close());

function signed(n: number) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const key = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
  return Array.from({ length: n }, () => {
    const message = new Uint8Array(randomBytes(64));
    return { key, message, signature: new Uint8Array(sign(null, message, privateKey)) };
  });
}

describe('ThreadVerifier', () => {
  it('gives the inline verdicts for valid, tampered and malformed inputs', async () => {
    const [good] = signed(1);
    if (!good) throw new Error('no sample');
    const flipped = good.signature.slice();
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const cases: [Uint8Array, Uint8Array, Uint8Array][] = [
      [good.key, good.message, good.signature],
      [good.key, good.message, flipped],
      [good.key, new Uint8Array(randomBytes(64)), good.signature],
      [good.key.subarray(1), good.message, good.signature],
      [good.key, good.message, good.signature.subarray(1)],
      [new Uint8Array(32).fill(0xff), good.message, good.signature],
    ];
    const check = (v: SignatureVerifier) => Promise.all(cases.map((c) => v.verify(...c)));
    expect(await check(pool)).toEqual([true, false, false, false, false, false]);
    expect(await check(pool)).toEqual(await check(INLINE_VERIFIER));
  });

  it('answers every one of many concurrent requests (several batches and workers)', async () => {
    const samples = signed(700);
    const verdicts = await Promise.all(
      samples.map((s, i) =>
        pool.verify(s.key, s.message, i % 7 === 0 ? s.message.subarray(0, 64) : s.signature),
      ),
    );
    expect(verdicts.filter((ok) => !ok)).toHaveLength(100);
    expect(verdicts.every((ok, i) => ok === (i % 7 !== 0))).toBe(true);
  });

  it('verifies inline when its workers keep failing to start, with the same verdicts', async () => {
    const broken = new ThreadVerifier(1, new URL('file:///nonexistent/verify-worker.mjs'));
    try {
      const samples = signed(3);
      for (let round = 0; round < 5; round++) {
        const verdicts = await Promise.all(
          samples.map((s, i) => broken.verify(s.key, s.message, i === 1 ? s.key : s.signature)),
        );
        expect(verdicts).toEqual([true, false, true]);
      }
    } finally {
      await broken.close();
    }
  });

  it('serves the relay: a signed push is accepted, a forged bundle refused', async () => {
    const verifier = new ThreadVerifier(1);
    try {
      const h = relayApp({ verifier });
      const device = new TestDevice();
      const { vault } = await createVault(h, device);
      const path = `/v1/vaults/${vault}/bundles`;
      const good = makeBundle(device, vault);
      expect((await h.request(path, device.signedInit('POST', path, good))).status).toBe(201);
      const forged = makeBundle(device, vault);
      forged[forged.length - 1] = (forged[forged.length - 1] ?? 0) ^ 1;
      expect((await h.request(path, device.signedInit('POST', path, forged))).status).toBe(400);
    } finally {
      await verifier.close();
    }
  });
});
