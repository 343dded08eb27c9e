/**
 * The merge of sync ops (DESIGN.md "Ops and merge"). Every rule is a join (a max over a
 * total order), so merging is commutative, associative and idempotent: any delivery order
 * and any duplication of the same ops gives the same doc (property-tested).
 *
 * Rules, with examples (hlc `t1 < t2`):
 * - **Fields: last writer wins** by hlc. `set name=A @t1` + `set name=B @t2` → `B`, in
 *   either order. Equal hlcs (one device writing twice in the same tick never happens; a
 *   reused device id might) are broken by the canonical JSON of the value, so even that
 *   case converges.
 * - **Ties on (ms, counter)** are broken by device id, inside the hlc itself (`hlc.ts`).
 * - **State** merges by `mergeVisitState` (`registered < … < purged`), never by clock:
 *   `state sampled @t2` + `state resulted @t1` → `resulted`. `stateHlc` is the latest hlc
 *   among the ops that set the winning state.
 * - **Tombstones**: `del @t1` + `set name=B @t2` → deleted, fields dropped; `deleted`
 *   keeps the latest del hlc.
 * - **Records**: whole-record LWW, same tie-break as fields (`mergeRecordVersion`).
 */
import { mergeVisitState, type VisitState } from '../visit-state';
import { compareHlc, maxHlc, ZERO_HLC, type Hlc } from './hlc';
import { canonicalJson } from './merge-canonical';
import type { VisitOp } from './ops';
import type { VisitPath } from './ops-paths';

/** One LWW field: its value (`null` = removed) and the clock that wrote it. */
export interface Clocked {
  readonly v: unknown;
  readonly h: Hlc;
}

/** A visit with its clocks: what the merge works on (one per visit id). */
export interface VisitDoc {
  readonly fields: Readonly<Partial<Record<VisitPath, Clocked>>>;
  /** The merged state (a max; see `docToVisit` for the effective state after a re-queue). */
  readonly state: VisitState;
  readonly stateHlc: Hlc;
  /** Latest hlc of a `del` op: the visit is gone for good. */
  readonly deleted?: Hlc;
}

/** The doc of a visit nothing is known about yet (the merge's neutral element). */
export const EMPTY_VISIT_DOC: VisitDoc = { fields: {}, state: 'registered', stateHlc: ZERO_HLC };

/**
 * Whether the write `a` beats the write `b` (strictly): later hlc, or on an exact hlc tie
 * the larger canonical JSON value.
 */
export function clockedWins(a: Clocked, b: Clocked): boolean {
  const c = compareHlc(a.h, b.h);
  if (c !== 0) return c > 0;
  return canonicalJson(a.v) > canonicalJson(b.v);
}

function mergeState(
  doc: VisitDoc,
  state: VisitState,
  hlc: Hlc,
): Pick<VisitDoc, 'state' | 'stateHlc'> {
  const winner = mergeVisitState(doc.state, state);
  if (winner === doc.state && winner === state) {
    return { state: winner, stateHlc: maxHlc(doc.stateHlc, hlc) };
  }
  return winner === doc.state ? doc : { state, stateHlc: hlc };
}

/**
 * Merges one op into a doc (pure; returns `doc` itself when nothing changes).
 *
 * @param doc the current doc of `op.id`
 */
export function applyOp(doc: VisitDoc, op: VisitOp): VisitDoc {
  if (op.t === 'del') {
    const deleted = doc.deleted === undefined ? op.hlc : maxHlc(doc.deleted, op.hlc);
    if (deleted === doc.deleted) return doc;
    return { ...doc, fields: {}, deleted };
  }
  if (op.t === 'state') {
    const next = mergeState(doc, op.value, op.hlc);
    if (next.state === doc.state && next.stateHlc === doc.stateHlc) return doc;
    return { ...doc, ...next };
  }
  if (doc.deleted !== undefined) return doc; // a tombstone swallows later writes
  const incoming: Clocked = { v: op.value, h: op.hlc };
  const current = doc.fields[op.path];
  if (current && !clockedWins(incoming, current)) return doc;
  return { ...doc, fields: { ...doc.fields, [op.path]: incoming } };
}

/**
 * Merges the ops of ONE visit into its doc: commutative, associative and idempotent.
 *
 * @param doc the stored doc, `null` when the visit is unknown here
 * @param ops ops whose `id` is this visit's (others are a caller bug)
 * @throws RangeError when an op belongs to another visit than the others
 */
export function mergeOps(doc: VisitDoc | null, ops: readonly VisitOp[]): VisitDoc {
  const id = ops[0]?.id;
  let out = doc ?? EMPTY_VISIT_DOC;
  // Field writes go into ONE private copy of the fields (what `applyOp` would give, without
  // copying the fields once per op); it is folded back before any other kind of op.
  let fields: Partial<Record<VisitPath, Clocked>> | null = null;
  for (const op of ops) {
    if (op.id !== id) throw new RangeError('mergeOps got ops of several visits');
    if (op.t === 'set' && out.deleted === undefined) {
      const incoming: Clocked = { v: op.value, h: op.hlc };
      const current = (fields ?? out.fields)[op.path];
      if (current && !clockedWins(incoming, current)) continue;
      fields ??= { ...out.fields };
      fields[op.path] = incoming;
      continue;
    }
    if (fields) out = { ...out, fields };
    fields = null;
    out = applyOp(out, op);
  }
  return fields ? { ...out, fields } : out;
}

/** Merges two docs of the same visit (the join of the two replicas). */
export function mergeDocs(a: VisitDoc, b: VisitDoc): VisitDoc {
  let out: VisitDoc = { ...a, ...mergeState(a, b.state, b.stateHlc) };
  if (b.deleted !== undefined)
    out = applyOp(out, { t: 'del', kind: 'visit', id: '_', hlc: b.deleted });
  if (out.deleted !== undefined) return { ...out, fields: {} };
  const fields: Partial<Record<VisitPath, Clocked>> = { ...a.fields };
  for (const [path, field] of Object.entries(b.fields) as [VisitPath, Clocked][]) {
    const current = fields[path];
    if (!current || clockedWins(field, current)) fields[path] = field;
  }
  return { ...out, fields };
}

/** A whole non-visit record with its clock. */
export interface RecordVersion {
  readonly value: unknown;
  readonly hlc: Hlc;
}

/**
 * Whole-record LWW: the later of two versions (same tie-break as fields).
 * Example: `{ mode: 'auto' } @t1` vs `{ mode: 'confirm' } @t2` → `confirm`, either order.
 */
export function mergeRecordVersion(a: RecordVersion | null, b: RecordVersion): RecordVersion {
  if (!a) return b;
  return clockedWins({ v: b.value, h: b.hlc }, { v: a.value, h: a.hlc }) ? b : a;
}
