/**
 * The official EU device list imported on this device (DESIGN.md "Kit": "a short built-in
 * list plus import of the official EU value-set JSON"), kept as a LOCAL encrypted record:
 * `records` kind `'kit-list'`, record id `'eu'`, JSON `EuDeviceList` (see `rows.ts`).
 *
 * Why per device and not synced: the list is public reference data that each device can
 * import from the same file, and at up to 5,000 devices it could outgrow one sync bundle.
 * What must reach the other devices — which kit a box is — travels in the small synced
 * `kit-link` records, which carry the kit's name. Why encrypted although public: DESIGN.md
 * allows only random ids and envelopes in the `records` rows (the canary test checks the
 * row keys), and the list is only used while unlocked anyway.
 */
import type { Keyring } from '../crypto';
import {
  MAX_DEVICE_DISPLAY_CHARS,
  MAX_DEVICE_ID_DIGITS,
  MAX_EU_DEVICES,
  READING_MINUTES_MAX,
  READING_MINUTES_MIN,
  parseDay,
  type EuDeviceList,
  type Kit,
} from '../domain';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import { openRecordRow, sealRecordRow } from './record-rows';
import { recordKey } from './rows';

/** Record id of the imported list (one per device). */
export const KIT_LIST_RECORD_ID = 'eu';

const KIND = 'kit-list';
const KIT_ID = new RegExp(`^\\d{1,${MAX_DEVICE_ID_DIGITS}}$`);

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isText = (x: unknown): x is string =>
  typeof x === 'string' && x.length <= MAX_DEVICE_DISPLAY_CHARS;

function isKit(x: unknown): x is Kit {
  return (
    isObj(x) &&
    typeof x.id === 'string' &&
    KIT_ID.test(x.id) &&
    isText(x.name) &&
    isText(x.manufacturer) &&
    Number.isInteger(x.readingMinutes) &&
    (x.readingMinutes as number) >= READING_MINUTES_MIN &&
    (x.readingMinutes as number) <= READING_MINUTES_MAX &&
    typeof x.active === 'boolean'
  );
}

/** Shape of a stored {@link EuDeviceList} (what `parseEuDeviceValueSet` returns). */
function isEuDeviceList(x: unknown): x is EuDeviceList {
  return (
    isObj(x) &&
    typeof x.valueSetDate === 'string' &&
    parseDay(x.valueSetDate) !== null &&
    Array.isArray(x.kits) &&
    x.kits.length > 0 &&
    x.kits.length <= MAX_EU_DEVICES &&
    x.kits.every(isKit)
  );
}

/**
 * Stores (replaces) this device's imported EU device list, encrypted. Not synced.
 *
 * @param list the result of `parseEuDeviceValueSet`
 * @throws StorageError `corrupt` when `list` is malformed, `missing`, `quota`…
 */
export async function saveKitList(
  db: ComptoirDb,
  keyring: Keyring,
  list: EuDeviceList,
): Promise<void> {
  return guard(db, async () => {
    if (!isEuDeviceList(list)) throw new StorageError('corrupt', 'malformed kit list');
    const value: EuDeviceList = { valueSetDate: list.valueSetDate, kits: list.kits };
    const row = sealRecordRow(keyring, KIND, KIT_LIST_RECORD_ID, value);
    await db.transaction('rw', [db.meta, db.records], async () => {
      await requireMeta(db, keyring.vaultId);
      await db.records.put(row);
    });
  });
}

/**
 * This device's imported EU device list, `null` when none was imported (the built-in list
 * is in use).
 * @throws StorageError `missing`, `corrupt`; IntegrityError when tampered with
 */
export async function readKitList(db: ComptoirDb, keyring: Keyring): Promise<EuDeviceList | null> {
  return guard(db, async () => {
    await requireMeta(db, keyring.vaultId);
    const row = await db.records.get(recordKey(KIND, KIT_LIST_RECORD_ID));
    return row ? openRecordRow(keyring, row, isEuDeviceList) : null;
  });
}

/**
 * Forgets the imported list: the built-in list is used again. Deleting none is fine.
 * @throws StorageError `missing`…
 */
export async function deleteKitList(db: ComptoirDb, keyring: Keyring): Promise<void> {
  return guard(db, async () => {
    await db.transaction('rw', [db.meta, db.records], async () => {
      await requireMeta(db, keyring.vaultId);
      await db.records.delete(recordKey(KIND, KIT_LIST_RECORD_ID));
    });
  });
}
