/**
 * GTIN → kit links (DESIGN.md "Kit": "A GTIN is remembered against the kit the staff
 * picks"), a SYNCED record: every device of the pharmacy learns a link made on one of them.
 *
 * Row layout (`rows.ts`): `records` kind `'kit-link'`, record id = a RANDOM id, JSON
 * {@link KitLink} in the envelope. The GTIN is not personal data, but DESIGN.md "IndexedDB"
 * allows only random ids in clear, so it stays inside the envelope like everything else; a
 * lookup decrypts the links (a pharmacy has a handful of kit products). Concurrent links
 * of one GTIN on two devices make two records: `currentGtinLinks` keeps the latest, and
 * {@link linkGtin} then rewrites that one.
 */
import { randomId, type Keyring } from '../crypto';
import {
  MAX_DEVICE_DISPLAY_CHARS,
  MAX_DEVICE_ID_DIGITS,
  ZERO_HLC,
  currentGtinLinks,
  validateGtin,
  type KitLink,
  type StoredKitLink,
} from '../domain';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import { openRecordRow, sealRecordRow } from './record-rows';
import { syncWriteTables, writeSyncedRecord } from './sync-write';

const KIND = 'kit-link';
const KIT_ID = new RegExp(`^\\d{1,${MAX_DEVICE_ID_DIGITS}}$`);
/** What `randomId()` returns: 16 bytes in base64url, 22 characters. */
const RANDOM_RECORD_ID = /^[A-Za-z0-9_-]{22}$/;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Shape of a {@link KitLink}: GTIN-14 with a valid check digit, numeric kit id, a name. */
export function isKitLink(x: unknown): x is KitLink {
  if (!isObj(x) || typeof x.gtin !== 'string' || !/^\d{14}$/.test(x.gtin)) return false;
  const gtin = validateGtin(x.gtin);
  return (
    gtin.ok &&
    typeof x.kitId === 'string' &&
    KIT_ID.test(x.kitId) &&
    typeof x.kitName === 'string' &&
    x.kitName.trim() !== '' &&
    x.kitName.length <= MAX_DEVICE_DISPLAY_CHARS
  );
}

/**
 * Whether a synced `kit-link` record is well-formed: a random record id (a GTIN used as an
 * id would be clear text on disk) and a {@link KitLink}. Internal (sync checks remote ops).
 */
export function isKitLinkRecord(id: string, value: unknown): boolean {
  return RANDOM_RECORD_ID.test(id) && isKitLink(value);
}

/** Every stored link with its clock (inside the caller's transaction, if any). */
async function readStoredLinks(db: ComptoirDb, keyring: Keyring): Promise<StoredKitLink[]> {
  const rows = await db.records.where('kind').equals(KIND).toArray();
  const clocks = await db.clocks.bulkGet(rows.map((row) => row.id));
  return rows.map((row, i) => ({
    id: row.id.slice(KIND.length + 1),
    link: openRecordRow(keyring, row, isKitLink),
    hlc: clocks[i]?.hlc ?? ZERO_HLC,
  }));
}

/**
 * Remembers that boxes with `link.gtin` hold the kit `link.kitId` (replaces the GTIN's
 * previous link). A synced change: the outbox gets the `record` op when sync is enabled.
 * Linking a GTIN to the kit it is already linked to writes nothing.
 *
 * @param link GTIN-14 (as `parseGs1` returns it), EU JRC kit id and the kit's name
 * @returns whether something was written (then the caller should trigger a sync)
 * @throws StorageError `corrupt` when `link` is malformed, `missing`, `quota`…;
 *   IntegrityError when a stored link was tampered with
 */
export async function linkGtin(db: ComptoirDb, keyring: Keyring, link: KitLink): Promise<boolean> {
  return guard(db, async () => {
    if (!isKitLink(link)) throw new StorageError('corrupt', 'malformed kit link');
    const value: KitLink = { gtin: link.gtin, kitId: link.kitId, kitName: link.kitName.trim() };
    return db.transaction('rw', syncWriteTables(db), async () => {
      await requireMeta(db, keyring.vaultId);
      const current = currentGtinLinks(await readStoredLinks(db, keyring)).get(value.gtin);
      if (current?.link.kitId === value.kitId && current.link.kitName === value.kitName) {
        return false;
      }
      const id = current?.id ?? randomId();
      const row = sealRecordRow(keyring, KIND, id, value);
      await writeSyncedRecord(db, keyring, KIND, id, value, row);
      return true;
    });
  });
}

/**
 * The link in force for every GTIN.
 * @throws StorageError `missing`, `corrupt`; IntegrityError when a link was tampered with
 *   (a damaged link is not skipped silently)
 */
export async function listGtinLinks(
  db: ComptoirDb,
  keyring: Keyring,
): Promise<Map<string, KitLink>> {
  return guard(db, async () => {
    await requireMeta(db, keyring.vaultId);
    const current = currentGtinLinks(await readStoredLinks(db, keyring));
    return new Map([...current].map(([gtin, stored]) => [gtin, stored.link]));
  });
}

/**
 * The link in force for one GTIN, `null` when the GTIN was never linked.
 * @throws as {@link listGtinLinks}
 */
export async function findGtinLink(
  db: ComptoirDb,
  keyring: Keyring,
  gtin: string,
): Promise<KitLink | null> {
  return (await listGtinLinks(db, keyring)).get(gtin) ?? null;
}
