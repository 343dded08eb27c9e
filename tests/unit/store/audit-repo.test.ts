/**
 * The audit log in the store: append-only, sealed under the AUDIT subkey, hash-chained per
 * device, with a head kept apart; concurrent appends never fork; tampering on disk is
 * reported; a visit change and its entry commit together.
 */
import { describe, expect, it } from 'vitest';
import { IntegrityError, decryptRecord, type Keyring } from '../../../app/crypto';
import { visitFromIntake, type AuditActor, type AuditEvent } from '../../../app/domain';
import {
  StorageError,
  appendAudit,
  enableSync,
  getVisit,
  listAudit,
  putVisit,
  readAuditLog,
  readOutbox,
  verifyAudit,
  type ComptoirDb,
} from '../../../app/store';
import { sealRecordRow } from '../../../app/store/record-rows';
import { intakeEntry, vaultDb } from './fixtures';
import { patchRaw } from './raw-idb';

const ALICE: AuditActor = { id: 'staffAlice000000000000', name: 'Alice Martin' };
const VISIT = 'q3Xc9aZf1bQ2Lm0pR7sT8u';
const viewed: AuditEvent = { kind: 'visit-viewed', details: { visitId: VISIT } };
const at = (minute: number) => new Date(Date.UTC(2021, 4, 3, 7, minute));

type Device = { db: ComptoirDb; keyring: Keyring };
async function appendMany(d: Device, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    await appendAudit(d.db, d.keyring, { event: viewed, actor: ALICE, at: at(i) });
  }
}
const entryKey = (d: Device, seq: number) =>
  `audit:${d.keyring.deviceId}.${String(seq).padStart(10, '0')}`;
const lastSeq = async (d: Device) =>
  Math.max(...(await listAudit(d.db, d.keyring)).map((e) => e.seq));
const problems = async (d: Device) =>
  (await verifyAudit(d.db, d.keyring)).devices.find((x) => x.deviceId === d.keyring.deviceId)
    ?.problems;

describe('audit log on one device', () => {
  it('appends chained entries, lists them newest first after a reopen, and verifies', async () => {
    const v = await vaultDb();
    await appendAudit(v.db, v.keyring, {
      event: { kind: 'unlock', details: { method: 'passphrase', failedAttempts: 0 } },
      actor: ALICE,
      at: at(0),
    });
    await appendAudit(v.db, v.keyring, { event: viewed, actor: ALICE, at: at(1) });
    await appendAudit(v.db, v.keyring, {
      event: { kind: 'purged', details: { visits: 3 } },
      actor: null,
      at: at(2),
    });
    await v.reopen();
    const log = await readAuditLog(v.db, v.keyring);
    expect(log.entries.map((e) => [e.seq, e.kind, e.staffName])).toEqual([
      [3, 'purged', null],
      [2, 'visit-viewed', 'Alice Martin'],
      [1, 'unlock', 'Alice Martin'],
    ]);
    expect(log.entries[2]?.at).toBe('2021-05-03T07:00:00.000Z');
    expect(log.report.ok).toBe(true);
    expect(log.report.devices).toEqual([
      { deviceId: v.keyring.deviceId, entries: 3, lastSeq: 3, problems: [] },
    ]);
    expect(
      (await listAudit(v.db, v.keyring, { kinds: ['visit-viewed'] })).map((e) => e.seq),
    ).toEqual([2]);
    expect(await listAudit(v.db, v.keyring, { staffId: 'someoneElse' })).toEqual([]);
  });

  it('never forks the chain under concurrent appends', async () => {
    const v = await vaultDb();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        appendAudit(v.db, v.keyring, { event: viewed, actor: ALICE, at: at(i) }),
      ),
    );
    const log = await readAuditLog(v.db, v.keyring);
    expect(log.entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(log.report.ok).toBe(true);
  });

  it('refuses an event carrying a name where an id goes, and writes nothing', async () => {
    const v = await vaultDb();
    const bad = { kind: 'visit-viewed', details: { visitId: 'Jean Dupont' } } as AuditEvent;
    await expect(
      appendAudit(v.db, v.keyring, { event: bad, actor: ALICE, at: at(0) }),
    ).rejects.toMatchObject({
      code: 'corrupt',
    });
    expect(await v.db.records.where('kind').equals('audit').count()).toBe(0);
  });

  it('seals entries and heads under the AUDIT subkey, not the records subkey', async () => {
    const v = await vaultDb();
    await appendMany(v, 1);
    for (const kind of ['audit', 'audit-head'] as const) {
      const [row] = await v.db.records.where('kind').equals(kind).toArray();
      if (!row) throw new Error(`no ${kind} row`);
      const address = { vaultId: v.keyring.vaultId, kind, recordId: row.id.slice(kind.length + 1) };
      expect(decryptRecord(v.keyring, address, row.env, 'audit').length).toBeGreaterThan(0);
      expect(() => decryptRecord(v.keyring, address, row.env, 'records')).toThrow(IntegrityError);
    }
  });

  it('sends each entry to the outbox when sync is on', async () => {
    const v = await vaultDb();
    await enableSync(v.db, v.keyring, 'https://relay.example.test');
    await appendMany(v, 2);
    const ops = (await readOutbox(v.db, v.keyring, 100)).flatMap((e) => e.ops);
    const audit = ops.filter((o) => o.t === 'record' && o.kind === 'audit');
    expect(audit.map((o) => o.id)).toEqual([entryKey(v, 1).slice(6), entryKey(v, 2).slice(6)]);
  });
});

