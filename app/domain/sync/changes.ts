/**
 * Changes: ops merged per visit, the unit bundles carry and the store applies (DESIGN.md
 * "Ops and merge"). Because every merge rule is a join, the ops of one visit can be merged
 * into a partial doc BEFORE they travel, and the receiver joins that doc into its own with
 * `mergeDocs`: the same result as applying the ops one by one (property-tested:
 * `mergeDocs(mergeOps(null, x), mergeOps(null, y))` equals `mergeOps(null, x ++ y)`).
 * A visit edited 25 times in a bundle then costs one doc, not 25 ops, on the wire and in
 * the receiver's merge.
 *
 * Wire form (JSON, inside the encrypted and compressed bundle payload), version 2:
 * ```
 * { "v": 2,
 *   "h": [hlc, …],                       every distinct clock once; fields refer by index
 *   "visits": [[id, { path: [value, h] … }, state, stateH, deletedH (-1: none)], …],
 *   "records": [RecordOp, …] }            whole-record LWW ops, as in `ops.ts`
 * ```
 * Version 3 lists version-2 changes, joined in order by the reader:
 * ```
 * { "v": 3, "parts": [{ "v": 2, … }, …] }
 * ```
 * Each outbox entry is stored as version-2 changes, so a sender builds a bundle of many
 * entries by joining their bytes, without parsing them again (`app/sync/bundle-parts.ts`).
 * Network data: always go through {@link parseChanges} before use.
 */
import { isVisitState, type VisitState } from '../visit-state';
import { compareHlc, isHlc, maxHlc, type Hlc } from './hlc';
import { EMPTY_VISIT_DOC, mergeDocs, mergeOps, type Clocked, type VisitDoc } from './merge';
import { docToOps } from './merge-doc';
import {
  OpsFormatError,
  isPathValue,
  isVisitOp,
  parseOps,
  type Op,
  type RecordOp,
  type VisitOp,
} from './ops';
import { isVisitPath, type VisitPath } from './ops-paths';

/** Merged changes: one partial doc per visit id, and record ops. */
export interface Changes {
  readonly visits: ReadonlyMap<string, VisitDoc>;
  readonly records: readonly RecordOp[];
  /** The latest clock anywhere in the changes (`null` when empty): for the HLC receive. */
  readonly latest: Hlc | null;
}

/** Version of the wire form written by {@link encodeChanges}. */
export const CHANGES_VERSION = 2;
/** Version of the wire form that lists version-2 parts. */
export const CHANGES_PARTS_VERSION = 3;

/** Changes with nothing in them. */
export const NO_CHANGES: Changes = { visits: new Map(), records: [], latest: null };

function latestOf(latest: Hlc | null, hlc: Hlc): Hlc {
  return latest === null ? hlc : maxHlc(latest, hlc);
}

/**
 * Merges ops into changes: the ops of each visit joined into one doc (order of first
 * appearance kept), record ops kept as they are.
 */
export function opsToChanges(ops: readonly Op[]): Changes {
  const byVisit = new Map<string, VisitOp[]>();
  const records: RecordOp[] = [];
  let latest: Hlc | null = null;
  for (const op of ops) {
    latest = latestOf(latest, op.hlc);
    if (!isVisitOp(op)) {
      records.push(op);
      continue;
    }
    const group = byVisit.get(op.id);
    if (group) group.push(op);
    else byVisit.set(op.id, [op]);
  }
  const visits = new Map<string, VisitDoc>();
  for (const [id, group] of byVisit) visits.set(id, mergeOps(null, group));
  return { visits, records, latest };
}

/** Joins several changes into one (per visit with `mergeDocs`; records concatenated). */
export function joinChanges(parts: readonly Changes[]): Changes {
  if (parts.length === 1 && parts[0]) return parts[0];
  const visits = new Map<string, VisitDoc>();
  const records: RecordOp[] = [];
  let latest: Hlc | null = null;
  for (const part of parts) {
    for (const [id, doc] of part.visits) {
      const current = visits.get(id);
      visits.set(id, current ? mergeDocs(current, doc) : doc);
    }
    records.push(...part.records);
    if (part.latest !== null) latest = latestOf(latest, part.latest);
  }
  return { visits, records, latest };
}

/**
 * Changes as ops again (for a reader that inspects them, or to cut changes into smaller
 * ones): per visit its field ops, its state op unless nothing set the state, its del op;
 * then the record ops. `opsToChanges` of the result gives the same changes.
 */
export function changesToOps(changes: Changes): Op[] {
  const ops: Op[] = [];
  for (const [id, doc] of changes.visits) {
    const unset = compareHlc(doc.stateHlc, EMPTY_VISIT_DOC.stateHlc) === 0;
    for (const op of docToOps(id, doc)) if (!(unset && op.t === 'state')) ops.push(op);
  }
  ops.push(...changes.records);
  return ops;
}

