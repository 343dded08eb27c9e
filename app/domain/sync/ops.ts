/**
 * Sync ops: what one device tells the others about one change (DESIGN.md "Sync relay",
 * "Ops and merge"). Plain JSON, carried inside encrypted bundles and the outbox.
 *
 * ```
 * { t: 'set',    kind: 'visit', id, path: VisitPath, value, hlc }   one LWW field (null = removed)
 * { t: 'state',  kind: 'visit', id, value: VisitState, hlc }        merged by state order
 * { t: 'del',    kind: 'visit', id, hlc }                           tombstone, wins for ever
 * { t: 'record', kind: SyncedRecordKind, id, value, hlc }           whole-record LWW
 * ```
 * Network data: always go through {@link parseOps} before use.
 */
import { isVisitState, type VisitState } from '../visit-state';
import { isHlc, type Hlc } from './hlc';
import { isVisitPath, type VisitPath } from './ops-paths';

/**
 * Non-visit records that sync (portal sessions, unlock slots and the imported kit list stay
 * per device). `kit-link`: a kit box GTIN remembered against a kit (see `kit-link.ts`);
 * `tally`: the non-identifying counts of a purged visit (`tally.ts`); `retention`: the
 * pharmacy's retention policy (`retention.ts`); `audit`: an audit log entry (`audit.ts`),
 * immutable once stored; `epoch` and `epoch-ack`: the vault key's epochs (`epochs.ts`).
 */
export type SyncedRecordKind =
  | 'staff'
  | 'settings'
  | 'portal-settings'
  | 'kit-link'
  | 'tally'
  | 'retention'
  | 'audit'
  | 'epoch'
  | 'epoch-ack';

/** Every {@link SyncedRecordKind}. */
export const SYNCED_RECORD_KINDS: readonly SyncedRecordKind[] = [
  'staff',
  'settings',
  'portal-settings',
  'kit-link',
  'tally',
  'retention',
  'audit',
  'epoch',
  'epoch-ack',
];

/** Sets one LWW field of a visit; `value: null` removes it. */
export interface SetOp {
  readonly t: 'set';
  readonly kind: 'visit';
  readonly id: string;
  readonly path: VisitPath;
  readonly value: unknown;
  readonly hlc: Hlc;
}

/** Moves a visit's state (merged by order, never backwards). */
export interface StateOp {
  readonly t: 'state';
  readonly kind: 'visit';
  readonly id: string;
  readonly value: VisitState;
  readonly hlc: Hlc;
}

/** Deletes a visit for good (tombstone). */
export interface DelOp {
  readonly t: 'del';
  readonly kind: 'visit';
  readonly id: string;
  readonly hlc: Hlc;
}

/** Replaces a whole non-visit record (LWW). */
export interface RecordOp {
  readonly t: 'record';
  readonly kind: SyncedRecordKind;
  readonly id: string;
  readonly value: unknown;
  readonly hlc: Hlc;
}

/** An op on a visit. */
export type VisitOp = SetOp | StateOp | DelOp;

/** Any sync op. */
export type Op = VisitOp | RecordOp;

/** Thrown by {@link parseOps} on data that are not well-formed ops. */
export class OpsFormatError extends Error {
  override readonly name = 'OpsFormatError';
  readonly code = 'invalid-ops';
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isId = (x: unknown): x is string =>
  typeof x === 'string' && x.length > 0 && x.length <= 128 && !x.includes(':');
const isStrOrNull = (x: unknown): boolean => x === null || typeof x === 'string';

/** Light, per-path check of a `set` value (the store checks the whole visit again). */
export function isPathValue(path: VisitPath, v: unknown): boolean {
  if (path === 'source') return v === null || v === 'kiosk' || v === 'counter' || v === 'phone';
  if (path === 'context.consent') return v === null || v === true;
  if (path === 'test' || path === 'result' || path === 'transmission') {
    return v === null || isObj(v);
  }
  return isStrOrNull(v);
}

function bad(index: number, why: string): never {
  throw new OpsFormatError(`op ${index}: ${why}`);
}

/**
 * What a record kind of a newer app version looks like. Such ops are skipped, not refused:
 * a device that is not updated yet keeps applying everything it understands instead of
 * rejecting whole bundles, and with them the visits they carry. It does not get the
 * skipped records later (its cursor has moved on), so a new kind must tolerate devices
 * that missed some (a GTIN link is asked for again at the next box).
 */
const FUTURE_RECORD_KIND = /^[a-z][a-z0-9-]{0,31}$/;

/** Checks one op; returns it retyped, `null` for a record kind of a newer version, or throws. */
function parseOp(x: unknown, index: number): Op | null {
  if (!isObj(x)) return bad(index, 'not an object');
  const { id, hlc } = x;
  if (!isId(id)) return bad(index, 'bad id');
  if (!isHlc(hlc)) return bad(index, 'bad hlc');
  if (x.t === 'record') {
    if (!isObj(x.value)) return bad(index, 'record value must be an object');
    if ((SYNCED_RECORD_KINDS as readonly unknown[]).includes(x.kind)) {
      return { t: 'record', kind: x.kind as SyncedRecordKind, value: x.value, id, hlc };
    }
    if (typeof x.kind === 'string' && FUTURE_RECORD_KIND.test(x.kind)) return null;
    return bad(index, 'bad kind');
  }
  if (x.kind !== 'visit') return bad(index, 'bad kind');
  switch (x.t) {
    case 'set':
      if (!isVisitPath(x.path)) return bad(index, 'unknown path');
      if (!isPathValue(x.path, x.value)) return bad(index, 'bad value');
      return { t: 'set', kind: 'visit', path: x.path, value: x.value, id, hlc };
    case 'state':
      if (!isVisitState(x.value)) return bad(index, 'unknown state');
      return { t: 'state', kind: 'visit', value: x.value, id, hlc };
    case 'del':
      return { t: 'del', kind: 'visit', id, hlc };
    default:
      return bad(index, 'unknown op type');
  }
}

/**
 * Validates unknown JSON (from the network or the outbox) as a list of ops. Unknown
 * members of an op are dropped, and so are well-formed record ops of a kind this version
 * does not know (written by a newer version; see {@link FUTURE_RECORD_KIND}).
 *
 * @throws OpsFormatError naming the first bad op and why
 */
export function parseOps(x: unknown): Op[] {
  if (!Array.isArray(x)) throw new OpsFormatError('ops must be an array');
  const ops: Op[] = [];
  x.forEach((item, index) => {
    const op = parseOp(item, index);
    if (op) ops.push(op);
  });
  return ops;
}

/** Whether an op concerns a visit (narrowing helper). */
export function isVisitOp(op: Op): op is VisitOp {
  return op.kind === 'visit';
}
