/**
 * The app side of the audit log: what the controller logs and how (keyless events, unlock
 * failures, exports), and the screen's filters and names, computed without the DOM.
 */
import { describe, expect, it } from 'vitest';
import { WrongPassphraseError } from '../../../app/crypto';
import type { AuditActor, AuditEntry, StaffMember } from '../../../app/domain';
import { readAuditLog, readVaultMeta } from '../../../app/store';
import {
  NO_AUDIT_FILTER,
  auditDeviceNamer,
  auditFilterChoices,
  toAuditFilter,
} from '../../../app/ui/audit-view';
import { AuditController, changedPortalSettings } from '../../../app/ui/hooks/audit';
import { vaultDb } from '../store/fixtures';

const ALICE: StaffMember = {
  id: 'staffAlice000000000000',
  name: 'Alice Martin',
  rpps: '10000000001',
  role: 'admin',
};

async function harness() {
  const v = await vaultDb();
  const meta = await readVaultMeta(v.db);
  if (!meta) throw new Error('no vault');
  let actor: AuditActor = { id: ALICE.id, name: ALICE.name };
  let minute = 0;
  let logged = 0;
  const audit = new AuditController({
    db: () => v.db,
    keyring: () => v.keyring,
    intakePublicKey: () => meta.intakePublicKey,
    actor: () => actor,
    now: () => new Date(Date.UTC(2021, 4, 3, 7, minute++)),
    logged: () => {
      logged += 1;
    },
  });
  return {
    v,
    audit,
    logged: () => logged,
    signOut: () => {
      actor = null;
    },
    kinds: async () => (await readAuditLog(v.db, v.keyring)).entries.map((e) => e.kind).reverse(),
  };
}

describe('AuditController', () => {
  it('logs the unlocked staff member’s events at the injected time, and asks for a sync', async () => {
    const h = await harness();
    await h.audit.log({ kind: 'visit-viewed', details: { visitId: 'visit1' } });
    const [entry] = (await readAuditLog(h.v.db, h.v.keyring)).entries;
    expect(entry).toMatchObject({
      staffId: ALICE.id,
      staffName: ALICE.name,
      at: '2021-05-03T07:00:00.000Z',
    });
    expect(h.logged()).toBe(1);
  });

  it('never throws when an entry cannot be written (the action is not undone)', async () => {
    const h = await harness();
    const bad = { kind: 'visit-viewed', details: { visitId: 'Jean Dupont' } } as never;
    await expect(h.audit.log(bad)).resolves.toBeUndefined();
    expect(await h.kinds()).toEqual([]);
  });

  it('logs a lock without keys, counts failed unlocks, and chains both at the next unlock', async () => {
    const h = await harness();
    const sealing = h.audit.logKeyless({ kind: 'lock', details: { reason: 'manual' } });
    h.signOut(); // the session is dropped right after: the staff member was read already
    const wrong = new WrongPassphraseError('wrong');
    for (let i = 0; i < 3; i += 1) {
      await expect(h.audit.countingFailures(() => Promise.reject(wrong))).rejects.toBe(wrong);
    }
    // Other errors are not unlock failures.
    await expect(h.audit.countingFailures(() => Promise.reject(new Error('x')))).rejects.toThrow();
    await sealing;
    await h.audit.unlocked('passphrase', true);
    const { entries } = await readAuditLog(h.v.db, h.v.keyring);
    expect([...entries].reverse().map((e) => [e.kind, e.staffName, e.details])).toEqual([
      ['lock', ALICE.name, { reason: 'manual' }],
      ['unlock', null, { method: 'passphrase', failedAttempts: 3 }],
      ['kiosk-exit', null, {}],
    ]);
  });

  it('exports the given entries as CSV and logs the export with its period and size', async () => {
    const h = await harness();
    await h.audit.log({ kind: 'kiosk-enter', details: {} });
    await h.audit.log({ kind: 'kiosk-exit', details: {} });
    const { entries } = await readAuditLog(h.v.db, h.v.keyring);
    const csv = await h.audit.exportCsv(entries, { deviceName: () => 'Comptoir 1' });
    expect(csv.fileName).toBe('comptoir-journal-2021-05-03.csv');
    expect(csv.text.split('\r\n')).toHaveLength(4);
    const log = await readAuditLog(h.v.db, h.v.keyring);
    expect(log.entries[0]).toMatchObject({
      kind: 'exported',
      details: { report: 'audit', period: '2021-05-03/2021-05-03', rows: 2 },
    });
  });
});

describe('audit settings names', () => {
  it('names the portal settings that changed, never their values', () => {
    expect(changedPortalSettings({ mode: 'auto' }, { mode: 'auto' })).toEqual([]);
    expect(
      changedPortalSettings(
        { mode: 'auto', issuer: 'https://a.test' },
        { mode: 'confirm', fhirBase: 'https://f.test' },
      ),
    ).toEqual(['portal-mode', 'portal-issuer', 'portal-fhir']);
  });
});

describe('audit screen helpers', () => {
  const entry = (deviceId: string, staffId: string | null): AuditEntry =>
    ({ deviceId, staffId, staffName: staffId ? `name ${staffId}` : null }) as AuditEntry;

  it('turns the form into a filter, empty values filtering nothing', () => {
    expect(toAuditFilter(NO_AUDIT_FILTER)).toEqual({});
    expect(
      toAuditFilter({
        kind: 'lock',
        staffId: 's',
        deviceId: 'd',
        fromDay: '2021-05-01',
        toDay: '',
      }),
    ).toEqual({ kinds: ['lock'], staffId: 's', deviceId: 'd', fromDay: '2021-05-01' });
    expect(toAuditFilter({ ...NO_AUDIT_FILTER, kind: 'not-a-kind' })).toEqual({});
  });

  it('names devices from the device log, this one included, and shortens unknown ids', () => {
    const name = auditDeviceNamer([{ id: 'devA', name: 'Comptoir 1' }], 'devA');
    expect(name('devA')).toBe('Comptoir 1 (cet appareil)');
    expect(name('devBBBBBBBBBBBBBBB')).toBe('Appareil devBBBBB…');
    expect(auditDeviceNamer([], 'devA')('devA')).toBe('Cet appareil');
  });

  it('offers every kind, every staff member and every device seen, after « Tous »', () => {
    const choices = auditFilterChoices(
      [entry('devB', 'old'), entry('devA', null)],
      [ALICE],
      (id) => `Appareil ${id}`,
    );
    expect(choices.kinds[0]).toEqual({ value: '', label: 'Tous' });
    expect(choices.kinds.length).toBeGreaterThan(15);
    expect(choices.staff).toEqual([
      { value: '', label: 'Tous' },
      { value: ALICE.id, label: ALICE.name },
      { value: 'old', label: 'name old' },
    ]);
    expect(choices.devices.map((d) => d.value)).toEqual(['', 'devA', 'devB']);
  });
});
