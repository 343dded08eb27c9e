/**
 * Patients' rights as the panel runs them: opening, printing and erasing a person's visit
 * are audited with the visit id only — never a name — and an erasure commits with its
 * entry or not at all.
 */
import { describe, expect, it } from 'vitest';
import { visitFromIntake, type AuditEvent, type Visit } from '../../../app/domain';
import {
  StorageError,
  eraseVisit,
  findVisitsByName,
  getVisit,
  putVisit,
  readAuditLog,
  readVaultMeta,
} from '../../../app/store';
import { AuditController } from '../../../app/ui/hooks/audit';
import type { AppController } from '../../../app/ui/hooks/controller';
import {
  erasePatientVisit,
  logPatientExport,
  openPatientVisit,
} from '../../../app/ui/hooks/patient-rights';
import { intakeEntry, vaultDb } from '../store/fixtures';

const ALICE = { id: 'staffAlice000000000000', name: 'Alice Martin' };

/** The slice of the app controller the patient-rights actions use. */
async function harness() {
  const v = await vaultDb();
  const meta = await readVaultMeta(v.db);
  if (!meta) throw new Error('no vault');
  let changes = 0;
  const audit = new AuditController({
    db: () => v.db,
    keyring: () => v.keyring,
    intakePublicKey: () => meta.intakePublicKey,
    actor: () => ALICE,
    now: () => new Date('2021-05-03T08:00:00Z'),
    logged: () => undefined,
  });
  const controller = {
    db: v.db,
    keyring: v.keyring,
    audit,
    localChange: () => {
      changes += 1;
    },
  } as unknown as AppController;
  const visit: Visit = visitFromIntake(intakeEntry('visit0000000000000001', 'Kanari'));
  await putVisit(v.db, v.keyring, visit);
  return { v, controller, visit, changes: () => changes };
}

describe('patient rights actions', () => {
  it('log visit-viewed, visit-exported and visit-erased with the visit id only', async () => {
    const h = await harness();
    const id = h.visit.id;
    expect((await openPatientVisit(h.controller, id)).identity.birthName).toBe('DupontKanari');
    await logPatientExport(h.controller, id);
    expect(await erasePatientVisit(h.controller, id)).toBe(true);
    expect(h.changes()).toBe(2);

    const { entries } = await readAuditLog(h.v.db, h.v.keyring);
    expect(entries.map((e) => [e.kind, e.details, e.staffName]).reverse()).toEqual([
      ['visit-viewed', { visitId: id }, ALICE.name],
      ['visit-exported', { visitId: id }, ALICE.name],
      ['visit-erased', { visitId: id }, ALICE.name],
    ]);
    const text = JSON.stringify(entries);
    // Every personal string (the canary tag is in each name, place, address and e-mail).
    expect(text).not.toMatch(/kanari/i);
    for (const value of [h.visit.identity.phone, h.visit.identity.nir ?? 'nir']) {
      expect(text).not.toContain(value);
    }
  });

  it('erases once: a second erasure finds nothing and logs nothing', async () => {
    const h = await harness();
    expect(await erasePatientVisit(h.controller, h.visit.id)).toBe(true);
    expect(await erasePatientVisit(h.controller, h.visit.id)).toBe(false);
    const { entries } = await readAuditLog(h.v.db, h.v.keyring);
    expect(entries.map((e) => e.kind)).toEqual(['visit-erased']);
    const parsed = { words: ['DUPONTKANARI'], birthDates: [] };
    expect((await findVisitsByName(h.v.db, h.v.keyring, parsed)).visits).toEqual([]);
  });

  it('keeps the visit when its erasure entry cannot be written (they commit together)', async () => {
    const h = await harness();
    const bad = { kind: 'visit-erased', details: { visitId: 'Jean Dupont' } } as AuditEvent;
    const input = h.controller.audit.input(bad);
    await expect(eraseVisit(h.v.db, h.v.keyring, h.visit.id, input)).rejects.toBeInstanceOf(
      StorageError,
    );
    expect((await getVisit(h.v.db, h.v.keyring, h.visit.id)).identity).toEqual(h.visit.identity);
    expect((await readAuditLog(h.v.db, h.v.keyring)).entries).toEqual([]);
  });
});
