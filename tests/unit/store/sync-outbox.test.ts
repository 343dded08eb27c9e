/**
 * Schema v3 outbox: written in the same transaction as every synced change, only while
 * sync is enabled; enableSync snapshots everything.
 */
import { describe, expect, it, vi } from 'vitest';
import { encryptRecord, randomId, utf8Decode } from '../../../app/crypto';
import {
  opsToChanges,
  parseChanges,
  visitFromIntake,
  type Changes,
  type Op,
} from '../../../app/domain';
import {
  StorageError,
  absorbIntakeEntries,
  addStaffMember,
  completeSubmission,
  countOutbox,
  deleteOutboxThrough,
  enableSync,
  enqueueSubmission,
  getVisit,
  putVisit,
  readOutbox,
  readOutboxParts,
  readSyncMeta,
  readVaultMeta,
  rejectSubmission,
  saveIntakeEntry,
  savePharmacy,
  savePortalSession,
  savePortalSettings,
  snapshotOps,
  updateSyncMeta,
} from '../../../app/store';
import { encodeRecord } from '../../../app/store/codec';
import { scrubOutbox } from '../../../app/store/outbox-repo';
import { OUTBOX_KIND } from '../../../app/store/rows';
import { KDF, PHARMACY, intakeEntry, vaultDb } from './fixtures';
import { storeResulted } from './sync-fixtures';

const RELAY = 'https://relay.example.test';
const docsOf = ({ visits, records }: Changes) => ({ visits, records });
const partChanges = (part: Uint8Array) => parseChanges(JSON.parse(utf8Decode(part)));

/** Appends an entry in the version-1 form older app versions wrote: `{ v: 1, ops }`. */
async function addV1Entry(t: Awaited<ReturnType<typeof vaultDb>>, ops: Op[]): Promise<number> {
  const id = randomId();
  const address = { vaultId: t.keyring.vaultId, kind: OUTBOX_KIND, recordId: id };
  return t.db.outbox.add({
    id,
    env: encryptRecord(t.keyring, address, encodeRecord({ v: 1, ops })),
  });
}

const kinds = (ops: Op[]) => [...new Set(ops.map((o) => `${o.t}:${o.kind}`))].sort();

