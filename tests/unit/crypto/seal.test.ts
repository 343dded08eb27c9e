import { beforeAll, describe, expect, it } from 'vitest';
import type { Keyring } from '../../../app/crypto';
import {
  IntegrityError,
  InvalidInputError,
  UnsupportedVersionError,
  createKeyring,
  initCrypto,
  openIntake,
  sealToIntake,
  utf8Encode,
} from '../../../app/crypto';

beforeAll(initCrypto);

const entry = utf8Encode('{"nom":"Durand","tel":"0600000000"}');

describe('sealed intake', () => {
  let keyring: Keyring;
  let publicKeyOnly: Uint8Array;
  beforeAll(() => {
    keyring = createKeyring('vault-a');
    publicKeyOnly = Uint8Array.from(keyring.intakePublicKey);
  });

  it('is sealed with the public key alone and opened with the keyring', () => {
    expect(openIntake(keyring, sealToIntake(publicKeyOnly, entry))).toEqual(entry);
  });

  it('hides the entry length within a 256-byte bucket', () => {
    const size = (n: number) => sealToIntake(publicKeyOnly, new Uint8Array(n)).length;
    expect(size(1)).toBe(1 + 48 + 256);
    expect(size(200)).toBe(size(1));
  });

  it('refuses any flipped byte with IntegrityError', () => {
    const sealed = sealToIntake(publicKeyOnly, entry);
    for (const index of [1, 32, 33, 150, sealed.length - 1]) {
      const tampered = sealed.slice();
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(() => openIntake(keyring, tampered), `byte ${index}`).toThrow(IntegrityError);
    }
  });

  it('refuses an entry sealed to another vault, truncated or empty', () => {
    const other = sealToIntake(createKeyring('vault-b').intakePublicKey, entry);
    expect(() => openIntake(keyring, other)).toThrow(IntegrityError);
    const sealed = sealToIntake(publicKeyOnly, entry);
    expect(() => openIntake(keyring, sealed.slice(0, 40))).toThrow(IntegrityError);
    expect(() => openIntake(keyring, new Uint8Array(0))).toThrow(IntegrityError);
  });

  it('refuses version byte 0x02 with UnsupportedVersionError', () => {
    const sealed = sealToIntake(publicKeyOnly, entry);
    sealed[0] = 0x02;
    expect(() => openIntake(keyring, sealed)).toThrow(UnsupportedVersionError);
  });

  it('refuses a public key that is not 32 bytes', () => {
    expect(() => sealToIntake(new Uint8Array(31), entry)).toThrow(InvalidInputError);
  });

  it('refuses an all-zero (low-order) public key with InvalidInputError', () => {
    expect(() => sealToIntake(new Uint8Array(32), entry)).toThrow(InvalidInputError);
  });
});
