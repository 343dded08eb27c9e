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
  sealKeyringBox,
  sealKeyringKeyToDevice,
  utf8Encode,
} from '../../../app/crypto';
import { passphraseSlotV1 } from './legacy-slot';

beforeAll(initCrypto);

const FLOOR: KdfParams = { alg: 'argon2id13', ...KDF_FLOOR };
const PASSPHRASE = 'ardoise tilleul mercure falaise';
const address = { vaultId: 'vault-a', kind: 'visit', recordId: 'rec-1' };

/** What unlock reads from this device for `keyring`: its ids and its stored keyring box. */
function deviceOf(keyring: Keyring, vaultId = 'vault-a') {
  const stored = { box: sealKeyringBox(keyring), keySealed: sealKeyringKeyToDevice(keyring) };
  return { vaultId, deviceId: keyring.deviceId, stored };
}

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
    const { keyring: opened, rewrapped } = openPassphraseSlot(slot, PASSPHRASE, deviceOf(keyring));
    expect(rewrapped).toBeNull();
    expect(opened.deviceId).toBe(keyring.deviceId);
    expect(
      decryptRecord(opened, address, encryptRecord(keyring, address, utf8Encode('x'))),
    ).toEqual(utf8Encode('x'));
  });

  it('refuses a wrong passphrase with WrongPassphraseError', () => {
    expect(() =>
      openPassphraseSlot(slot, 'ardoise tilleul mercure falaisE', deviceOf(keyring)),
    ).toThrow(WrongPassphraseError);
  });

  it('reports corrupted wrapped bytes under the right passphrase as IntegrityError', () => {
    expect(() => openPassphraseSlot(corrupt(slot, 40), PASSPHRASE, deviceOf(keyring))).toThrow(
      IntegrityError,
    );
  });

  it('refuses to open the slot as belonging to another vault', () => {
    expect(() => openPassphraseSlot(slot, PASSPHRASE, deviceOf(keyring, 'vault-b'))).toThrow(
      IntegrityError,
    );
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
      expect(() => openPassphraseSlot(downgraded, PASSPHRASE, deviceOf(keyring))).toThrow(
        WeakKdfError,
      );
    }
    const otherAlg = {
      ...slot,
      kdf: { ...slot.kdf, alg: 'argon2i13' },
    } as unknown as PassphraseSlot;
    expect(() => openPassphraseSlot(otherAlg, PASSPHRASE, deviceOf(keyring))).toThrow(WeakKdfError);
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
    expect(openRecoverySlot(slot, typed, deviceOf(keyring)).keyring.intakePublicKey).toEqual(
      keyring.intakePublicKey,
    );
  });

  it('refuses a code with one wrong character by its checksum (InvalidInputError)', () => {
    const first = code.charAt(0) === 'A' ? 'B' : 'A';
    expect(() => openRecoverySlot(slot, first + code.slice(1), deviceOf(keyring))).toThrow(
      InvalidInputError,
    );
  });

  it('refuses a valid but different code with WrongPassphraseError', () => {
    expect(() => openRecoverySlot(slot, generateRecoveryCode(), deviceOf(keyring))).toThrow(
      WrongPassphraseError,
    );
  });

  it('reports corrupted wrapped bytes under the right code as IntegrityError', () => {
    expect(() => openRecoverySlot(corrupt(slot, 60), code, deviceOf(keyring))).toThrow(
      IntegrityError,
    );
  });

  it('refuses a passphrase slot given as a recovery slot', () => {
    const wrongKind = { ...slot, kind: 'passphrase' } as unknown as RecoverySlot;
    expect(() => openRecoverySlot(wrongKind, code, deviceOf(keyring))).toThrow(InvalidInputError);
  });
});

describe('slots wrap the keyring key, not the keyring (v2)', () => {
  it('a slot stays valid when the keyring changes: it opens the re-sealed keyring', () => {
    const keyring = createKeyring('vault-a');
    const slot = createPassphraseSlot(keyring, PASSPHRASE, FLOOR, 'slot-alice');
    // 1 version byte, 24-byte nonce, the 32-byte key and a 16-byte tag: no keyring inside.
    expect([slot.wrapped[0], slot.wrapped.length]).toEqual([0x02, 73]);
    const epoch = keyring.addEpoch();
    keyring.dropEpoch(1);
    const { keyring: opened } = openPassphraseSlot(slot, PASSPHRASE, deviceOf(keyring));
    expect([opened.epochs(), opened.currentEpoch]).toEqual([[epoch], epoch]);
  });

  it('refuses a v2 slot without a stored keyring, or with the keyring of another device', () => {
    const keyring = createKeyring('vault-a');
    const other = createKeyring('vault-a');
    const slot = createPassphraseSlot(keyring, PASSPHRASE, FLOOR, 'slot-alice');
    const none = { ...deviceOf(keyring), stored: null };
    expect(() => openPassphraseSlot(slot, PASSPHRASE, none)).toThrow(IntegrityError);
    const foreign = { ...deviceOf(other), deviceId: keyring.deviceId };
    expect(() => openPassphraseSlot(slot, PASSPHRASE, foreign)).toThrow(IntegrityError);
  });

  it('opens a v1 slot of an earlier version and returns its v2 bytes under the same KEK', () => {
    const keyring = createKeyring('vault-a');
    const legacy = passphraseSlotV1(keyring, PASSPHRASE, FLOOR, 'slot-old');
    const device = { vaultId: 'vault-a', deviceId: keyring.deviceId, stored: null };
    const first = openPassphraseSlot(legacy, PASSPHRASE, device);
    expect(first.rewrapped?.[0]).toBe(0x02);
    const upgraded = { ...legacy, wrapped: first.rewrapped ?? new Uint8Array() };
    const again = openPassphraseSlot(upgraded, PASSPHRASE, deviceOf(first.keyring));
    expect(again.keyring.intakePublicKey).toEqual(keyring.intakePublicKey);
  });

  it('a stale v1 slot reaches the CURRENT keyring through the key sealed to the device', () => {
    const keyring = createKeyring('vault-a');
    const legacy = passphraseSlotV1(keyring, PASSPHRASE, FLOOR, 'slot-old');
    const epoch = keyring.addEpoch();
    keyring.dropEpoch(1);
    const opened = openPassphraseSlot(legacy, PASSPHRASE, deviceOf(keyring));
    // The v1 slot still wraps epoch 1; the keyring it yields is the box's, without it.
    expect(opened.keyring.epochs()).toEqual([epoch]);
    expect(opened.rewrapped?.[0]).toBe(0x02);
  });
});
