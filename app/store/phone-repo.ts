/**
 * Registrations scanned from a patient's phone (DESIGN.md "Own phone"): the entry, already
 * opened, validated and dated by `app/intake/phone-qr.ts`, becomes a `registered` visit,
 * through the one write path of visits (clocks, outbox when sync is on).
 */
import type { Keyring } from '../crypto';
import { visitFromIntake, type IntakeEntry, type Visit } from '../domain';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import { isIntakeEntry } from './shapes';
import { syncWriteTables, writeVisitChange } from './sync-write';

/**
 * Stores a phone registration as a new `registered` visit. The entry comes dated by its
 * reader (`decodePhoneEntry` stamps the scan: the visit happens at the counter, whenever
 * the form was filled). The phone's random entry id is the visit id, so the same code
 * scanned twice — here or on another device of the vault — is known.
 *
 * @returns the stored visit
 * @throws StorageError `conflict` when this registration was already stored (even if the
 *   visit was deleted since), `corrupt` for a malformed entry, `missing`, `quota`…
 */
export async function addPhoneEntry(
  db: ComptoirDb,
  keyring: Keyring,
  entry: IntakeEntry,
): Promise<Visit> {
  if (!isIntakeEntry(entry) || entry.source !== 'phone') {
    throw new StorageError('corrupt', 'malformed phone entry');
  }
  const visit = visitFromIntake(entry);
  return guard(db, () =>
    db.transaction('rw', syncWriteTables(db), async () => {
      await requireMeta(db, keyring.vaultId);
      const known = (await db.visits.get(entry.id)) ?? (await db.tombstones.get(entry.id));
      if (known) throw new StorageError('conflict', 'registration already stored');
      await writeVisitChange(db, keyring, visit);
      return visit;
    }),
  );
}
