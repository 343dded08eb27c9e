/**
 * The tally of a visit: the minimal, NON-IDENTIFYING record of a visit that survives its
 * purge (DESIGN.md "Retention, audit, reports": "counts for billing stay"). Reports are
 * computed from tallies only, so they read the same before and after a purge.
 *
 * What a tally holds, and nothing more: the random visit id, the day, the kit, the result,
 * who read it (staff, not patient) and where the transmission stands. No identity, no
 * context, no lot, no instant but the transmission's: nothing that points back to a person.
 */
import { parseDay } from './day';
import { isResultValue } from './result';
import type { ResultValue, Visit } from './visit';
import type { VisitState } from './visit-state';

/**
 * Where the visit stood, in report terms. `pending` = `queued` (waiting to be sent); a
 * purged visit's tally keeps the status it had when purged (normally `transmitted`).
 */
export type TallyStatus =
  'registered' | 'sampled' | 'resulted' | 'pending' | 'transmitted' | 'rejected';

/** Every {@link TallyStatus}, in the visit's life order. */
export const TALLY_STATUSES: readonly TallyStatus[] = [
  'registered',
  'sampled',
  'resulted',
  'pending',
  'transmitted',
  'rejected',
];

/** The non-identifying record of one visit (see the module comment). */
export interface VisitTally {
  readonly visitId: string;
  /** `YYYY-MM-DD`: the visit's day (local day of registration). */
  readonly day: string;
  /** EU JRC device id of the kit, `null` before the test is recorded. */
  readonly kitId: string | null;
  readonly kitName: string | null;
  readonly result: ResultValue | null;
  /** The staff member who read the result (never the RPPS: not needed to count). */
  readonly readBy: { readonly staffId: string; readonly name: string } | null;
  readonly status: TallyStatus;
  /** ISO 8601 instant of the portal's acceptance, `null` until transmitted. */
  readonly transmittedAt: string | null;
}

const LIVE_STATUS: Readonly<Record<Exclude<VisitState, 'purged'>, TallyStatus>> = {
  registered: 'registered',
  sampled: 'sampled',
  resulted: 'resulted',
  queued: 'pending',
  transmitted: 'transmitted',
  rejected: 'rejected',
};

/**
 * The status of `visit` in report terms. A visit already `purged` (normally its tally was
 * written before) is classed by what it still holds: `transmitted` when it has a
 * transmission date, else by its result or test (`registered → purged` is an abandoned
 * registration).
 */
function statusOf(visit: Visit): TallyStatus {
  if (visit.state !== 'purged') return LIVE_STATUS[visit.state];
  if (visit.transmission?.transmittedAt) return 'transmitted';
  if (visit.result) return 'resulted';
  return visit.test ? 'sampled' : 'registered';
}

/** The tally of `visit`: copies only the non-identifying fields listed in {@link VisitTally}. */
export function tallyOfVisit(visit: Visit): VisitTally {
  const readBy = visit.result?.readBy;
  return {
    visitId: visit.id,
    day: visit.day,
    kitId: visit.test?.kitId ?? null,
    kitName: visit.test?.kitName ?? null,
    result: visit.result?.value ?? null,
    readBy: readBy ? { staffId: readBy.staffId, name: readBy.name } : null,
    status: statusOf(visit),
    transmittedAt: visit.transmission?.transmittedAt ?? null,
  };
}

const TALLY_KEYS = [
  'visitId',
  'day',
  'kitId',
  'kitName',
  'result',
  'readBy',
  'status',
  'transmittedAt',
].sort();

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStrOrNull = (x: unknown): x is string | null => x === null || typeof x === 'string';

/** Exactly the keys `keys` (sorted), no more, no fewer. */
function hasExactKeys(o: Obj, keys: readonly string[]): boolean {
  const own = Object.keys(o).sort();
  return own.length === keys.length && own.every((k, i) => k === keys[i]);
}

function isReadBy(x: unknown): boolean {
  if (x === null) return true;
  return (
    isObj(x) &&
    hasExactKeys(x, ['name', 'staffId']) &&
    typeof x.staffId === 'string' &&
    typeof x.name === 'string'
  );
}

/**
 * Strict shape check of a tally read from storage (decrypted JSON): exactly the keys of
 * {@link VisitTally} — an extra key, such as an identity field, is refused —, a valid day,
 * a known status and result, and a result iff a reader (they are recorded together).
 */
export function isVisitTally(x: unknown): x is VisitTally {
  if (!isObj(x) || !hasExactKeys(x, TALLY_KEYS)) return false;
  return (
    typeof x.visitId === 'string' &&
    x.visitId !== '' &&
    typeof x.day === 'string' &&
    parseDay(x.day) !== null &&
    isStrOrNull(x.kitId) &&
    isStrOrNull(x.kitName) &&
    (x.result === null || (typeof x.result === 'string' && isResultValue(x.result))) &&
    isReadBy(x.readBy) &&
    (x.result === null) === (x.readBy === null) &&
    (TALLY_STATUSES as readonly unknown[]).includes(x.status) &&
    isStrOrNull(x.transmittedAt)
  );
}

/**
 * Record id of a stored tally: `<day>.<visitId>`. The day (clear anyway on live visit rows,
 * DESIGN.md "IndexedDB") leads, so a report reads its period's tallies by key range instead
 * of decrypting the whole history.
 */
export function tallyRecordId(tally: Pick<VisitTally, 'day' | 'visitId'>): string {
  return `${tally.day}.${tally.visitId}`;
}
