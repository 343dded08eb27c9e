import { beforeAll, describe, expect, it } from 'vitest';
import type { KdfParams, Keyring, PassphraseSlot, RecoverySlot } from '../../../app/crypto';
import {
  IntegrityError,
  InvalidInputError,
  KDF_FLOOR,
  WeakKdfError,
  WrongPassphraseError,
  createKeyring,
  createPassphraseSlot,
  createRecoverySlot,
  decryptRecord,
  encryptRecord,
  generateRecoveryCode,
  initCrypto,
  openPassphraseSlot,
  openRecoverySlot,
  utf8Encode,
} from '../../../app/crypto';

beforeAll(initCrypto);

const FLOOR: KdfParams = { alg: 'argon2id13', ...KDF_FLOOR };
const PASSPHRASE = 'ardoise tilleul mercure falaise';
const address = { vaultId: 'vault-a', kind: 'visit', recordId: 'rec-1' };

function corrupt<S extends PassphraseSlot | RecoverySlot>(slot: S, index: number): S {
  const wrapped = slot.wrapped.slice();
  wrapped[index] = (wrapped[index] ?? 0) ^ 0xff;
  return { ...slot, wrapped };
}

describe('passphrase slot', () => {
  let keyring: Keyring;
  let slot: PassphraseSlot;
  beforeAll(() => {
    keyring = createKeyring('vault-a');
    slot = createPassphraseSlot(keyring, PASSPHRASE, FLOOR, 'slot-alice');
  });

  it('opens with the right passphrase to a keyring that reads the same data', () => {
    expect(slot.salt).toHaveLength(16);
    expect(slot.kcv).toHaveLength(16);
    const opened = openPassphraseSlot(slot, PASSPHRASE, 'vault-a');
    expect(opened.deviceId).toBe(keyring.deviceId);
    expect(
      decryptRecord(opened, address, encryptRecord(keyring, address, utf8Encode('x'))),
    ).toEqual(utf8Encode('x'));
  });

  it('refuses a wrong passphrase with WrongPassphraseError', () => {
    expect(() => openPassphraseSlot(slot, 'ardoise tilleul mercure falaisE', 'vault-a')).toThrow(
      WrongPassphraseError,
    );
  });

  it('reports corrupted wrapped bytes under the right passphrase as IntegrityError', () => {
    expect(() => openPassphraseSlot(corrupt(slot, 40), PASSPHRASE, 'vault-a')).toThrow(
      IntegrityError,
    );
  });

  it('refuses to open the slot as belonging to another vault', () => {
    expect(() => openPassphraseSlot(slot, PASSPHRASE, 'vault-b')).toThrow(IntegrityError);
  });

  it('refuses parameters below the floor before any derivation (downgrade defence)', () => {
    const weak: Partial<KdfParams>[] = [
      { opslimit: 2 },
      { memlimit: KDF_FLOOR.memlimit - 1 },
      { memlimit: 8 * 1024 * 1024, opslimit: 1 },
    ];
    for (const change of weak) {
      // The salt is also broken: only a check made before anything else can report WeakKdfError.
      const downgraded = { ...slot, kdf: { ...slot.kdf, ...change }, salt: new Uint8Array(3) };
      expect(() => openPassphraseSlot(downgraded, PASSPHRASE, 'vault-a')).toThrow(WeakKdfError);
    }
    const otherAlg = {
      ...slot,
      kdf: { ...slot.kdf, alg: 'argon2i13' },
    } as unknown as PassphraseSlot;
    expect(() => openPassphraseSlot(otherAlg, PASSPHRASE, 'vault-a')).toThrow(WeakKdfError);
  });

  it('refuses to create a slot with weak parameters or a bad slot id', () => {
    expect(() => createPassphraseSlot(keyring, PASSPHRASE, { ...FLOOR, opslimit: 2 }, 's')).toThrow(
      WeakKdfError,
    );
    expect(() => createPassphraseSlot(keyring, PASSPHRASE, FLOOR, 'a|b')).toThrow(
      InvalidInputError,
    );
  });
});

describe('recovery slot', () => {
  let keyring: Keyring;
  let code: string;
  let slot: RecoverySlot;
  beforeAll(() => {
    keyring = createKeyring('vault-a');
    code = generateRecoveryCode();
    slot = createRecoverySlot(keyring, code, 'recovery');
  });

  it('opens with the code, however it is typed', () => {
    const typed = code.toLowerCase().replace(/-/g, ' ');
    expect(openRecoverySlot(slot, typed, 'vault-a').intakePublicKey).toEqual(
      keyring.intakePublicKey,
    );
  });

  it('refuses a code with one wrong character by its checksum (InvalidInputError)', () => {
    const first = code.charAt(0) === 'A' ? 'B' : 'A';
    expect(() => openRecoverySlot(slot, first + code.slice(1), 'vault-a')).toThrow(
      InvalidInputError,
    );
  });

  it('refuses a valid but different code with WrongPassphraseError', () => {
    expect(() => openRecoverySlot(slot, generateRecoveryCode(), 'vault-a')).toThrow(
      WrongPassphraseError,
    );
  });

  it('reports corrupted wrapped bytes under the right code as IntegrityError', () => {
    expect(() => openRecoverySlot(corrupt(slot, 60), code, 'vault-a')).toThrow(IntegrityError);
  });

  it('refuses a passphrase slot given as a recovery slot', () => {
    const wrongKind = { ...slot, kind: 'passphrase' } as unknown as RecoverySlot;
    expect(() => openRecoverySlot(wrongKind, code, 'vault-a')).toThrow(InvalidInputError);
  });
});
