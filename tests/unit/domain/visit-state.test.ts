import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  VISIT_STATES,
  VISIT_STATE_LABELS_EN,
  VISIT_STATE_LABELS_FR,
  VisitStateError,
  canTransition,
  correctIdentity,
  mergeVisitState,
  recordResult,
  recordTest,
  transition,
  visitFromIntake,
  type IntakeEntry,
  type ResultInfo,
  type TestInfo,
  type Visit,
  type VisitState,
} from '../../../app/domain';

/** The complete table of allowed transitions; every other pair is forbidden. */
const ALLOWED: readonly (readonly [VisitState, VisitState])[] = [
  ['registered', 'sampled'],
  ['registered', 'purged'],
  ['sampled', 'resulted'],
  ['resulted', 'queued'],
  ['queued', 'transmitted'],
  ['queued', 'rejected'],
  ['rejected', 'queued'],
  ['transmitted', 'purged'],
];
const isAllowed = (from: VisitState, to: VisitState): boolean =>
  ALLOWED.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = VISIT_STATES.flatMap((from) => VISIT_STATES.map((to) => [from, to] as const));

describe('visit state machine', () => {
  it.each(ALL_PAIRS.filter(([f, t]) => isAllowed(f, t)))('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(transition(from, to)).toBe(to);
  });

  it.each(ALL_PAIRS.filter(([f, t]) => !isAllowed(f, t)))('forbids %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => transition(from, to)).toThrow(VisitStateError);
  });

  it('throws a coded error with a French message naming both states', () => {
    try {
      transition('transmitted', 'queued');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(VisitStateError);
      if (!(error instanceof VisitStateError)) return;
      expect(error.code).toBe('invalid-transition');
      expect(error.from).toBe('transmitted');
      expect(error.message).toContain('« transmis »');
      expect(error.message).toContain('« en attente d’envoi »');
    }
  });

  it('never leaves rejected except back to queued, and never purges it', () => {
    expect(VISIT_STATES.filter((to) => canTransition('rejected', to))).toEqual(['queued']);
    expect(canTransition('rejected', 'purged')).toBe(false);
  });

  it('labels every state in French and English', () => {
    for (const state of VISIT_STATES) {
      expect(VISIT_STATE_LABELS_FR[state]).not.toBe('');
      expect(VISIT_STATE_LABELS_EN[state]).not.toBe('');
    }
    expect(VISIT_STATE_LABELS_FR.resulted).toBe('résultat saisi');
  });
});

describe('mergeVisitState', () => {
  const state = fc.constantFrom(...VISIT_STATES);
  const rank = (s: VisitState): number => VISIT_STATES.indexOf(s);

  it.each([
    ['registered', 'sampled', 'sampled'],
    ['resulted', 'queued', 'queued'],
    ['queued', 'rejected', 'rejected'],
    ['rejected', 'transmitted', 'transmitted'],
    ['transmitted', 'purged', 'purged'],
    ['registered', 'purged', 'purged'],
    ['queued', 'queued', 'queued'],
  ] as const)('merges %s with %s into %s, in either order', (a, b, expected) => {
    expect(mergeVisitState(a, b)).toBe(expected);
    expect(mergeVisitState(b, a)).toBe(expected);
  });

  it('is commutative', () => {
    fc.assert(fc.property(state, state, (a, b) => mergeVisitState(a, b) === mergeVisitState(b, a)));
  });

  it('is associative', () => {
    fc.assert(
      fc.property(
        state,
        state,
        state,
        (a, b, c) =>
          mergeVisitState(mergeVisitState(a, b), c) === mergeVisitState(a, mergeVisitState(b, c)),
      ),
    );
  });

  it('is idempotent', () => {
    fc.assert(fc.property(state, (a) => mergeVisitState(a, a) === a));
  });

  it('never goes below either input', () => {
    fc.assert(
      fc.property(state, state, (a, b) => {
        const m = rank(mergeVisitState(a, b));
        return m >= rank(a) && m >= rank(b);
      }),
    );
  });

  it('converges whatever the delivery order of the replicas', () => {
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 8 }), (states) => {
        const forward = states.reduce(mergeVisitState);
        const backward = [...states].reverse().reduce(mergeVisitState);
        return forward === backward;
      }),
    );
  });
});

