/**
 * Fixtures of the store tests: a fresh fake-indexeddb factory per test, real crypto at the
 * KDF floor (~0.2 s per Argon2id derivation: keep their number small), and domain values.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { KDF_FLOOR, initCrypto, randomId, type KdfParams, type Keyring } from '../../../app/crypto';
import { visitFromIntake, type IntakeEntry, type Pharmacy, type Visit } from '../../../app/domain';
import { createVault, openComptoirDb, putVisit, type ComptoirDb } from '../../../app/store';

/** The weakest accepted parameters: fast enough for tests, still refused below. */
export const KDF: KdfParams = { alg: 'argon2id13', ...KDF_FLOOR };
export const PASSPHRASE = 'cheval agrafe pile correcte lune';
export const DAY = '2021-05-03';

/** A database on its own fake IndexedDB factory, and how to reopen it. */
export interface TestDb {
  readonly factory: IDBFactory;
  readonly name: string;
  db: ComptoirDb;
  reopen(): Promise<ComptoirDb>;
}

/** Opens a fresh, empty database (crypto initialised). */
export async function freshDb(): Promise<TestDb> {
  await initCrypto();
  const factory = new IDBFactory();
  const name = 'comptoir-test';
  const open = () => openComptoirDb({ name, indexedDB: factory, IDBKeyRange });
  const t: TestDb = {
    factory,
    name,
    db: await open(),
    async reopen() {
      t.db.close();
      t.db = await open();
      return t.db;
    },
  };
  return t;
}

export const PHARMACY: Pharmacy = {
  name: 'Pharmacie du Marché',
  finess: '750000000',
  address: '1 place du Marché',
  postalCode: '75001',
  city: 'Paris',
};

/** Creates a vault with one admin (one Argon2id derivation). */
export async function vaultDb(pharmacy: Pharmacy = PHARMACY) {
  const t = await freshDb();
  const created = await createVault(t.db, {
    pharmacy,
    admin: { name: 'Alice Martin', rpps: '10000000001', label: 'Alice' },
    passphrase: PASSPHRASE,
    kdf: KDF,
  });
  return Object.assign(t, created);
}

/** An intake entry; `tag` makes every personal string distinct (canaries). */
export function intakeEntry(
  id: string,
  tag = '',
  registeredAt = `${DAY}T09:00:00+02:00`,
): IntakeEntry {
  return {
    v: 1,
    id,
    registeredAt,
    day: DAY,
    source: 'kiosk',
    identity: {
      birthName: `Dupont${tag}`,
      usedName: `Durand${tag}`,
      firstNames: `Jean Pierre${tag}`,
      sex: 'M',
      birthDate: '1980-02-29',
      birthPlace: `Lyon${tag}`,
      address: `3 rue des Lilas${tag}`,
      postalCode: '69001',
      city: `Lyon${tag}`,
      country: 'FR',
      phone: '+33612345678',
      email: `jean${tag}@example.fr`,
      nir: '180026912345678',
    },
    context: { symptomOnset: null, consent: true },
  };
}

/** A visit that went through sampling and reading. */
export function resultedVisit(visit: Visit, tag = ''): Visit {
  return {
    ...visit,
    state: 'resulted',
    updatedAt: `${DAY}T09:30:00+02:00`,
    test: {
      kitId: `1232${tag}`,
      kitName: `Abbott Panbio${tag}`,
      lot: `LOT42${tag}`,
      expiry: '2022-12-31',
      gtin: `05012345678900${tag}`,
      specimen: '258500001',
      sampledAt: `${DAY}T09:10:00+02:00`,
      readingMinutes: 15,
    },
    result: {
      value: 'negative',
      readAt: `${DAY}T09:25:00+02:00`,
      readBy: { staffId: `staff${tag}`, name: `Alice Martin${tag}`, rpps: `10000000001${tag}` },
    },
  };
}

/** When {@link storeVisit} says a visit was transmitted. */
export const TRANSMITTED_AT = `${DAY}T12:00:00+02:00`;

/** Stores a visit taken to `state` (a transmitted one at TRANSMITTED_AT); tag = canaries. */
export async function storeVisit(
  d: { db: ComptoirDb; keyring: Keyring },
  tag: string,
  state: Visit['state'],
): Promise<Visit> {
  const resulted = resultedVisit(visitFromIntake(intakeEntry(randomId(), tag)), tag);
  await putVisit(d.db, d.keyring, { ...resulted, state: 'sampled', result: undefined });
  await putVisit(d.db, d.keyring, resulted);
  if (state === 'resulted') return resulted;
  const queued: Visit = { ...resulted, state: 'queued', transmission: { attempts: 0 } };
  await putVisit(d.db, d.keyring, queued);
  if (state === 'queued') return queued;
  const final: Visit =
    state === 'transmitted'
      ? {
          ...queued,
          state,
          transmission: { attempts: 1, receipt: 'r1', transmittedAt: TRANSMITTED_AT },
        }
      : { ...queued, state, transmission: { attempts: 1, lastError: `refusé${tag}` } };
  await putVisit(d.db, d.keyring, final);
  return final;
}
