import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyring, initCrypto, randomId, type Keyring } from '../../../app/crypto';
import { opsToChanges, type Op } from '../../../app/domain';
import {
  BundleIntegrityError,
  bundleIdFor,
  encodeBundle,
  openBundle,
  opsPart,
  type BundleRejection,
} from '../../../app/sync';
import { BUNDLE_HEADER_BYTES, encodeHex, parseBundle } from '../../../sync-server/protocol';
import { importSharedKeyring, exportSharedKeyring } from '../../../app/crypto';

beforeAll(initCrypto);

const OPS: Op[] = [
  { t: 'state', kind: 'visit', id: 'visit-1', value: 'registered', hlc: 'kpbsz1ccw:0000:dev' },
  {
    t: 'set',
    kind: 'visit',
    id: 'visit-1',
    path: 'identity.city',
    value: 'Lyon',
    hlc: 'kpbsz1ccw:0001:dev',
  },
];

let author: Keyring;
let reader: Keyring;
beforeAll(() => {
  author = createKeyring(randomId());
  reader = importSharedKeyring(exportSharedKeyring(author));
});

const keys = (k: Keyring) => (id: string) => (id === k.deviceId ? k.deviceSignPublicKey : null);

async function bundle(ops: readonly Op[] = OPS, snapshot = false): Promise<Uint8Array> {
  return encodeBundle({
    keyring: author,
    bundleId: bundleIdFor(author.deviceId, 1),
    deviceSeq: 1,
    prevHash: new Uint8Array(32),
    parts: [opsPart(ops)],
    snapshot,
  });
}

async function rejection(bytes: Uint8Array, deviceKey = keys(author)): Promise<BundleRejection> {
  const error = await openBundle(bytes, { keyring: reader, deviceKey }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BundleIntegrityError);
  expect((error as BundleIntegrityError).code).toBe('integrity');
  return (error as BundleIntegrityError).reason;
}

describe('bundles', () => {
  it('round-trips ops through compression, encryption and signature', async () => {
    const bytes = await bundle(OPS, true);
    const opened = await openBundle(bytes, { keyring: reader, deviceKey: keys(author) });
    expect(opened.changes).toEqual(opsToChanges(OPS));
    expect(opened.header).toMatchObject({
      snapshot: true,
      deviceId: author.deviceId,
      vaultId: author.vaultId,
      deviceSeq: 1,
      keyEpoch: 1,
    });
    expect(opened.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes the header the relay parses, payload padded to 256-byte blocks', async () => {
    const parsed = parseBundle(await bundle());
    expect(parsed.header.bundleId).toBe(bundleIdFor(author.deviceId, 1));
    expect(encodeHex(parsed.header.prevHash)).toBe('0'.repeat(64));
    // Envelope v1: 29-byte header + padded plaintext + 16-byte tag.
    expect((parsed.payload.length - 29 - 16) % 256).toBe(0);
  });

  it('derives the same bundle id for the same (device, seq), another for the next seq', () => {
    expect(bundleIdFor('dev', 7)).toBe(bundleIdFor('dev', 7));
    expect(bundleIdFor('dev', 7)).not.toBe(bundleIdFor('dev', 8));
    expect(bundleIdFor('dev', 7)).toHaveLength(22);
  });

  it('refuses any flipped byte (header, payload, signature) as an integrity error', async () => {
    const bytes = await bundle();
    for (const index of [1, 10, 60, BUNDLE_HEADER_BYTES + 40, bytes.length - 1]) {
      const tampered = bytes.slice();
      tampered[index] = (tampered[index] ?? 0) ^ 0x02;
      expect(['malformed', 'bad-signature']).toContain(await rejection(tampered));
    }
  });

  it('refuses a bundle checked against another device key (wrong author)', async () => {
    const other = createKeyring(author.vaultId);
    expect(await rejection(await bundle(), () => other.deviceSignPublicKey)).toBe('bad-signature');
  });

  it('refuses a bundle by a device absent from the verified log', async () => {
    expect(await rejection(await bundle(), () => null)).toBe('unknown-device');
  });

  it('carries several parts (wire form version 3), read as their join', async () => {
    const parts = OPS.map((op) => opsPart([op]));
    const bytes = await encodeBundle({
      keyring: author,
      bundleId: bundleIdFor(author.deviceId, 1),
      deviceSeq: 1,
      prevHash: new Uint8Array(32),
      parts,
      snapshot: false,
    });
    const opened = await openBundle(bytes, { keyring: reader, deviceKey: keys(author) });
    const { visits, records } = opened.changes;
    const whole = opsToChanges(OPS);
    expect({ visits, records }).toEqual({ visits: whole.visits, records: whole.records });
  });

  it('refuses a bundle of another vault, and one re-signed after a payload swap', async () => {
    const stranger = createKeyring(randomId());
    const foreign = await encodeBundle({
      keyring: stranger,
      bundleId: bundleIdFor(stranger.deviceId, 1),
      deviceSeq: 1,
      prevHash: new Uint8Array(32),
      parts: [opsPart(OPS)],
      snapshot: false,
    });
    expect(await rejection(foreign, keys(stranger))).toBe('wrong-vault');
    // The author signs a payload addressed to another bundle id: decryption must fail.
    const a = parseBundle(await bundle());
    const other = await encodeBundle({
      keyring: author,
      bundleId: bundleIdFor(author.deviceId, 2),
      deviceSeq: 2,
      prevHash: new Uint8Array(32).fill(1),
      parts: [opsPart([])],
      snapshot: false,
    });
    const b = parseBundle(other);
    const swapped = new Uint8Array(BUNDLE_HEADER_BYTES + a.payload.length);
    swapped.set(b.signed.subarray(0, BUNDLE_HEADER_BYTES));
    new DataView(swapped.buffer).setUint32(94, a.payload.length);
    swapped.set(a.payload, BUNDLE_HEADER_BYTES);
    const resigned = new Uint8Array(swapped.length + 64);
    resigned.set(swapped);
    resigned.set(author.signDetached(swapped), swapped.length);
    expect(await rejection(resigned)).toBe('undecryptable');
  });
});