const ENTRY: IntakeEntry = {
  v: 1,
  id: 'visit-1',
  registeredAt: '2024-05-10T09:50:00+02:00',
  day: '2024-05-10',
  source: 'kiosk',
  identity: {
    birthName: 'DUPONT',
    firstNames: 'Marie',
    sex: 'F',
    birthDate: '1984-12-03',
    address: '1 rue de la Paix',
    postalCode: '75002',
    city: 'Paris',
    country: 'FR',
    phone: '+33612345678',
  },
  context: { symptomOnset: null, consent: true },
};
const TEST: TestInfo = {
  kitId: '1232',
  kitName: 'Panbio COVID-19 Ag Rapid Test',
  lot: 'QS41C123',
  expiry: '2025-01-31',
  specimen: '697989009',
  sampledAt: '2024-05-10T09:55:00+02:00',
  readingMinutes: 15,
};
const RESULT: ResultInfo = {
  value: 'negative',
  readAt: '2024-05-10T10:10:00+02:00',
  readBy: { staffId: 's1', name: 'Anne Pharma', rpps: '10001234567' },
};
const NOW = new Date('2024-05-10T08:00:00Z');

describe('visit actions', () => {
  const registered: Visit = visitFromIntake(ENTRY);

  it('turns an intake entry into a registered visit', () => {
    expect(registered).toMatchObject({
      id: 'visit-1',
      state: 'registered',
      source: 'kiosk',
      updatedAt: ENTRY.registeredAt,
    });
    expect(() => visitFromIntake({ ...ENTRY, v: 2 as 1 })).toThrow(RangeError);
  });

  it('records a test, then a result, without mutating the input', () => {
    const sampled = recordTest(registered, TEST, NOW);
    expect(sampled).toMatchObject({
      state: 'sampled',
      test: TEST,
      updatedAt: '2024-05-10T08:00:00.000Z',
    });
    expect(registered.state).toBe('registered');
    const resulted = recordResult(sampled, RESULT);
    expect(resulted).toMatchObject({ state: 'resulted', result: RESULT, updatedAt: RESULT.readAt });
    expect(sampled.state).toBe('sampled');
  });

  it('lets the staff correct the test while sampled, but not after the result', () => {
    const sampled = recordTest(registered, TEST, NOW);
    expect(recordTest(sampled, { ...TEST, lot: 'OTHER' }, NOW).test?.lot).toBe('OTHER');
    const resulted = recordResult(sampled, RESULT);
    expect(() => recordTest(resulted, TEST, NOW)).toThrow(VisitStateError);
  });

  it('refuses a result without a test, or before sampling', () => {
    expect(() => recordResult({ ...registered, state: 'sampled' }, RESULT)).toThrow(
      expect.objectContaining({ code: 'missing-test' }),
    );
    expect(() => recordResult(registered, RESULT)).toThrow(
      expect.objectContaining({ code: 'invalid-transition' }),
    );
  });

  it.each([
    ['registered', true],
    ['sampled', true],
    ['resulted', true],
    ['queued', true],
    ['rejected', true],
    ['transmitted', false],
    ['purged', false],
  ] as const)('corrects the identity of a %s visit: %s', (state, allowed) => {
    const visit: Visit = { ...registered, state };
    const identity = { ...ENTRY.identity, firstNames: 'Marie-Anne' };
    if (allowed) {
      const corrected = correctIdentity(visit, identity, NOW);
      expect(corrected).toMatchObject({ state, identity: { firstNames: 'Marie-Anne' } });
    } else {
      expect(() => correctIdentity(visit, identity, NOW)).toThrow(
        expect.objectContaining({ code: 'not-editable' }),
      );
    }
  });
});
