/**
 * The phone registration QR (`app/intake/phone-qr.ts`): round trip into a stored visit,
 * size of a maximal form, and every way a scanned code can be wrong.
 */
import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { createKeyring, randomId } from '../../../app/crypto';
import type { IntakeEntry } from '../../../app/domain';
import {
  PHONE_QR_PREFIX,
  PhoneCodeError,
  decodePhoneEntry,
  encodePhoneEntry,
  importPhoneCode,
} from '../../../app/intake';
import { encodeBase45, decodeBase45 } from '../../../app/intake/base45';
import { getVisit, listDayVisits, readOutbox, enableSync } from '../../../app/store';
import { vaultDb } from '../store/fixtures';

const NOW = new Date('2021-05-03T07:30:00Z'); // 09:30 in Paris

function phoneEntry(overrides: Partial<IntakeEntry['identity']> = {}): IntakeEntry {
  return {
    v: 1,
    id: randomId(),
    registeredAt: '2021-05-02T20:00:00.000Z',
    day: '2021-05-02',
    source: 'phone',
    identity: {
      birthName: 'Lefèvre',
      firstNames: 'Inès',
      sex: 'F',
      birthDate: '1985-04-17',
      address: '12 rue de la Roquette',
      postalCode: '75011',
      city: 'Paris',
      country: 'FR',
      phone: '+33612345678',
      ...overrides,
    },
    context: { symptomOnset: null, consent: true },
  };
}

/** A long but real form: long compound names, a long address, an e-mail and a NIR. */
const MAXIMAL = {
  birthName: 'De La Fontaine-Saint-Exupéry Castelnau-Montmirail',
  usedName: 'Vasconcelos-Albuquerque de Saint-Rémy-de-Provence',
  firstNames: 'Marie-Charlotte Anne-Sophie Bénédicte Éléonore',
  birthPlace: 'Saint-Rémy-de-Provence (Bouches-du-Rhône)',
  address: 'Résidence Les Jardins de la Roquette, bâtiment C, escalier 4, 127 boulevard Voltaire',
  city: 'Paris 11e Arrondissement',
  email: 'marie-charlotte.de-la-fontaine-saint-exupery@exemple-messagerie.fr',
  nir: '285047511112321',
};

async function error(p: Promise<unknown>): Promise<string> {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(PhoneCodeError);
  return (e as PhoneCodeError).code;
}

describe('phone registration QR', () => {
  it('round-trips into a registered visit dated at the scan, and the code is alphanumeric', async () => {
    const v = await vaultDb();
    const entry = phoneEntry({ email: 'ines@example.fr', nir: '285047511112321' });
    const text = await encodePhoneEntry(v.keyring.intakePublicKey, entry);
    expect(text.startsWith(PHONE_QR_PREFIX)).toBe(true);
    expect(text).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    for (const secret of ['Lefèvre', 'LEFEVRE', 'Inès', '285047511112321', 'ines@']) {
      expect(text).not.toContain(secret);
    }
    const visit = await importPhoneCode(v.db, v.keyring, text, NOW);
    expect(visit).toMatchObject({
      id: entry.id,
      state: 'registered',
      source: 'phone',
      day: '2021-05-03',
    });
    expect(visit.identity).toEqual(entry.identity);
    expect(await getVisit(v.db, v.keyring, entry.id)).toEqual(visit);
    expect((await listDayVisits(v.db, v.keyring, '2021-05-03')).visits).toHaveLength(1);
  });

  it('recognises the same code scanned twice and adds nothing', async () => {
    const v = await vaultDb();
    const text = await encodePhoneEntry(v.keyring.intakePublicKey, phoneEntry());
    await importPhoneCode(v.db, v.keyring, text, NOW);
    expect(await error(importPhoneCode(v.db, v.keyring, text, NOW))).toBe('duplicate');
    expect((await listDayVisits(v.db, v.keyring, '2021-05-03')).visits).toHaveLength(1);
  });

  it('writes the new visit to the outbox when sync is on (other devices learn it)', async () => {
    const v = await vaultDb();
    await enableSync(v.db, v.keyring, 'http://relay.invalid');
    const entry = phoneEntry();
    await importPhoneCode(
      v.db,
      v.keyring,
      await encodePhoneEntry(v.keyring.intakePublicKey, entry),
      NOW,
    );
    const ops = (await readOutbox(v.db, v.keyring, 10)).flatMap((e) => e.ops);
    expect(ops.some((op) => op.id === entry.id)).toBe(true);
  });

  it('fits a maximal form in a QR code phones read from a screen (version and modules)', async () => {
    const keyring = createKeyring(randomId());
    const text = await encodePhoneEntry(keyring.intakePublicKey, phoneEntry(MAXIMAL));
    const qr = encode(text, { ecc: 'M', border: 0 });
    // Reported by the test run (README "Phone registration QR"); bounds catch a regression.
    console.info(
      `phone QR, maximal form: ${text.length} characters, version ${qr.version}, ${qr.size}×${qr.size} modules (ECC M)`,
    );
    expect(qr.size).toBe(17 + 4 * qr.version);
    expect(qr.version).toBeLessThanOrEqual(20);
    expect((await decodePhoneEntry(keyring, text, NOW)).identity).toMatchObject(MAXIMAL);
  });

  it('says which problem a wrong code has: foreign, damaged, other pharmacy, invalid entry', async () => {
    const keyring = createKeyring(randomId());
    const other = createKeyring(randomId());
    const text = await encodePhoneEntry(keyring.intakePublicKey, phoneEntry());
    expect(await error(decodePhoneEntry(keyring, 'https://example.org/', NOW))).toBe('foreign');
    expect(await error(decodePhoneEntry(keyring, 'HC1:6BFOXN', NOW))).toBe('foreign');
    expect(await error(decodePhoneEntry(keyring, `${PHONE_QR_PREFIX}abc`, NOW))).toBe('damaged');
    expect(await error(decodePhoneEntry(keyring, text.slice(0, 60), NOW))).toBe('damaged');
    expect(await error(decodePhoneEntry(other, text, NOW))).toBe('other-pharmacy');
    // One flipped byte of the sealed box: authentication fails.
    const bytes = decodeBase45(text.slice(PHONE_QR_PREFIX.length));
    bytes[40] = (bytes[40] ?? 0) ^ 1;
    const tampered = PHONE_QR_PREFIX + encodeBase45(bytes);
    expect(await error(decodePhoneEntry(keyring, tampered, NOW))).toBe('damaged');
    // Well sealed with the pharmacy's public key (printed on the poster), but a wrong NIR.
    const forged = phoneEntry({ nir: '285047511112322' });
    const bad = await encodePhoneEntry(keyring.intakePublicKey, forged);
    expect(await error(decodePhoneEntry(keyring, bad, NOW))).toBe('invalid-entry');
  });

  it('keeps the error messages in French and free of the code', async () => {
    const keyring = createKeyring(randomId());
    const e = await decodePhoneEntry(keyring, 'nope', NOW).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/QR code/);
    expect((e as Error).message).not.toContain('nope');
  });
});
