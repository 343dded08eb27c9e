/**
 * The poster link (`app/intake/phone-link.ts`): the intake public key and the pharmacy name
 * travel in the URL fragment only, and a damaged link is refused.
 */
import { describe, expect, it } from 'vitest';
import { createKeyring, initCrypto, randomId } from '../../../app/crypto';
import {
  REGISTRATION_PATH,
  decodePhoneEntry,
  parseRegistrationFragment,
  phoneRegistrationCode,
  registrationUrl,
} from '../../../app/intake';

describe('registration link', () => {
  it('puts the key and the name after #, and reads them back', async () => {
    await initCrypto();
    const keyring = createKeyring(randomId());
    const link = { intakePublicKey: keyring.intakePublicKey, pharmacyName: 'Pharmacie & Fils' };
    const url = new URL(registrationUrl('https://comptoir.example', link));
    expect(url.pathname).toBe(REGISTRATION_PATH);
    // What a server would receive: no key, no name.
    expect(url.search).toBe('');
    expect(`${url.origin}${url.pathname}`).toBe('https://comptoir.example/inscription');
    const parsed = await parseRegistrationFragment(url.hash);
    expect(parsed?.pharmacyName).toBe('Pharmacie & Fils');
    expect(parsed?.intakePublicKey).toEqual(keyring.intakePublicKey);
  });

  it('refuses a link without a 32-byte key', async () => {
    for (const hash of ['', '#', '#n=X', '#k=abc', '#k=%%%', `#k=${'A'.repeat(42)}`]) {
      expect(await parseRegistrationFragment(hash)).toBeNull();
    }
  });

  it('makes a phone code the pharmacy opens (identity and context as validated)', async () => {
    await initCrypto();
    const keyring = createKeyring(randomId());
    const identity = {
      birthName: 'Martin',
      firstNames: 'Louise',
      sex: 'F' as const,
      birthDate: '1990-01-02',
      address: '1 rue de Paris',
      postalCode: '69001',
      city: 'Lyon',
      country: 'FR',
      phone: '+33612345678',
    };
    const context = { symptomOnset: null, consent: true as const };
    const code = await phoneRegistrationCode(
      { intakePublicKey: keyring.intakePublicKey, pharmacyName: 'P' },
      identity,
      context,
    );
    const entry = await decodePhoneEntry(keyring, code);
    expect(entry.identity).toEqual(identity);
    expect(entry.context).toEqual(context);
    expect(entry.source).toBe('phone');
  });
});
