/**
 * Realistic, valid domain values for the benchmarks (shared by the Node and browser
 * benches). Every value passes the domain validators: RPPS and FINESS with their Luhn
 * key, a NIR consistent with sex and birth date, an E.164 phone number.
 */
import type { Identity, IntakeEntry, Pharmacy, Visit, VisitContext } from '../../app/domain';

/** The day every benchmark visit belongs to. */
export const BENCH_DAY = '2021-05-03';
export const BENCH_PASSPHRASE = 'cheval agrafe batterie correct';
export const BENCH_VAULT_ID = 'benchvault0001';
const RPPS = '10001234565';

export const BENCH_PHARMACY: Pharmacy = {
  name: 'Pharmacie de la Roquette',
  finess: '750001232',
  address: '12 rue de la Roquette',
  postalCode: '75011',
  city: 'Paris',
};

export const BENCH_ADMIN = { name: 'Claire Moreau', rpps: RPPS, label: 'Claire' } as const;

const BIRTH_NAMES = ['Dupont', 'Martin', 'Bernard', 'Lefèvre', 'Nguyen', 'Benali', 'Da Silva'];
const FIRST_NAMES = ['Jeanne Marie', 'Louise', 'Camille', 'Inès', 'Chloé Anne'];

/** Identity number `i` (distinct names and e-mail; valid NIR for a woman born 1985-04). */
export function benchIdentity(i: number): Identity {
  const birthName = `${BIRTH_NAMES[i % BIRTH_NAMES.length] ?? 'Dupont'}`;
  return {
    birthName,
    usedName: `Durand-${i}`,
    firstNames: FIRST_NAMES[i % FIRST_NAMES.length] ?? 'Louise',
    sex: 'F',
    birthDate: '1985-04-17',
    birthPlace: 'Paris 11e Arrondissement',
    address: `${(i % 180) + 1} boulevard Voltaire, bâtiment B, 3e étage`,
    postalCode: '75011',
    city: 'Paris',
    country: 'FR',
    phone: '+33612345678',
    email: `patient.${i}@example.fr`,
    nir: '285047511112321',
  };
}

export const BENCH_CONTEXT: VisitContext = { symptomOnset: '2021-05-01', consent: true };

/** `BENCH_DAY` 08:00 Paris (06:00 UTC) plus `seconds`, as an ISO instant. */
function instant(seconds: number): string {
  return new Date(Date.UTC(2021, 4, 3, 6, 0, 0) + seconds * 1000).toISOString();
}

/** The registration instant of kiosk entry `i` (a `Date`, for `buildIntakeEntry`). */
export function kioskNow(i: number): Date {
  return new Date(instant(i * 7));
}

/** A `resulted` visit of `BENCH_DAY`, registered `i` × 2 s after 08:00 (distinct instants). */
export function benchVisit(id: string, i: number): Visit {
  return {
    id,
    state: 'resulted',
    day: BENCH_DAY,
    registeredAt: instant(i * 2),
    updatedAt: instant(i * 2 + 1500),
    source: 'counter',
    identity: benchIdentity(i),
    context: BENCH_CONTEXT,
    test: {
      kitId: '1232',
      kitName: 'Abbott Rapid Diagnostics, Panbio COVID-19 Ag Rapid Test',
      lot: `41ADG${String(i % 1000).padStart(3, '0')}A`,
      expiry: '2022-12-31',
      gtin: '05012345678900',
      specimen: '258500001',
      sampledAt: instant(i * 2 + 300),
      readingMinutes: 15,
    },
    result: {
      value: i % 17 === 0 ? 'positive' : 'negative',
      readAt: instant(i * 2 + 1500),
      readBy: { staffId: 'staff0001', name: BENCH_ADMIN.name, rpps: RPPS },
    },
  };
}

/** The plaintext row the kiosk baseline stores: the same entry, as JSON. */
export function plainIntakeRow(entry: IntakeEntry): { id: string; day: string; json: string } {
  return { id: entry.id, day: entry.day, json: JSON.stringify(entry) };
}
