/**
 * Test visits for the FHIR mapping: a valid identity, test and result, and variants.
 */
import type { Identity, Pharmacy, ResultInfo, TestInfo, Visit } from '../../../../app/domain';
import type { ResultBundleContext } from '../../../../app/domain/fhir';

/** A random-looking 128-bit base64url visit id, as `randomId()` makes them. */
export const VISIT_ID = 'q7Hk2mP0xVb9LzR4tNw8sA';

export const IDENTITY: Identity = {
  birthName: 'MARTIN',
  firstNames: 'Léa Marie',
  sex: 'F',
  birthDate: '1985-04-12',
  address: '12 rue des Lilas',
  postalCode: '75011',
  city: 'Paris',
  country: 'FR',
  phone: '+33612345678',
  nir: '285047511112321',
};

export const TEST: TestInfo = {
  kitId: '1232',
  kitName: 'Panbio COVID-19 Ag Rapid Test',
  lot: 'AB123',
  expiry: '2099-12-31',
  specimen: '697989009',
  sampledAt: '2026-11-28T10:00:00.000Z',
  readingMinutes: 15,
};

export const RESULT: ResultInfo = {
  value: 'negative',
  readAt: '2026-11-28T10:16:00.000Z',
  readBy: { staffId: 's1', name: 'Claire Dupont', rpps: '10001234565' },
};

export const PHARMACY: Pharmacy = {
  name: 'Pharmacie du Marché',
  finess: '750001232',
  address: '3 place du Marché',
  postalCode: '75011',
  city: 'Paris',
};

export const CTX: ResultBundleContext = {
  pharmacy: PHARMACY,
  performer: { name: RESULT.readBy.name, rpps: RESULT.readBy.rpps },
};

/** A resulted visit; `patch` overrides any part. */
export function makeVisit(patch: Partial<Visit> = {}): Visit {
  return {
    id: VISIT_ID,
    state: 'resulted',
    day: '2026-11-28',
    registeredAt: '2026-11-28T09:55:00.000Z',
    updatedAt: RESULT.readAt,
    source: 'counter',
    identity: { ...IDENTITY },
    context: { symptomOnset: '2026-11-26', consent: true },
    test: { ...TEST },
    result: { ...RESULT, readBy: { ...RESULT.readBy } },
    ...patch,
  };
}
