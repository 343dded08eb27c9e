/**
 * pushBundle cuts ops whose compressed payload would not fit the relay's body bound into
 * several chained bundles; only the last completes the outbox entry.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  exportSharedKeyring,
  importSharedKeyring,
  sha256,
  toHex,
  type Keyring,
} from '../../../app/crypto';
import { formatHlc, joinChanges, opsToChanges, type Op } from '../../../app/domain';
import { countOutbox, enableSync, putVisit, readOutbox, readSyncMeta } from '../../../app/store';
import {
  SyncError,
  openBundle,
  opsPart,
  pushBundle,
  pushStep,
  type RelayClient,
} from '../../../app/sync';
import { MAX_BODY_BYTES, encodeHex, parseBundle } from '../../../sync-server/protocol';
import { intakeEntry, vaultDb } from '../store/fixtures';
import { visitFromIntake } from '../../../app/domain';

/** `count` ops of ~`chars` random (incompressible) text each, one visit each. */
function bulkyOps(count: number, chars: number): Op[] {
  return Array.from({ length: count }, (_, i) => ({
    t: 'set',
    kind: 'visit',
    id: `visit-${i}`,
    path: 'identity.address',
    value: randomBytes((chars * 3) / 4).toString('base64url'),
    hlc: formatHlc({ ms: 1_700_000_000_000 + i, counter: 0, deviceId: 'dev' }),
  }));
}

/** A relay that keeps what is pushed, and fails the push number `failAt` (1-based). */
function capturingRelay(failAt = 0) {
  const pushed: Uint8Array[] = [];
  const relay = {
    async pushBundle(bytes: Uint8Array) {
      if (pushed.length + 1 === failAt) throw new SyncError('network');
      pushed.push(bytes);
      return { seq: pushed.length, duplicate: false };
    },
  } as unknown as RelayClient;
  return { pushed, relay };
}

async function syncedDevice() {
  const t = await vaultDb();
  await enableSync(t.db, t.keyring, 'https://relay.example.test');
  const [entry] = await readOutbox(t.db, t.keyring, 1);
  return { ...t, throughSeq: entry?.seq ?? 0 };
}

async function opened(bytes: Uint8Array, author: Keyring) {
  const reader = importSharedKeyring(exportSharedKeyring(author));
  const deviceKey = (id: string) => (id === author.deviceId ? author.deviceSignPublicKey : null);
  return openBundle(bytes, { keyring: reader, deviceKey });
}

describe('pushBundle', () => {
  it('cuts ops too big for one body into chained bundles carrying them all', async () => {
    const d = await syncedDevice();
    const ops = bulkyOps(120, 12_000); // ~1.4 MiB of JSON that deflate cannot shrink
    const { pushed, relay } = capturingRelay();
    const ctx = { db: d.db, keyring: d.keyring, relay, now: Date.now };
    expect(await pushBundle(ctx, [opsPart(ops)], d.throughSeq, true)).toBe(pushed.length);
    expect(pushed.length).toBeGreaterThan(1);
    const bundles = await Promise.all(pushed.map((b) => opened(b, d.keyring)));
    expect(joinChanges(bundles.map((b) => b.changes))).toEqual(opsToChanges(ops));
    for (const [i, b] of bundles.entries()) {
      expect(pushed[i]?.length).toBeLessThanOrEqual(MAX_BODY_BYTES);
      expect(b.header.deviceSeq).toBe(i + 1);
      expect(b.header.snapshot).toBe(i === 0);
      const prev = i === 0 ? '00'.repeat(32) : toHex(sha256(pushed[i - 1] as Uint8Array));
      expect(encodeHex(parseBundle(pushed[i] as Uint8Array).header.prevHash)).toBe(prev);
    }
    expect(await countOutbox(d.db)).toBe(0);
    expect((await readSyncMeta(d.db)).deviceSeq).toBe(pushed.length);
  });

  it('shares several parts too big for one body out among chained bundles', async () => {
    const d = await syncedDevice();
    const ops = bulkyOps(120, 12_000);
    const parts = ops.map((op) => opsPart([op]));
    const { pushed, relay } = capturingRelay();
    const ctx = { db: d.db, keyring: d.keyring, relay, now: Date.now };
    expect(await pushBundle(ctx, parts, d.throughSeq, false)).toBe(pushed.length);
    expect(pushed.length).toBeGreaterThan(1);
    const bundles = await Promise.all(pushed.map((b) => opened(b, d.keyring)));
    expect(joinChanges(bundles.map((b) => b.changes))).toEqual(opsToChanges(ops));
    for (const b of pushed) expect(b.length).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(await countOutbox(d.db)).toBe(0);
  });

  it('keeps the outbox entry until the last part is acknowledged', async () => {
    const d = await syncedDevice();
    const { pushed, relay } = capturingRelay(2);
    const ctx = { db: d.db, keyring: d.keyring, relay, now: Date.now };
    await expect(
      pushBundle(ctx, [opsPart(bulkyOps(120, 12_000))], d.throughSeq, false),
    ).rejects.toThrow(SyncError);
    expect(pushed).toHaveLength(1);
    expect((await readSyncMeta(d.db)).deviceSeq).toBe(1);
    expect(await countOutbox(d.db)).toBe(1);
  });

  it('refuses a single op that no bundle can hold', async () => {
    const d = await syncedDevice();
    const { pushed, relay } = capturingRelay();
    const ctx = { db: d.db, keyring: d.keyring, relay, now: Date.now };
    const error = await pushBundle(ctx, [opsPart(bulkyOps(1, 1_500_000))], 0, false).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'protocol' });
    expect(pushed).toHaveLength(0);
  });

  it('pushes the outbox window after window, in order, reading the next one ahead', async () => {
    const d = await syncedDevice();
    for (const tag of ['1', '2', '3', '4']) {
      await putVisit(d.db, d.keyring, visitFromIntake(intakeEntry(`visit-${tag}`, tag)));
    }
    const entries = await readOutbox(d.db, d.keyring, 100);
    expect(entries).toHaveLength(5);
    const { pushed, relay } = capturingRelay();
    const ctx = { db: d.db, keyring: d.keyring, relay, now: Date.now };
    expect(await pushStep(ctx, { windowEntries: 2 })).toBe(3);
    const bundles = await Promise.all(pushed.map((b) => opened(b, d.keyring)));
    expect(bundles.map((b) => b.header.deviceSeq)).toEqual([1, 2, 3]);
    const byWindow = [entries.slice(0, 2), entries.slice(2, 4), entries.slice(4)];
    expect(bundles.map((b) => b.changes)).toEqual(
      byWindow.map((w) => opsToChanges(w.flatMap((e) => e.ops))),
    );
    expect(await countOutbox(d.db)).toBe(0);
  });

  it('stops at a failed push and leaves the windows not acknowledged in the outbox', async () => {
    const d = await syncedDevice();
    for (const tag of ['1', '2', '3']) {
      await putVisit(d.db, d.keyring, visitFromIntake(intakeEntry(`visit-${tag}`, tag)));
    }
    const { pushed, relay } = capturingRelay(2);
    const ctx = { db: d.db, keyring: d.keyring, relay, now: Date.now };
    await expect(pushStep(ctx, { windowEntries: 1 })).rejects.toThrow(SyncError);
    expect(pushed).toHaveLength(1);
    expect(await countOutbox(d.db)).toBe(3);
  });
});
