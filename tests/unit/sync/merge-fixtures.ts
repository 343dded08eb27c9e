/** A complete visit for the merge tests (no I/O). */
import type { Visit } from '../../../app/domain';

/** A resulted visit with every optional field set. */
export function visitFixture(id: string): Visit {
  return {
    id,
    state: 'resulted',
    day: '2021-05-03',
    registeredAt: '2021-05-03T09:00:00+02:00',
    updatedAt: '2021-05-03T09:30:00+02:00',
    source: 'counter',
    identity: {
      birthName: 'Dupont',
      usedName: 'Durand',
      firstNames: 'Jean',
      sex: 'M',
      birthDate: '1980-02-29',
      birthPlace: 'Lyon',
      address: '3 rue des Lilas',
      postalCode: '69001',
      city: 'Lyon',
      country: 'FR',
      phone: '+33612345678',
      email: 'jean@example.fr',
      nir: '180026912345678',
    },
    context: { symptomOnset: null, consent: true, guardianName: 'Marie Dupont' },
    test: {
      kitId: '1232',
      kitName: 'Abbott Panbio',
      lot: 'LOT42',
      expiry: '2022-12-31',
      specimen: '258500001',
      sampledAt: '2021-05-03T09:10:00+02:00',
      readingMinutes: 15,
    },
    result: {
      value: 'negative',
      readAt: '2021-05-03T09:25:00+02:00',
      readBy: { staffId: 's1', name: 'Alice', rpps: '10000000001' },
    },
  };
}
