/**
 * Between a {@link Visit} and its {@link VisitDoc}: reading the merged visit out of a doc,
 * and turning a local change into ops (a diff against the stored doc).
 *
 * Re-queue after a rejection: the state merge is a max where `rejected` ranks above
 * `queued` (see `mergeVisitState`), so the re-queue travels as the LWW `transmission`
 * field instead: a doc whose merged state is `rejected` reads as `queued` when its
 * `transmission` was written AFTER the rejection and holds no `lastError` (enqueueing
 * clears it). Another rejection (`state rejected` + `transmission` with `lastError` at a
 * later hlc) turns it back to `rejected`; `transmitted` outranks both.
 */
import type { Visit } from '../visit';
import type { VisitState } from '../visit-state';
import { compareHlc, type Hlc } from './hlc';
import { applyOp, EMPTY_VISIT_DOC, type VisitDoc } from './merge';
import { sameJson } from './merge-canonical';
import type { DelOp, SetOp, StateOp, VisitOp } from './ops';
import { REQUIRED_PATHS, readPath, VISIT_PATHS, writePath } from './ops-paths';

/** The state a doc reads as (the merged state, or `queued` after a re-queue; see above). */
export function effectiveState(doc: VisitDoc): VisitState {
  if (doc.state !== 'rejected') return doc.state;
  const tx = doc.fields.transmission;
  if (!tx || compareHlc(tx.h, doc.stateHlc) <= 0) return 'rejected';
  const lastError = (tx.v as { lastError?: unknown } | null)?.lastError;
  return lastError === undefined ? 'queued' : 'rejected';
}

/**
 * The visit a doc stands for, or `null` when it is deleted or not complete yet (some
 * required field never arrived, e.g. an edit delivered before the creation).
 * The result's shape is only as good as the ops; the store checks it again.
 */
export function docToVisit(id: string, doc: VisitDoc): Visit | null {
  if (doc.deleted !== undefined) return null;
  for (const path of REQUIRED_PATHS) {
    const f = doc.fields[path];
    if (!f || f.v === null) return null;
  }
  if (!doc.fields['context.symptomOnset']) return null;
  const out: Record<string, unknown> = { id, state: effectiveState(doc) };
  for (const path of VISIT_PATHS) {
    const f = doc.fields[path];
    if (f) writePath(out, path, f.v);
  }
  return out as unknown as Visit;
}

function setOp(id: string, path: SetOp['path'], value: unknown, hlc: Hlc): SetOp {
  return { t: 'set', kind: 'visit', id, path, value, hlc };
}

/**
 * Ops that describe a local change, and the doc after it. Only fields whose value changed
 * get an op (a new visit gets one per path, `null` for absent ones) plus a `state` op when
 * the state changed. Moving `rejected → queued` also re-sends `transmission` (the re-queue
 * signal, see the module comment).
 *
 * @param prev the stored doc, `null` for a new visit
 * @param next the visit as it must now read
 * @param hlc a fresh local clock (`tickHlc`), later than every clock in `prev`
 */
export function visitToOps(
  prev: VisitDoc | null,
  next: Visit,
  hlc: Hlc,
): { doc: VisitDoc; ops: VisitOp[] } {
  const ops: VisitOp[] = [];
  const prevState = prev ? effectiveState(prev) : null;
  const requeue = prevState === 'rejected' && next.state === 'queued';
  for (const path of VISIT_PATHS) {
    const value = readPath(next, path);
    const old = prev?.fields[path];
    const forced = requeue && path === 'transmission';
    if (forced || !old || !sameJson(old.v, value)) ops.push(setOp(next.id, path, value, hlc));
  }
  if (prevState !== next.state && !requeue) {
    ops.push({ t: 'state', kind: 'visit', id: next.id, value: next.state, hlc });
  }
  const doc = ops.reduce(applyOp, prev ?? EMPTY_VISIT_DOC);
  return { doc, ops };
}

/**
 * Every op needed to rebuild `doc` elsewhere (snapshots): one `set` per known field with
 * its own clock, the `state` op, and the `del` op of a tombstone.
 */
export function docToOps(id: string, doc: VisitDoc): VisitOp[] {
  const ops: VisitOp[] = [];
  for (const path of VISIT_PATHS) {
    const f = doc.fields[path];
    if (f) ops.push(setOp(id, path, f.v, f.h));
  }
  const state: StateOp = { t: 'state', kind: 'visit', id, value: doc.state, hlc: doc.stateHlc };
  ops.push(state);
  if (doc.deleted !== undefined) {
    const del: DelOp = { t: 'del', kind: 'visit', id, hlc: doc.deleted };
    ops.push(del);
  }
  return ops;
}

/**
 * The doc of a visit stored before clocks existed (v1 payload, sealed intake entry): every
 * field and the state at `hlc` (`ZERO_HLC` by default, so any real change wins).
 */
export function visitToDoc(visit: Visit, hlc: Hlc): VisitDoc {
  const fields: Record<string, { v: unknown; h: Hlc }> = {};
  for (const path of VISIT_PATHS) fields[path] = { v: readPath(visit, path), h: hlc };
  return { fields, state: visit.state, stateHlc: hlc };
}
