/**
 * Issue 6 acceptance: no canary value appears in a raw dump of the stores after every kind
 * of audit write — entries, heads, keyless pending events, the failure counter, entries
 * received from another device and a refused remote rewrite, with sync on (outbox).
 */
import { describe, expect, it } from 'vitest';
import { randomId } from '../../../app/crypto';
import {
  AUDIT_KINDS,
  visitFromIntake,
  type AuditEntry,
  type AuditEvent,
  type AuditKind,
  type RecordOp,
} from '../../../app/domain';
import {
  appendAudit,
  appendPendingAudit,
  appendUnlockAudit,
  applyRemoteOps,
  enableSync,
  putVisit,
  readAuditLog,
  readVaultMeta,
  recordUnlockFailure,
  snapshotOps,
} from '../../../app/store';
import { KDF, PASSPHRASE, freshDb, intakeEntry } from './fixtures';
import { createVault } from '../../../app/store';
import { dumpRaw, serializeDeep } from './raw-idb';
import { pairedDevice } from './sync-fixtures';

const canaries: string[] = [];
function canary(field: string): string {
  const value = `CANARY_${field.toUpperCase()}_${Math.random().toString(16).slice(2, 6)}`;
  canaries.push(value);
  return value;
}

/** One event of every kind (ids are random: they are the only identifiers allowed). */
function everyEvent(visitId: string): AuditEvent[] {
  const staffId = randomId();
  const events: Record<AuditKind, AuditEvent> = {
    setup: { kind: 'setup', details: { method: 'create' } },
    unlock: { kind: 'unlock', details: { method: 'passphrase', failedAttempts: 1 } },
    lock: { kind: 'lock', details: { reason: 'manual' } },
    'kiosk-enter': { kind: 'kiosk-enter', details: {} },
    'kiosk-exit': { kind: 'kiosk-exit', details: {} },
    'visit-created': { kind: 'visit-created', details: { visitId, source: 'counter' } },
    'visit-viewed': { kind: 'visit-viewed', details: { visitId } },
    'visit-edited': { kind: 'visit-edited', details: { visitId, part: 'identity' } },
    'result-recorded': { kind: 'result-recorded', details: { visitId } },
    'visit-transmitted': { kind: 'visit-transmitted', details: { visitId } },
    'visit-rejected': { kind: 'visit-rejected', details: { visitId } },
    'visit-exported': { kind: 'visit-exported', details: { visitId } },
    'visit-erased': { kind: 'visit-erased', details: { visitId } },
    exported: { kind: 'exported', details: { report: 'audit', period: '2021-05', rows: 4 } },
    purged: { kind: 'purged', details: { visits: 2 } },
    'staff-added': { kind: 'staff-added', details: { staffId, role: 'staff' } },
    'staff-removed': { kind: 'staff-removed', details: { staffId } },
    'device-paired': { kind: 'device-paired', details: { deviceId: randomId() } },
    'device-revoked': { kind: 'device-revoked', details: { deviceId: randomId() } },
    'settings-changed': { kind: 'settings-changed', details: { settings: ['portal-mode'] } },
  };
  return AUDIT_KINDS.map((k) => events[k]);
}

const ALLOWED_KEYS: Record<string, string[][]> = {
  meta: [
    ['createdAt', 'deviceId', 'intakePublicKey', 'key', 'vaultId'],
    ['cursor', 'deviceSeq', 'enabled', 'hlc', 'key', 'lastBundleHash', 'relayUrl'],
    ['box', 'key', 'keySealed'],
    ['key', 'unlockFailures'],
  ],
  records: [['env', 'epoch', 'id', 'kind']],
  clocks: [['hlc', 'id']],
  outbox: [['env', 'id', 'seq']],
  slots: [
    ['kcv', 'kdf', 'kind', 'label', 'salt', 'slotId', 'staffId', 'wrapped'],
    ['kcv', 'kind', 'salt', 'slotId', 'wrapped'],
  ],
  visits: [['day', 'env', 'epoch', 'id', 'state']],
};

