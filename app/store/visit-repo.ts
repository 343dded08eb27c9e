/**
 * Visits: sealed intake entries (patient mode, no keys in memory) and encrypted visits.
 * Row layout: see `rows.ts` (FROZEN v1; payload v2). Every encrypted write goes through
 * `writeVisitChange` (`sync-write.ts`): clocks, ops and outbox in the same transaction.
 */
import { sealToIntake, type Keyring } from '../crypto';
import { canTransition, type IntakeEntry, type Visit, type VisitState } from '../domain';
import { writeAuditEntry, type AuditInput } from './audit-repo';
import { encodeRecord } from './codec';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import { isSealedRow } from './rows';
import { isIntakeEntry, isVisit } from './shapes';
import { syncWriteTables, writeVisitChange } from './sync-write';
import { isDamage, openSealedRow, openVisitRow } from './visit-rows';

/** Result of {@link listDayVisits}: readable visits, and ids of rows that failed to open. */
export interface DayVisits {
  readonly visits: Visit[];
  readonly damaged: string[];
}

/** Code-unit order: ISO 8601 instants written with the same offset sort chronologically. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** An entry sealed to another key than the stored vault's would be lost: refuse it. */
async function requireIntakeKey(db: ComptoirDb, intakePublicKey: Uint8Array): Promise<void> {
  const stored = (await requireMeta(db)).intakePublicKey;
  const same =
    stored.length === intakePublicKey.length && stored.every((b, i) => b === intakePublicKey[i]);
  if (!same) throw new StorageError('missing', 'the stored vault has another intake key');
}

/**
 * Stores a patient's intake entry sealed to the intake public key, as a `registered`
 * visit. Needs NO keyring: this is what patient mode calls with the keys wiped.
 *
 * @param intakePublicKey the vault's X25519 intake public key (from {@link readVaultMeta})
 * @throws StorageError `conflict` when this entry id is already stored, `missing` when
 *   there is no vault or its intake key is not `intakePublicKey`, `corrupt` for a malformed
 *   entry, `quota`…
 */
export async function saveIntakeEntry(
  db: ComptoirDb,
  intakePublicKey: Uint8Array,
  entry: IntakeEntry,
): Promise<void> {
  if (!isIntakeEntry(entry)) throw new StorageError('corrupt', 'malformed intake entry');
  return guard(db, async () => {
    await requireIntakeKey(db, intakePublicKey);
    const sealed = sealToIntake(intakePublicKey, encodeRecord(entry));
    await db.transaction('rw', [db.meta, db.visits], async () => {
      await requireIntakeKey(db, intakePublicKey);
      await db.visits.add({ id: entry.id, day: entry.day, state: 'registered', epoch: 0, sealed });
    });
  });
}

/**
 * Re-stores every sealed intake row as an encrypted visit, one transaction per row, so a
 * crash leaves each row either sealed or absorbed; running it again is harmless. A row that
 * fails to open stays sealed (and is reported by {@link listDayVisits} as damaged).
 *
 * @returns how many rows were absorbed by this call
 * @throws StorageError `missing`, `quota`…
 */
export async function absorbIntakeEntries(db: ComptoirDb, keyring: Keyring): Promise<number> {
  return guard(db, async () => {
    await requireMeta(db, keyring.vaultId);
    const candidates = await db.visits.where('state').equals('registered').toArray();
    let absorbed = 0;
    for (const candidate of candidates.filter(isSealedRow)) {
      let visit: Visit;
      try {
        visit = openSealedRow(keyring, candidate);
      } catch (e) {
        if (isDamage(e)) continue;
        throw e;
      }
      const done = await db.transaction('rw', syncWriteTables(db), async () => {
        const current = await db.visits.get(candidate.id);
        if (!current || !isSealedRow(current)) return false; // absorbed meanwhile
        await writeVisitChange(db, keyring, visit);
        return true;
      });
      if (done) absorbed += 1;
    }
    return absorbed;
  });
}

/**
 * Creates or updates a visit. The stored state may only stay equal or move forward
 * (`canTransition`); the stored state is read from the decrypted record, not the clear copy.
 *
 * Writes the clocks, and the ops to the outbox when sync is enabled, in the same transaction.
 * With `audit`, the audit entry of this change (`visit-edited`, `result-recorded`…) is
 * appended in that transaction too: the change and its entry commit or abort together.
 *
 * @throws StorageError `conflict` when the state would move back or the visit was deleted
 *   by sync, `missing`, `quota`…, `corrupt` for a malformed visit or audit event;
 *   IntegrityError when the stored row was tampered with
 */
export async function putVisit(
  db: ComptoirDb,
  keyring: Keyring,
  visit: Visit,
  audit?: AuditInput,
): Promise<void> {
  return guard(db, async () => {
    if (!isVisit(visit)) throw new StorageError('corrupt', 'malformed visit');
    await db.transaction('rw', syncWriteTables(db), async () => {
      await requireMeta(db, keyring.vaultId);
      const current = await db.visits.get(visit.id);
      if (current) {
        const from = openVisitRow(keyring, current).state;
        if (from !== visit.state && !canTransition(from, visit.state)) {
          throw new StorageError('conflict', `visit state cannot go ${from} → ${visit.state}`);
        }
      }
      await writeVisitChange(db, keyring, visit);
      if (audit) await writeAuditEntry(db, keyring, audit);
    });
  });
}

/**
 * Reads and decrypts one visit (a still-sealed intake entry is opened too).
 * @throws StorageError `not-found`, `missing`; IntegrityError when tampered with or when
 *   its clear `day`/`state` disagree with the encrypted ones
 */
export async function getVisit(db: ComptoirDb, keyring: Keyring, id: string): Promise<Visit> {
  return guard(db, async () => {
    await requireMeta(db, keyring.vaultId);
    const row = await db.visits.get(id);
    if (!row) throw new StorageError('not-found', 'unknown visit');
    return openVisitRow(keyring, row);
  });
}

/**
 * All visits of one day sorted by `registeredAt`. A row that fails to open does not hide
 * the others: its id is listed in `damaged`.
 * @throws StorageError `missing`…
 */
export async function listDayVisits(
  db: ComptoirDb,
  keyring: Keyring,
  day: string,
): Promise<DayVisits> {
  return guard(db, async () => {
    await requireMeta(db, keyring.vaultId);
    const rows = await db.visits.where('day').equals(day).toArray();
    const visits: Visit[] = [];
    const damaged: string[] = [];
    for (const row of rows) {
      try {
        visits.push(openVisitRow(keyring, row));
      } catch (e) {
        if (!isDamage(e)) throw e;
        damaged.push(row.id);
      }
    }
    visits.sort((a, b) => compareStrings(a.registeredAt, b.registeredAt));
    return { visits, damaged };
  });
}

/**
 * Visits of one day counted by their clear state (no keyring needed; counts only).
 * @throws StorageError
 */
export async function countByState(
  db: ComptoirDb,
  day: string,
): Promise<Partial<Record<VisitState, number>>> {
  return guard(db, async () => {
    const counts: Partial<Record<VisitState, number>> = {};
    for (const [, state] of await db.dayStateKeys(day)) {
      const key = state as VisitState;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  });
}
