/**
 * Audit events without keys: lock and patient mode are sealed to the intake key and
 * chained at the next unlock; failed unlocks are counted in clear and logged with it.
 */
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../../app/crypto';
import type { AuditActor, AuditEvent } from '../../../app/domain';
import {
  appendPendingAudit,
  appendUnlockAudit,
  listAudit,
  readAuditLog,
  readVaultMeta,
  recordUnlockFailure,
} from '../../../app/store';
import { vaultDb } from './fixtures';

const ALICE: AuditActor = { id: 'staffAlice000000000000', name: 'Alice Martin' };
const BOB: AuditActor = { id: 'staffBob00000000000000', name: 'Bob Leroy' };
const at = (minute: number) => new Date(Date.UTC(2021, 4, 3, 7, minute));

async function intakeKey(db: Parameters<typeof readVaultMeta>[0]): Promise<Uint8Array> {
  const meta = await readVaultMeta(db);
  if (!meta) throw new Error('no vault');
  return meta.intakePublicKey;
}

describe('keyless audit events', () => {
  it('chains lock and patient mode at the next unlock, in time order, then unlock and exit', async () => {
    const v = await vaultDb();
    const pk = await intakeKey(v.db);
    // Written in reverse time order on purpose: the unlock sorts them.
    await appendPendingAudit(v.db, pk, {
      event: { kind: 'kiosk-enter', details: {} },
      actor: ALICE,
      at: at(2),
    });
    await appendPendingAudit(v.db, pk, {
      event: { kind: 'lock', details: { reason: 'idle' } },
      actor: ALICE,
      at: at(1),
    });
    expect(await recordUnlockFailure(v.db)).toBe(1);
    expect(await recordUnlockFailure(v.db)).toBe(2);
    await appendUnlockAudit(v.db, v.keyring, {
      actor: BOB,
      at: at(3),
      method: 'passphrase',
      fromKiosk: true,
    });
    const log = await readAuditLog(v.db, v.keyring);
    expect(log.report.ok).toBe(true);
    expect([...log.entries].reverse().map((e) => [e.seq, e.kind, e.staffName, e.details])).toEqual([
      [1, 'lock', 'Alice Martin', { reason: 'idle' }],
      [2, 'kiosk-enter', 'Alice Martin', {}],
      [3, 'unlock', 'Bob Leroy', { method: 'passphrase', failedAttempts: 2 }],
      [4, 'kiosk-exit', 'Bob Leroy', {}],
    ]);
    expect(await v.db.records.where('kind').equals('audit-pending').count()).toBe(0);
    expect(await v.db.meta.get('audit')).toBeUndefined();
    // The counter restarts from zero.
    await appendUnlockAudit(v.db, v.keyring, {
      actor: BOB,
      at: at(4),
      method: 'recovery',
      fromKiosk: false,
    });
    expect((await listAudit(v.db, v.keyring))[0]?.details).toEqual({
      method: 'recovery',
      failedAttempts: 0,
    });
  });

  it.each<[string, AuditEvent]>([
    ['a visit event', { kind: 'visit-viewed', details: { visitId: 'abc' } }],
    ['an unlock', { kind: 'unlock', details: { method: 'passphrase', failedAttempts: 0 } }],
  ])('refuses %s without keys', async (_, event) => {
    const v = await vaultDb();
    await expect(
      appendPendingAudit(v.db, await intakeKey(v.db), { event, actor: ALICE, at: at(0) }),
    ).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('drops a planted pending row instead of blocking the unlock', async () => {
    const v = await vaultDb();
    await v.db.records.add({
      id: 'audit-pending:planted',
      kind: 'audit-pending',
      epoch: 0,
      env: Uint8Array.of(1, ...randomBytes(120)),
    });
    await appendUnlockAudit(v.db, v.keyring, {
      actor: ALICE,
      at: at(0),
      method: 'passphrase',
      fromKiosk: false,
    });
    expect((await listAudit(v.db, v.keyring)).map((e) => e.kind)).toEqual(['unlock']);
    expect(await v.db.records.where('kind').equals('audit-pending').count()).toBe(0);
  });
});
