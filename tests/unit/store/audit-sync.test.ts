/**
 * Audit entries travel to every device of the vault as immutable synced records: stored
 * sealed under the AUDIT subkey, verified on arrival's device, and a remote rewrite of an
 * entry is refused and reported, never applied.
 */
import { describe, expect, it } from 'vitest';
import { IntegrityError, decryptRecord } from '../../../app/crypto';
import type { AuditActor, AuditEntry, Op, RecordOp } from '../../../app/domain';
import {
  appendAudit,
  applyRemoteOps,
  readAuditLog,
  snapshotOps,
  type ComptoirDb,
} from '../../../app/store';
import type { Keyring } from '../../../app/crypto';
import { vaultDb } from './fixtures';
import { emptyDevice, otherDevice, pairedDevice } from './sync-fixtures';

const ALICE: AuditActor = { id: 'staffAlice000000000000', name: 'Alice Martin' };
const at = (minute: number) => new Date(Date.UTC(2021, 4, 3, 7, minute));
type Device = { db: ComptoirDb; keyring: Keyring };

async function logViews(d: Device, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    await appendAudit(d.db, d.keyring, {
      event: { kind: 'visit-viewed', details: { visitId: `visit${i}` } },
      actor: ALICE,
      at: at(i),
    });
  }
}
const auditOps = (ops: Op[]) =>
  ops.filter((o): o is RecordOp => o.t === 'record' && o.kind === 'audit');
const reportOf = async (d: Device, deviceId: string) =>
  (await readAuditLog(d.db, d.keyring)).report.devices.find((x) => x.deviceId === deviceId);

describe('audit entries between devices', () => {
  it('arrive sealed under the audit subkey and verify on the other device', async () => {
    const a = await vaultDb();
    await logViews(a, 3);
    const b = await pairedDevice(a);
    const log = await readAuditLog(b.db, b.keyring);
    expect(log.entries.map((e) => [e.deviceId, e.seq])).toEqual([
      [a.keyring.deviceId, 3],
      [a.keyring.deviceId, 2],
      [a.keyring.deviceId, 1],
    ]);
    expect(log.report).toEqual({
      ok: true,
      devices: [{ deviceId: a.keyring.deviceId, entries: 3, lastSeq: 3, problems: [] }],
    });
    const row = await b.db.records.get(`audit:${a.keyring.deviceId}.0000000002`);
    if (!row) throw new Error('entry not stored');
    const address = {
      vaultId: b.keyring.vaultId,
      kind: 'audit',
      recordId: `${a.keyring.deviceId}.0000000002`,
    };
    expect(decryptRecord(b.keyring, address, row.env, 'audit').length).toBeGreaterThan(0);
    expect(() => decryptRecord(b.keyring, address, row.env, 'records')).toThrow(IntegrityError);
    // B's own chain starts at 1; delivering A's snapshot again changes nothing.
    await logViews(b, 1);
    await applyRemoteOps(b.db, b.keyring, await snapshotOps(a.db, a.keyring));
    const again = await readAuditLog(b.db, b.keyring);
    expect(again.entries).toHaveLength(4);
    expect(again.report.ok).toBe(true);
    expect(await b.db.records.where('kind').equals('audit-conflict').count()).toBe(0);
  });

  it('refuses and reports a remote rewrite of a stored entry', async () => {
    const a = await vaultDb();
    await logViews(a, 2);
    const b = await pairedDevice(a);
    const [op] = auditOps(await snapshotOps(a.db, a.keyring)).filter((o) => o.id.endsWith('1'));
    if (!op) throw new Error('no op');
    const forged: RecordOp = {
      ...op,
      value: { ...(op.value as AuditEntry), staffName: 'Mallory' },
      hlc: 'zzzzzzzzz:0000:zzzz',
    };
    await applyRemoteOps(b.db, b.keyring, [forged]);
    await applyRemoteOps(b.db, b.keyring, [forged]);
    const log = await readAuditLog(b.db, b.keyring);
    expect(log.entries.find((e) => e.seq === 1)?.staffName).toBe('Alice Martin');
    expect((await reportOf(b, a.keyring.deviceId))?.problems).toEqual([
      { kind: 'conflict', seq: 1 },
    ]);
    expect(await b.db.records.where('kind').equals('audit-conflict').count()).toBe(1);
  });

  it('refuses entries of this device’s own chain sent by another device', async () => {
    const a = await vaultDb();
    const b = await pairedDevice(a);
    await logViews(b, 1);
    const [own] = auditOps(await snapshotOps(b.db, b.keyring));
    if (!own) throw new Error('no op');
    const next = { ...(own.value as AuditEntry), seq: 2, prev: 'ab'.repeat(32) };
    const id = `${b.keyring.deviceId}.0000000002`;
    await applyRemoteOps(b.db, b.keyring, [{ ...own, id, value: next }]);
    expect((await readAuditLog(b.db, b.keyring)).entries).toHaveLength(1);
    expect((await reportOf(b, b.keyring.deviceId))?.problems).toEqual([
      { kind: 'conflict', seq: 2 },
    ]);
  });

  it('reports an entry the relay never delivered as missing', async () => {
    const a = await vaultDb();
    await logViews(a, 3);
    // A fresh device that receives only entries 1 and 3 of A.
    const keyring = otherDevice(a.keyring);
    const c = { keyring, db: await emptyDevice(keyring) };
    const ops = auditOps(await snapshotOps(a.db, a.keyring)).filter((o) => !o.id.endsWith('2'));
    await applyRemoteOps(c.db, c.keyring, ops);
    expect((await reportOf(c, a.keyring.deviceId))?.problems).toEqual([
      { kind: 'missing', from: 2, to: 2 },
    ]);
  });

  it('refuses a malformed audit record like any malformed record', async () => {
    const a = await vaultDb();
    await logViews(a, 1);
    const b = await pairedDevice(a);
    const [op] = auditOps(await snapshotOps(a.db, a.keyring));
    if (!op) throw new Error('no op');
    const moved = { ...op, id: `${a.keyring.deviceId}.0000000009` };
    await expect(applyRemoteOps(b.db, b.keyring, [moved])).rejects.toMatchObject({
      code: 'corrupt',
    });
  });
});
