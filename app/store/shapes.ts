/**
 * Structural checks of decrypted records (`decodeRecord`'s `check`). They verify the shape
 * the store relies on — types of every field, ids, day format, known states — not the
 * business rules (NIR key, RPPS Luhn…), which `app/domain` validates at input time.
 * `app/domain` exports the types but no runtime guards, hence this module.
 */
import {
  isVisitState,
  isHlc,
  isVisitPath,
  type VisitDoc,
  type IntakeEntry,
  type Pharmacy,
  type StaffMember,
  type Visit,
} from '../domain';

type Obj = Record<string, unknown>;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function isStr(x: unknown): x is string {
  return typeof x === 'string';
}
function isOptStr(x: unknown): boolean {
  return x === undefined || typeof x === 'string';
}
function hasStrings(o: Obj, keys: readonly string[]): boolean {
  return keys.every((k) => isStr(o[k]));
}
function hasOptStrings(o: Obj, keys: readonly string[]): boolean {
  return keys.every((k) => isOptStr(o[k]));
}

/** A `YYYY-MM-DD` string (format only). */
export function isDayString(x: unknown): x is string {
  return isStr(x) && DAY_PATTERN.test(x);
}

/** One of the domain's `VISIT_STATES`. */
export { isVisitState };

function isIdentity(x: unknown): boolean {
  if (!isObj(x)) return false;
  return (
    hasStrings(x, ['birthName', 'firstNames', 'sex', 'birthDate', 'address', 'postalCode']) &&
    hasStrings(x, ['city', 'country', 'phone']) &&
    hasOptStrings(x, ['usedName', 'birthPlace', 'email', 'nir'])
  );
}

function isContext(x: unknown): boolean {
  if (!isObj(x)) return false;
  return (
    (x.symptomOnset === null || isStr(x.symptomOnset)) &&
    x.consent === true &&
    isOptStr(x.guardianName)
  );
}

function isTestInfo(x: unknown): boolean {
  if (x === undefined) return true;
  if (!isObj(x)) return false;
  return (
    hasStrings(x, ['kitId', 'kitName', 'lot', 'expiry', 'specimen', 'sampledAt']) &&
    isOptStr(x.gtin) &&
    isOptStr(x.serial) &&
    typeof x.readingMinutes === 'number'
  );
}

function isResultInfo(x: unknown): boolean {
  if (x === undefined) return true;
  if (!isObj(x) || !isObj(x.readBy)) return false;
  return hasStrings(x, ['value', 'readAt']) && hasStrings(x.readBy, ['staffId', 'name', 'rpps']);
}

function isTransmission(x: unknown): boolean {
  if (x === undefined) return true;
  if (!isObj(x)) return false;
  return (
    typeof x.attempts === 'number' && hasOptStrings(x, ['lastError', 'receipt', 'transmittedAt'])
  );
}

/** Shape of a decrypted {@link Visit}. */
export function isVisit(x: unknown): x is Visit {
  if (!isObj(x)) return false;
  return (
    hasStrings(x, ['id', 'registeredAt', 'updatedAt', 'source']) &&
    isDayString(x.day) &&
    isVisitState(x.state) &&
    isIdentity(x.identity) &&
    isContext(x.context) &&
    isTestInfo(x.test) &&
    isResultInfo(x.result) &&
    isTransmission(x.transmission)
  );
}

/** Shape of an opened {@link IntakeEntry} (version 1 only). */
export function isIntakeEntry(x: unknown): x is IntakeEntry {
  if (!isObj(x)) return false;
  return (
    x.v === 1 &&
    hasStrings(x, ['id', 'registeredAt']) &&
    isDayString(x.day) &&
    (x.source === 'kiosk' || x.source === 'phone') &&
    isIdentity(x.identity) &&
    isContext(x.context)
  );
}

/** Shape of a decrypted {@link StaffMember}. */
export function isStaffMember(x: unknown): x is StaffMember {
  if (!isObj(x)) return false;
  return hasStrings(x, ['id', 'name', 'rpps']) && (x.role === 'admin' || x.role === 'staff');
}

/** Shape of the decrypted {@link Pharmacy} settings. */
export function isPharmacy(x: unknown): x is Pharmacy {
  if (!isObj(x)) return false;
  return hasStrings(x, ['name', 'finess', 'address', 'postalCode', 'city']);
}

function isClocked(x: unknown): boolean {
  return isObj(x) && 'v' in x && isHlc(x.h);
}

/** Shape of a stored {@link VisitDoc} (pending incomplete remote visits). */
export function isVisitDoc(x: unknown): x is VisitDoc {
  if (!isObj(x) || !isObj(x.fields) || !isVisitState(x.state) || !isHlc(x.stateHlc)) return false;
  if (x.deleted !== undefined && !isHlc(x.deleted)) return false;
  return Object.entries(x.fields).every(([k, f]) => isVisitPath(k) && isClocked(f));
}