/** The wire form (version 2) of changes, ready for `JSON.stringify`. */
export function encodeChanges(changes: Changes): unknown {
  const table: Hlc[] = [];
  const index = new Map<Hlc, number>();
  const ref = (hlc: Hlc): number => {
    let i = index.get(hlc);
    if (i === undefined) {
      i = table.length;
      table.push(hlc);
      index.set(hlc, i);
    }
    return i;
  };
  const visits: unknown[] = [];
  for (const [id, doc] of changes.visits) {
    const fields: Record<string, [unknown, number]> = {};
    for (const [path, f] of Object.entries(doc.fields) as [VisitPath, Clocked][]) {
      fields[path] = [f.v, ref(f.h)];
    }
    const deleted = doc.deleted === undefined ? -1 : ref(doc.deleted);
    visits.push([id, fields, doc.state, ref(doc.stateHlc), deleted]);
  }
  return { v: CHANGES_VERSION, h: table, visits, records: changes.records };
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isId = (x: unknown): x is string =>
  typeof x === 'string' && x.length > 0 && x.length <= 128 && !x.includes(':');

function bad(why: string): never {
  throw new OpsFormatError(why);
}

function parseTable(x: unknown): Hlc[] {
  if (!Array.isArray(x)) return bad('clock table must be an array');
  for (const h of x) if (!isHlc(h)) bad('bad hlc in the clock table');
  return x as Hlc[];
}

function parseVisit(x: unknown, table: readonly Hlc[], at: number): [string, VisitDoc] {
  if (!Array.isArray(x) || x.length !== 5) return bad(`visit ${at}: not a 5-tuple`);
  const [id, rawFields, state, stateRef, deletedRef] = x as unknown[];
  const clock = (ref: unknown): Hlc =>
    (typeof ref === 'number' ? table[ref] : undefined) ?? bad(`visit ${at}: bad clock index`);
  if (!isId(id)) return bad(`visit ${at}: bad id`);
  if (!isObj(rawFields)) return bad(`visit ${at}: fields must be an object`);
  if (!isVisitState(state)) return bad(`visit ${at}: unknown state`);
  const fields: Partial<Record<VisitPath, Clocked>> = {};
  for (const path in rawFields) {
    const f = rawFields[path];
    if (!isVisitPath(path)) return bad(`visit ${at}: unknown path`);
    if (!Array.isArray(f) || f.length !== 2) return bad(`visit ${at}: bad field`);
    if (!isPathValue(path, f[0])) return bad(`visit ${at}: bad value`);
    fields[path] = { v: f[0], h: clock(f[1]) };
  }
  const doc: VisitDoc = { fields, state: state as VisitState, stateHlc: clock(stateRef) };
  if (deletedRef === -1) return [id, doc];
  // A deleted doc keeps no field (what the merge itself produces).
  return [id, { ...doc, fields: {}, deleted: clock(deletedRef) }];
}

function parseVersion2(x: Obj): Changes {
  const table = parseTable(x.h);
  if (!Array.isArray(x.visits)) return bad('visits must be an array');
  const visits = new Map<string, VisitDoc>();
  x.visits.forEach((item: unknown, at: number) => {
    const [id, doc] = parseVisit(item, table, at);
    const current = visits.get(id);
    visits.set(id, current ? mergeDocs(current, doc) : doc);
  });
  // Every clock of the visits is in the table (once): its maximum is theirs. The neutral
  // state's ZERO_HLC never raises it.
  let latest: Hlc | null = null;
  for (const hlc of table) {
    if (compareHlc(hlc, EMPTY_VISIT_DOC.stateHlc) > 0) latest = latestOf(latest, hlc);
  }
  const records = parseOps(x.records);
  for (const op of records) {
    if (op.t !== 'record') return bad('records must hold record ops only');
    latest = latestOf(latest, op.hlc);
  }
  return { visits, records: records as RecordOp[], latest };
}

/**
 * Validates the wire form of changes (from a bundle): version 2, or version 3 whose
 * version-2 parts are joined in order. Unknown members are ignored; a visit id given twice
 * is joined, so the result is what the ops would have given.
 *
 * @throws OpsFormatError naming the first problem
 */
export function parseChanges(x: unknown): Changes {
  if (isObj(x) && x.v === CHANGES_VERSION) return parseVersion2(x);
  if (!isObj(x) || x.v !== CHANGES_PARTS_VERSION || !Array.isArray(x.parts)) {
    return bad('changes must be a version 2 or 3 object');
  }
  return joinChanges(
    x.parts.map((part: unknown, at: number) =>
      isObj(part) && part.v === CHANGES_VERSION
        ? parseVersion2(part)
        : bad(`part ${at}: not version 2 changes`),
    ),
  );
}
