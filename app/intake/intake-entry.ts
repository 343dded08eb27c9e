/**
 * Patient-mode entries: what the kiosk form produces and how it reaches storage without
 * any decryption key. The entry is sealed to the pharmacy's intake public key
 * (`crypto_box_seal`); only an unlocked staff session can open it.
 */
import { randomId } from '../crypto';
import { localDay, type Identity, type IntakeEntry, type VisitContext } from '../domain';
import { saveIntakeEntry, type ComptoirDb } from '../store';

/** Builds a new intake entry (fresh random id, registration time, local day). */
export function buildIntakeEntry(
  identity: Identity,
  context: VisitContext,
  source: IntakeEntry['source'],
  now: Date = new Date(),
): IntakeEntry {
  return {
    v: 1,
    id: randomId(),
    registeredAt: now.toISOString(),
    day: localDay(now),
    source,
    identity,
    context,
  };
}

/**
 * Seals and stores one patient-mode entry as a `registered` visit.
 * Needs only the public intake key. Throws the store's `StorageError` (e.g. `quota`);
 * the caller keeps the form on screen so nothing is lost.
 */
export async function submitIntakeEntry(
  db: ComptoirDb,
  intakePublicKey: Uint8Array,
  entry: IntakeEntry,
): Promise<void> {
  await saveIntakeEntry(db, intakePublicKey, entry);
}