describe('outbox', () => {
  it('writes nothing in offline-only mode (sync never enabled), but keeps clocks', async () => {
    const v = await vaultDb();
    await storeResulted(v);
    await savePharmacy(v.db, v.keyring, PHARMACY);
    expect(await countOutbox(v.db)).toBe(0);
    const meta = await readSyncMeta(v.db);
    expect(meta).toMatchObject({ enabled: false, deviceSeq: 0, cursor: 0, lastBundleHash: '' });
    expect(meta.hlc).toMatch(/^[0-9a-z]{9}:[0-9a-z]{4}:/);
  });

  it('enableSync writes ONE entry holding a snapshot of every visit and synced record', async () => {
    const v = await vaultDb();
    const visit = await storeResulted(v);
    await savePortalSettings(v.db, v.keyring, { mode: 'confirm' });
    await savePortalSession(v.db, v.keyring, v.staff.id, {
      accessToken: 'tok',
      expiresAt: 1,
      subject: 's',
      issuer: 'i',
    });
    await enableSync(v.db, v.keyring, RELAY);
    expect(await readSyncMeta(v.db)).toMatchObject({ enabled: true, relayUrl: RELAY });
    const entries = await readOutbox(v.db, v.keyring, 10);
    expect(entries).toHaveLength(1);
    const ops = entries[0]?.ops ?? [];
    expect(ops).toEqual(await snapshotOps(v.db, v.keyring));
    expect(ops.filter((o) => o.id === visit.id && o.t === 'state')).toEqual([
      expect.objectContaining({ value: 'resulted' }),
    ]);
    expect(
      ops
        .filter((o) => o.t === 'record')
        .map((o) => `${o.kind}:${o.id}`)
        .sort(),
    ).toEqual(['portal-settings:portal', 'settings:pharmacy', `staff:${v.staff.id}`].sort());
  });

  it('every synced change appends one entry once enabled; sessions and slots never sync', async () => {
    const v = await vaultDb();
    await enableSync(v.db, v.keyring, RELAY);
    await deleteOutboxThrough(v.db, (await readOutbox(v.db, v.keyring, 1))[0]?.seq ?? 0);
    const meta = await readVaultMeta(v.db);
    if (!meta) throw new Error('no vault');
    await saveIntakeEntry(v.db, meta.intakePublicKey, intakeEntry(randomId()));
    expect(await countOutbox(v.db)).toBe(0); // sealed: nothing readable to sync yet
    await absorbIntakeEntries(v.db, v.keyring);
    const visit = await storeResulted(v);
    const queued = await enqueueSubmission(v.db, v.keyring, visit, Date.now());
    await rejectSubmission(v.db, v.keyring, {
      ...queued,
      state: 'rejected',
      transmission: { attempts: 1, lastError: 'refusé' },
    });
    const requeued = await enqueueSubmission(v.db, v.keyring, { ...queued, state: 'rejected' }, 1);
    await completeSubmission(v.db, v.keyring, {
      ...requeued,
      state: 'transmitted',
      transmission: { attempts: 1, receipt: 'r', transmittedAt: 't' },
    });
    await addStaffMember(v.db, v.keyring, {
      name: 'Bob',
      rpps: '10000000002',
      role: 'staff',
      label: 'Bob',
      passphrase: 'une autre phrase de passe longue',
      kdf: KDF,
    });
    await savePharmacy(v.db, v.keyring, PHARMACY);
    await savePortalSettings(v.db, v.keyring, { mode: 'auto' });
    await savePortalSession(v.db, v.keyring, v.staff.id, {
      accessToken: 'tok',
      expiresAt: 1,
      subject: 's',
      issuer: 'i',
    });
    const entries = await readOutbox(v.db, v.keyring, 100);
    // absorb, 2 puts, enqueue, reject, re-enqueue, complete, staff, pharmacy, portal settings
    expect(entries).toHaveLength(10);
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => a - b));
    expect(kinds(entries.slice(7).flatMap((e) => e.ops))).toEqual([
      'record:portal-settings',
      'record:settings',
      'record:staff',
    ]);
    expect((await getVisit(v.db, v.keyring, visit.id)).state).toBe('transmitted');
  });

  it('writes the outbox entry in the same transaction as the change: a failed append stores neither', async () => {
    const v = await vaultDb();
    await enableSync(v.db, v.keyring, RELAY);
    const before = await countOutbox(v.db);
    const hlc = (await readSyncMeta(v.db)).hlc;
    const visit = visitFromIntake(intakeEntry(randomId()));
    const spy = vi.spyOn(v.db.outbox, 'add').mockRejectedValue(new Error('disk failure'));
    await expect(putVisit(v.db, v.keyring, visit)).rejects.toThrow();
    spy.mockRestore();
    await expect(getVisit(v.db, v.keyring, visit.id)).rejects.toMatchObject({ code: 'not-found' });
    expect(await countOutbox(v.db)).toBe(before);
    expect((await readSyncMeta(v.db)).hlc).toBe(hlc);
    await putVisit(v.db, v.keyring, visit);
    expect(await countOutbox(v.db)).toBe(before + 1);
  });

  it('reads in order, by limit, and forgets entries through a seq', async () => {
    const v = await vaultDb();
    await enableSync(v.db, v.keyring, RELAY);
    for (let i = 0; i < 3; i += 1)
      await putVisit(v.db, v.keyring, visitFromIntake(intakeEntry(randomId())));
    const two = await readOutbox(v.db, v.keyring, 2);
    expect(two).toHaveLength(2);
    await deleteOutboxThrough(v.db, two[1]?.seq ?? 0);
    expect(await countOutbox(v.db)).toBe(2);
    expect((await readOutbox(v.db, v.keyring, 10))[0]?.seq).toBeGreaterThan(two[1]?.seq ?? 0);
  });

  it('stores an entry as version-2 changes, which the push joins as stored', async () => {
    const v = await vaultDb();
    await enableSync(v.db, v.keyring, RELAY);
    await putVisit(v.db, v.keyring, visitFromIntake(intakeEntry('visit-v2', 'V2')));
    const [, parts] = await readOutboxParts(v.db, v.keyring, 10);
    const text = utf8Decode(parts?.part ?? new Uint8Array());
    expect(text.startsWith('{"v":2,"h":[')).toBe(true);
    const [, entry] = await readOutbox(v.db, v.keyring, 10);
    expect(entry?.seq).toBe(parts?.seq);
    expect(docsOf(partChanges(parts?.part ?? new Uint8Array()))).toEqual(
      docsOf(opsToChanges(entry?.ops ?? [])),
    );
    expect(entry?.ops.filter((op) => op.t === 'set').length).toBeGreaterThan(10);
  });

  it('still reads an entry of version 1 (older writers), as ops and as a part', async () => {
    const v = await vaultDb();
    await enableSync(v.db, v.keyring, RELAY);
    await putVisit(v.db, v.keyring, visitFromIntake(intakeEntry('visit-v1', 'V1')));
    const [, entry] = await readOutbox(v.db, v.keyring, 10);
    const ops = entry?.ops ?? [];
    await deleteOutboxThrough(v.db, entry?.seq ?? 0);
    const seq = await addV1Entry(v, ops);
    expect(await readOutbox(v.db, v.keyring, 10)).toEqual([{ seq, ops }]);
    const [part] = await readOutboxParts(v.db, v.keyring, 10);
    expect(part?.seq).toBe(seq);
    expect(docsOf(partChanges(part?.part ?? new Uint8Array()))).toEqual(docsOf(opsToChanges(ops)));
  });

  it('scrubs a purged visit from entries of both versions, keeping its deletion', async () => {
    const v = await vaultDb();
    await enableSync(v.db, v.keyring, RELAY);
    await deleteOutboxThrough(v.db, (await readOutbox(v.db, v.keyring, 1))[0]?.seq ?? 0);
    const hlc = '0mx0kvqmm:0000:devA';
    const set = (id: string, value: string): Op => ({
      t: 'set',
      kind: 'visit',
      id,
      path: 'identity.city',
      value,
      hlc,
    });
    const del: Op = { t: 'del', kind: 'visit', id: 'gone', hlc };
    await addV1Entry(v, [set('gone', 'KANARIV1'), set('kept', 'Lyon')]);
    await addV1Entry(v, [set('gone', 'KANARIV1B')]);
    await putVisit(v.db, v.keyring, visitFromIntake(intakeEntry('gone', 'KANARIV2')));
    const delSeq = await addV1Entry(v, [del]);
    const delEnv = (await v.db.outbox.get(delSeq))?.env;
    await scrubOutbox(v.db, v.keyring, new Set(['gone']));
    // The entry holding only the deletion is left as it is (not sealed again).
    expect((await v.db.outbox.get(delSeq))?.env).toEqual(delEnv);
    const entries = await readOutbox(v.db, v.keyring, 10);
    // The entry holding only the purged visit's fields is gone; the others lost them.
    expect(entries.map((e) => e.ops)).toEqual([[set('kept', 'Lyon')], [del]]);
    const text = (await readOutboxParts(v.db, v.keyring, 10)).map((p) => utf8Decode(p.part));
    expect(text.join()).not.toContain('KANARI');
  });

  it('updateSyncMeta patches the row and refuses malformed values', async () => {
    const v = await vaultDb();
    await updateSyncMeta(v.db, { cursor: 7, deviceSeq: 2, lastBundleHash: 'ab01' });
    expect(await readSyncMeta(v.db)).toMatchObject({ cursor: 7, deviceSeq: 2, enabled: false });
    for (const bad of [{ cursor: -1 }, { lastBundleHash: 'xyz' }, { hlc: 'nope' }]) {
      await expect(updateSyncMeta(v.db, bad)).rejects.toBeInstanceOf(StorageError);
    }
    expect((await readSyncMeta(v.db)).cursor).toBe(7);
  });
});
