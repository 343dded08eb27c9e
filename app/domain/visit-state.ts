/**
 * Visit states and the actions that move a visit through them (DESIGN.md "The visit").
 *
 * ```
 * registered ─► sampled ─► resulted ─► queued ─► transmitted ─► purged
 *     │                                 ▲  │
 *     └──────────► purged               │  ▼
 *  (abandoned registration)           rejected   (portal answered 4xx; after correction
 *                                                 it goes back to queued, never purged
 *                                                 automatically)
 * ```
 */
import type { Identity, ResultInfo, TestInfo, Visit } from './visit';

/** Where a visit is in its life. */
export type VisitState =
  'registered' | 'sampled' | 'resulted' | 'queued' | 'transmitted' | 'purged' | 'rejected';

/** Every state, in merge order (see {@link mergeVisitState}). */
export const VISIT_STATES: readonly VisitState[] = [
  'registered',
  'sampled',
  'resulted',
  'queued',
  'rejected',
  'transmitted',
  'purged',
];

/**
 * Allowed transitions. `registered → purged` lets the retention job drop a registration
 * whose patient left without being tested (data minimisation); every other purge follows
 * a transmission.
 */
const TRANSITIONS: Readonly<Record<VisitState, readonly VisitState[]>> = {
  registered: ['sampled', 'purged'],
  sampled: ['resulted'],
  resulted: ['queued'],
  queued: ['transmitted', 'rejected'],
  rejected: ['queued'],
  transmitted: ['purged'],
  purged: [],
};

/** Whether `x` is one of {@link VISIT_STATES} (for data read from storage or the network). */
export function isVisitState(x: unknown): x is VisitState {
  return typeof x === 'string' && (VISIT_STATES as readonly string[]).includes(x);
}

/** French labels of each state, as shown in the visit list. */
export const VISIT_STATE_LABELS_FR: Readonly<Record<VisitState, string>> = {
  registered: 'enregistré',
  sampled: 'prélevé',
  resulted: 'résultat saisi',
  queued: 'en attente d’envoi',
  transmitted: 'transmis',
  purged: 'purgé',
  rejected: 'rejeté',
};

/** English labels of each state. */
export const VISIT_STATE_LABELS_EN: Readonly<Record<VisitState, string>> = {
  registered: 'registered',
  sampled: 'sampled',
  resulted: 'result entered',
  queued: 'waiting to be sent',
  transmitted: 'sent',
  purged: 'purged',
  rejected: 'rejected',
};

/** Why an action on a visit was refused. */
export type VisitStateErrorCode = 'invalid-transition' | 'missing-test' | 'not-editable';

/** Thrown when an action does not fit the visit's state. `message` is French. */
export class VisitStateError extends Error {
  override readonly name = 'VisitStateError';
  readonly code: VisitStateErrorCode;
  readonly from: VisitState;

  constructor(code: VisitStateErrorCode, from: VisitState, message: string) {
    super(message);
    this.code = code;
    this.from = from;
  }
}

/** Whether a visit in `from` may move to `to` (a state never "moves" to itself). */
export function canTransition(from: VisitState, to: VisitState): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Returns `to` when `from → to` is allowed.
 * @throws {VisitStateError} code `invalid-transition` otherwise.
 */
export function transition(from: VisitState, to: VisitState): VisitState {
  if (!canTransition(from, to)) {
    throw new VisitStateError(
      'invalid-transition',
      from,
      `Impossible de passer une visite de l’état « ${VISIT_STATE_LABELS_FR[from]} » à « ${VISIT_STATE_LABELS_FR[to]} ». Rechargez la liste des visites : un autre poste l’a peut-être déjà modifiée.`,
    );
  }
  return to;
}

/**
 * Merges the states of two replicas of one visit: the later one in the order
 * `registered < sampled < resulted < queued < rejected < transmitted < purged`.
 *
 * A max over a total order, hence commutative, associative and idempotent, and never below
 * either input. `rejected` ranks above `queued` (the portal's verdict on a queued visit
 * must not be lost) and below `transmitted`/`purged` (a success elsewhere supersedes it).
 * Limitation: a visit re-queued after correction (`rejected → queued`) loses against a
 * stale `rejected` replica; the sync layer carries that re-queue as a field-level
 * last-writer-wins op, not through this state merge.
 */
export function mergeVisitState(a: VisitState, b: VisitState): VisitState {
  return VISIT_STATES.indexOf(a) >= VISIT_STATES.indexOf(b) ? a : b;
}

/**
 * Records (or corrects) the kit and sample of a visit: `registered → sampled`, or a
 * correction while still `sampled`.
 * @throws {VisitStateError} `invalid-transition` in any other state.
 */
export function recordTest(visit: Visit, test: TestInfo, now: Date | string): Visit {
  const state = visit.state === 'sampled' ? 'sampled' : transition(visit.state, 'sampled');
  return { ...visit, state, test: { ...test }, updatedAt: toIso(now) };
}

/**
 * Records (or corrects, while still `resulted`) the reading: `sampled → resulted`.
 * `updatedAt` becomes the reading time.
 * @throws {VisitStateError} `missing-test` without a recorded test; `invalid-transition`
 * in any other state.
 */
export function recordResult(visit: Visit, result: ResultInfo): Visit {
  const state = visit.state === 'resulted' ? 'resulted' : transition(visit.state, 'resulted');
  if (!visit.test) {
    throw new VisitStateError(
      'missing-test',
      visit.state,
      'Aucun test n’est enregistré pour cette visite. Saisissez d’abord le kit et le prélèvement.',
    );
  }
  return {
    ...visit,
    state,
    result: { ...result, readBy: { ...result.readBy } },
    updatedAt: result.readAt,
  };
}

/** States in which the identity may still be corrected (before transmission, or rejected). */
const IDENTITY_EDITABLE: ReadonlySet<VisitState> = new Set<VisitState>([
  'registered',
  'sampled',
  'resulted',
  'queued',
  'rejected',
]);

/**
 * Replaces the identity of a visit (already validated by the caller). The state is kept:
 * a rejected visit goes back to `queued` by an explicit `transition`.
 * @throws {VisitStateError} `not-editable` once transmitted or purged.
 */
export function correctIdentity(visit: Visit, identity: Identity, now: Date | string): Visit {
  if (!IDENTITY_EDITABLE.has(visit.state)) {
    throw new VisitStateError(
      'not-editable',
      visit.state,
      `L’identité d’une visite à l’état « ${VISIT_STATE_LABELS_FR[visit.state]} » ne peut plus être corrigée. Enregistrez une nouvelle visite si nécessaire.`,
    );
  }
  return { ...visit, identity: { ...identity }, updatedAt: toIso(now) };
}

function toIso(now: Date | string): string {
  return typeof now === 'string' ? now : now.toISOString();
}