describe('tampering with the stored log', () => {
  it('reports a deleted entry, and a deleted tail against the head', async () => {
    const v = await vaultDb();
    await appendMany(v, 5);
    await patchRaw(v.factory, v.name, 'records', entryKey(v, 2), () => null);
    expect(await problems(v)).toEqual([{ kind: 'missing', from: 2, to: 2 }]);
    await patchRaw(v.factory, v.name, 'records', entryKey(v, 5), () => null);
    await patchRaw(v.factory, v.name, 'records', entryKey(v, 4), () => null);
    expect(await problems(v)).toEqual([
      { kind: 'missing', from: 2, to: 2 },
      { kind: 'truncated', last: 3, head: 5 },
    ]);
    // The chain goes on after the head, so the gap stays visible.
    await appendMany(v, 1);
    expect(await lastSeq(v)).toBe(6);
    expect(await problems(v)).toEqual([
      { kind: 'missing', from: 2, to: 2 },
      { kind: 'missing', from: 4, to: 5 },
    ]);
  });

  it('reports entries swapped on disk as unreadable (their envelopes name their ids)', async () => {
    const v = await vaultDb();
    await appendMany(v, 3);
    const rows = await v.db.records.bulkGet([entryKey(v, 1), entryKey(v, 2)]);
    await patchRaw(v.factory, v.name, 'records', entryKey(v, 1), (r) => ({
      ...r,
      env: rows[1]?.env,
    }));
    await patchRaw(v.factory, v.name, 'records', entryKey(v, 2), (r) => ({
      ...r,
      env: rows[0]?.env,
    }));
    expect(await problems(v)).toEqual([
      { kind: 'unreadable', seq: 1 },
      { kind: 'unreadable', seq: 2 },
    ]);
  });

  it('reports an entry re-encrypted with other content by a key holder as edited', async () => {
    const v = await vaultDb();
    await appendMany(v, 3);
    const [entry] = await listAudit(v.db, v.keyring, {}).then((l) => l.filter((e) => e.seq === 2));
    const forged = { ...entry, staffName: 'Bob Leroy' };
    await v.db.records.put(sealRecordRow(v.keyring, 'audit', entryKey(v, 2).slice(6), forged));
    expect(await problems(v)).toEqual([{ kind: 'edited', seq: 2 }]);
  });

  it('continues after the last entry when the head row was deleted', async () => {
    const v = await vaultDb();
    await appendMany(v, 2);
    await v.db.records.delete(`audit-head:${v.keyring.deviceId}`);
    await appendMany(v, 1);
    expect(await problems(v)).toEqual([]);
    expect(await lastSeq(v)).toBe(3);
  });
});

describe('a visit change and its audit entry', () => {
  it('commit together, and neither is written when the entry is malformed', async () => {
    const v = await vaultDb();
    const visit = visitFromIntake(intakeEntry(VISIT));
    const edited: AuditEvent = {
      kind: 'visit-edited',
      details: { visitId: VISIT, part: 'identity' },
    };
    await putVisit(v.db, v.keyring, visit, { event: edited, actor: ALICE, at: at(0) });
    expect((await listAudit(v.db, v.keyring)).map((e) => e.kind)).toEqual(['visit-edited']);
    const renamed = { ...visit, identity: { ...visit.identity, city: 'Paris' } };
    const bad = {
      kind: 'visit-edited',
      details: { visitId: VISIT, part: 'Paris' },
    } as unknown as AuditEvent;
    await expect(
      putVisit(v.db, v.keyring, renamed, { event: bad, actor: ALICE, at: at(1) }),
    ).rejects.toBeInstanceOf(StorageError);
    expect((await getVisit(v.db, v.keyring, VISIT)).identity.city).toBe(visit.identity.city);
    expect(await listAudit(v.db, v.keyring)).toHaveLength(1);
  });
});
