/**
 * Audit entries travel through the real relay to every device of the vault (DESIGN.md
 * "Retention, audit, reports"): an entry written on device A arrives on device B sealed
 * under the audit subkey, both chains verify on both devices, and a device that joins
 * later gets the whole log.
 */
import { describe, expect, it } from 'vitest';
import { IntegrityError, decryptRecord } from '../../../app/crypto';
import type { AuditActor } from '../../../app/domain';
import { appendAudit, readAuditLog } from '../../../app/store';
import { firstDevice, joinDevice, testRelay, type TestDevice } from './engine-harness';

const ALICE: AuditActor = { id: 'staffAlice000000000000', name: 'Alice Martin' };

async function log(d: TestDevice, visitId: string): Promise<void> {
  await appendAudit(d.db, d.keyring, {
    event: { kind: 'visit-viewed', details: { visitId } },
    actor: ALICE,
    at: new Date(),
  });
}

/** Entries as `deviceName:seq`, sorted, to compare devices. */
async function entriesOf(d: TestDevice, names: Map<string, string>): Promise<string[]> {
  const { entries } = await readAuditLog(d.db, d.keyring);
  return entries.map((e) => `${names.get(e.deviceId) ?? '?'}:${e.seq}`).sort();
}

describe('audit log across devices', () => {
  it('delivers each device’s entries to the other, sealed under the audit subkey', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    const b = await joinDevice(relay, a, 'Comptoir 2');
    const names = new Map([
      [a.keyring.deviceId, 'A'],
      [b.keyring.deviceId, 'B'],
    ]);
    await log(a, 'visitA1');
    await log(a, 'visitA2');
    await a.engine.syncNow();
    await b.engine.syncNow();
    await log(b, 'visitB1');
    await b.engine.syncNow();
    await a.engine.syncNow();

    const expected = ['A:1', 'A:2', 'B:1'];
    expect(await entriesOf(a, names)).toEqual(expected);
    expect(await entriesOf(b, names)).toEqual(expected);
    for (const d of [a, b]) {
      const { report } = await readAuditLog(d.db, d.keyring);
      expect(report.ok).toBe(true);
      const lasts = new Map(report.devices.map((x) => [names.get(x.deviceId), x.lastSeq]));
      expect(lasts).toEqual(
        new Map([
          ['A', 2],
          ['B', 1],
        ]),
      );
      expect(d.engine.status.warnings).toEqual([]);
    }
    const recordId = `${a.keyring.deviceId}.0000000002`;
    const row = await b.db.records.get(`audit:${recordId}`);
    if (!row) throw new Error('A’s entry did not reach B');
    const address = { vaultId: b.keyring.vaultId, kind: 'audit', recordId };
    expect(() => decryptRecord(b.keyring, address, row.env, 'records')).toThrow(IntegrityError);
    expect(decryptRecord(b.keyring, address, row.env, 'audit').length).toBeGreaterThan(0);
  });

  it('gives a device that joins later the whole log', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    await log(a, 'visitA1');
    await a.engine.syncNow();
    const b = await joinDevice(relay, a, 'Comptoir 2');
    await b.engine.syncNow();
    await log(b, 'visitB1');
    await b.engine.syncNow();
    const c = await joinDevice(relay, a, 'Comptoir 3');
    await c.engine.syncNow();
    const { entries, report } = await readAuditLog(c.db, c.keyring);
    expect(entries.map((e) => e.details)).toEqual(
      expect.arrayContaining([{ visitId: 'visitA1' }, { visitId: 'visitB1' }]),
    );
    expect(entries).toHaveLength(2);
    expect(report.ok).toBe(true);
  });
});