describe('the audit log stores no personal data in clear', () => {
  it('finds no canary in any store after every kind of audit write', async () => {
    const t = await freshDb();
    const admin = { name: canary('admin'), rpps: '10000000001', label: 'Titulaire' };
    const pharmacy = {
      name: canary('pharmacy'),
      finess: '750000000',
      address: canary('address'),
      postalCode: '75001',
      city: canary('city'),
    };
    const { keyring, staff } = await createVault(t.db, {
      pharmacy,
      admin,
      passphrase: PASSPHRASE,
      kdf: KDF,
    });
    await enableSync(t.db, keyring, 'https://relay.example.test');
    const actor = { id: staff.id, name: staff.name };
    const entry = intakeEntry(randomId(), '_CANARY_PATIENT');
    const visit = visitFromIntake(entry);
    const at = new Date('2021-05-03T07:00:00.000Z');
    await putVisit(t.db, keyring, visit, {
      event: { kind: 'visit-created', details: { visitId: visit.id, source: 'counter' } },
      actor,
      at,
    });
    for (const event of everyEvent(visit.id))
      await appendAudit(t.db, keyring, { event, actor, at });

    // Keyless: a counted failure, a pending event chained by an unlock, and one left pending.
    const meta = await readVaultMeta(t.db);
    if (!meta) throw new Error('no vault');
    await recordUnlockFailure(t.db);
    await appendPendingAudit(t.db, meta.intakePublicKey, {
      event: { kind: 'lock', details: { reason: 'idle' } },
      actor,
      at,
    });
    await appendUnlockAudit(t.db, keyring, { actor, at, method: 'passphrase', fromKiosk: false });
    await appendPendingAudit(t.db, meta.intakePublicKey, {
      event: { kind: 'kiosk-enter', details: {} },
      actor,
      at,
    });
    await recordUnlockFailure(t.db);

    // Another device's entries arrive here, and a rewrite of one of them is refused.
    const b = await pairedDevice({ db: t.db, keyring });
    await appendAudit(b.db, b.keyring, {
      event: { kind: 'visit-viewed', details: { visitId: visit.id } },
      actor: { id: staff.id, name: canary('other_device_staff') },
      at,
    });
    const fromB = (await snapshotOps(b.db, b.keyring)).filter(
      (o): o is RecordOp =>
        o.t === 'record' && o.kind === 'audit' && o.id.startsWith(b.keyring.deviceId),
    );
    await applyRemoteOps(t.db, keyring, fromB);
    const forged = fromB.map((o) => ({
      ...o,
      value: { ...(o.value as AuditEntry), staffName: canary('forged_staff') },
    }));
    await applyRemoteOps(t.db, keyring, forged);

    const log = await readAuditLog(t.db, keyring);
    expect(log.entries.length).toBe(AUDIT_KINDS.length + 4);
    expect(log.entries.some((e) => e.staffName === admin.name)).toBe(true);
    expect(log.report.devices.flatMap((d) => d.problems)).toEqual([{ kind: 'conflict', seq: 1 }]);

    const rows = await dumpRaw(t.factory, t.name);
    const kinds = new Set(
      rows.filter((r) => r.store === 'records').map((r) => String(r.key).split(':')[0]),
    );
    for (const k of ['audit', 'audit-head', 'audit-conflict', 'audit-pending'])
      expect(kinds).toContain(k);
    expect(rows.some((r) => r.store === 'meta' && r.key === 'audit')).toBe(true);
    // No clear clock per entry: it would tell when each event happened.
    expect(rows.filter((r) => r.store === 'clocks' && String(r.key).startsWith('audit'))).toEqual(
      [],
    );
    const secrets = [...canaries, 'Dupont_CANARY_PATIENT', 'jean_CANARY_PATIENT'];
    for (const row of rows) {
      const text = `${String(row.key)}\n${serializeDeep(row.value)}`;
      for (const c of secrets) expect(text, `${row.store} row leaks ${c}`).not.toContain(c);
      expect(text).not.toContain('CANARY');
      const keys = Object.keys(row.value as object).sort();
      expect(ALLOWED_KEYS[row.store], `${row.store} keys ${keys.join()}`).toContainEqual(keys);
    }
  });
});
