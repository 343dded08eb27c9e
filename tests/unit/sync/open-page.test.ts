/** openPage: a pulled page verified in order, decrypted a few at a time, outcomes in order. */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createKeyring,
  exportSharedKeyring,
  importSharedKeyring,
  initCrypto,
  randomId,
  type Keyring,
} from '../../../app/crypto';
import { formatHlc, type Op } from '../../../app/domain';
import { bundleIdFor, encodeBundle, opsPart, type VerifiedDeviceLog } from '../../../app/sync';
import { DECRYPT_AHEAD, openPage } from '../../../app/sync/open-page';

beforeAll(initCrypto);

let author: Keyring;
let reader: Keyring;
beforeAll(() => {
  author = createKeyring(randomId());
  reader = importSharedKeyring(exportSharedKeyring(author));
});

/** Bundle `seq` of `by`, carrying `count` visits (bigger ones inflate longer). */
function bundle(by: Keyring, seq: number, count: number): Promise<Uint8Array> {
  const ops: Op[] = Array.from({ length: count }, (_, i) => ({
    t: 'set',
    kind: 'visit',
    id: `visit-${seq}-${i}`,
    path: 'identity.city',
    value: `Ville ${i}`,
    hlc: formatHlc({ ms: 1_700_000_000_000 + i, counter: 0, deviceId: 'dev' }),
  }));
  const bundleId = bundleIdFor(by.deviceId, seq);
  return encodeBundle({
    keyring: by,
    bundleId,
    deviceSeq: seq,
    prevHash: new Uint8Array(32),
    parts: [opsPart(ops)],
    snapshot: false,
  });
}

function context(known: Keyring[], onRefresh: () => void = () => undefined) {
  const members = new Map(
    known.map((k) => [k.deviceId, { sign: k.deviceSignPublicKey, name: '' }]),
  );
  const log = { members } as unknown as VerifiedDeviceLog;
  return {
    keyring: reader,
    deviceLog: () => log,
    refreshDeviceLog: async () => onRefresh(),
  };
}

describe('openPage', () => {
  it('keeps page order whatever order the decryptions finish in', async () => {
    const sizes = [3000, 1, 2000, 1, 500, 1, 1, 4000, 1];
    expect(sizes.length).toBeGreaterThan(DECRYPT_AHEAD);
    const page = await Promise.all(
      sizes.map(async (n, i) => ({ data: await bundle(author, i + 1, n) })),
    );
    const outcomes = await openPage(context([author, reader]), page, { done: false });
    expect(outcomes.map((o) => ('opened' in o ? o.opened.header.deviceSeq : o))).toEqual(
      sizes.map((_, i) => i + 1),
    );
    expect(outcomes.map((o) => ('opened' in o ? o.opened.changes.visits.size : 0))).toEqual(sizes);
  });

  it('skips this device’s own bundles and refuses tampered ones, in place', async () => {
    const tampered = await bundle(author, 2, 5);
    const at = tampered.length - 100; // inside the payload
    tampered[at] = (tampered[at] ?? 0) ^ 1;
    const page = [
      { data: await bundle(author, 1, 5) },
      { data: tampered },
      { data: await bundle(reader, 1, 5) },
      { data: await bundle(author, 3, 5) },
    ];
    const outcomes = await openPage(context([author, reader]), page, { done: false });
    expect(outcomes.map((o) => Object.keys(o)[0])).toEqual(['opened', 'refused', 'own', 'opened']);
  });

  it('reads the device log once more for an unknown author, at most once per pull', async () => {
    let refreshes = 0;
    const stranger = importSharedKeyring(exportSharedKeyring(author)); // not in the log
    const page = [{ data: await bundle(stranger, 1, 1) }, { data: await bundle(stranger, 2, 1) }];
    const refreshed = { done: false };
    const outcomes = await openPage(
      context([author], () => (refreshes += 1)),
      page,
      refreshed,
    );
    expect(refreshes).toBe(1);
    expect(outcomes.map((o) => ('refused' in o ? o.refused.reason : 'other'))).toEqual([
      'unknown-device',
      'unknown-device',
    ]);
  });
});
