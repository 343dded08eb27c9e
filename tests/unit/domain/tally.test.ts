/**
 * Visit tallies: what survives a purge is counts only — no identity, nothing about the
 * patient — and the strict shape check refuses anything else read back from storage.
 */
import { describe, expect, it } from 'vitest';
import {
  isVisitTally,
  tallyOfVisit,
  type Visit,
  type VisitState,
  type VisitTally,
} from '../../../app/domain';
import { IDENTITY, RESULT, TEST, VISIT_ID, makeVisit } from './fhir/fixtures';

const EXPECTED: VisitTally = {
  visitId: VISIT_ID,
  day: '2026-11-28',
  kitId: '1232',
  kitName: 'Panbio COVID-19 Ag Rapid Test',
  result: 'negative',
  readBy: { staffId: 's1', name: 'Claire Dupont' },
  status: 'resulted',
  transmittedAt: null,
};

const SENT = { attempts: 1, receipt: 'Observation/42', transmittedAt: '2026-11-28T10:20:00.000Z' };

describe('tallyOfVisit', () => {
  it('keeps the visit id, day, kit, result, reader and status of a visit', () => {
    expect(tallyOfVisit(makeVisit())).toEqual(EXPECTED);
  });

  it.each<[VisitState, Partial<Visit>, Partial<VisitTally>]>([
    [
      'registered',
      { test: undefined, result: undefined },
      { kitId: null, kitName: null, result: null, readBy: null },
    ],
    ['sampled', { result: undefined }, { result: null, readBy: null }],
    ['resulted', {}, {}],
    ['queued', {}, { status: 'pending' }],
    ['rejected', { transmission: { attempts: 2, lastError: 'NIR invalide' } }, {}],
    ['transmitted', { transmission: SENT }, { transmittedAt: SENT.transmittedAt }],
  ])('maps a %s visit', (state, patch, expected) => {
    const status = state === 'queued' ? 'pending' : state;
    expect(tallyOfVisit(makeVisit({ state, ...patch }))).toEqual({
      ...EXPECTED,
      status,
      ...expected,
    });
  });

  it.each<[string, Partial<Visit>, VisitTally['status']]>([
    ['after transmission', { transmission: SENT }, 'transmitted'],
    ['as an abandoned registration', { test: undefined, result: undefined }, 'registered'],
  ])('classes a visit already purged %s', (_, patch, status) => {
    expect(tallyOfVisit(makeVisit({ state: 'purged', ...patch })).status).toBe(status);
  });

  it('carries no identity, context, lot, instant or RPPS', () => {
    const visit = makeVisit({
      context: { symptomOnset: '2026-11-26', consent: true, guardianName: 'Paul MARTIN' },
    });
    const json = JSON.stringify(tallyOfVisit(visit));
    const secrets = [
      ...Object.values(IDENTITY),
      'Paul MARTIN',
      '2026-11-26',
      TEST.lot,
      TEST.sampledAt,
      RESULT.readAt,
      RESULT.readBy.rpps,
      visit.registeredAt,
    ];
    for (const secret of secrets) expect(json).not.toContain(secret);
  });
});

describe('isVisitTally', () => {
  it('accepts tallies of every state', () => {
    expect(isVisitTally(EXPECTED)).toBe(true);
    expect(isVisitTally(JSON.parse(JSON.stringify(EXPECTED)))).toBe(true);
    expect(
      isVisitTally(
        tallyOfVisit(makeVisit({ state: 'registered', test: undefined, result: undefined })),
      ),
    ).toBe(true);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', [EXPECTED]],
    ['an extra identity field', { ...EXPECTED, birthName: 'MARTIN' }],
    ['a missing field', (({ transmittedAt: _, ...rest }) => rest)(EXPECTED)],
    ['an undefined field', { ...EXPECTED, transmittedAt: undefined }],
    ['an empty visit id', { ...EXPECTED, visitId: '' }],
    ['a day missing from the calendar', { ...EXPECTED, day: '2026-02-30' }],
    ['a day in French format', { ...EXPECTED, day: '28/11/2026' }],
    ['an unknown result', { ...EXPECTED, result: 'weak positive' }],
    ['an unknown status', { ...EXPECTED, status: 'queued' }],
    ['a result without a reader', { ...EXPECTED, readBy: null }],
    ['a reader without a result', { ...EXPECTED, result: null }],
    ['a reader with an RPPS', { ...EXPECTED, readBy: { ...EXPECTED.readBy, rpps: '10001234565' } }],
    ['a numeric kit id', { ...EXPECTED, kitId: 1232 }],
    ['a numeric transmission date', { ...EXPECTED, transmittedAt: 0 }],
  ])('refuses %s', (_, value) => {
    expect(isVisitTally(value)).toBe(false);
  });
});
