import { beforeAll, describe, expect, it } from 'vitest';
import {
  IntegrityError,
  KeyringWipedError,
  UnsupportedVersionError,
  createDeviceIdentity,
  createKeyring,
  decryptRecord,
  encryptRecord,
  exportSharedKeyring,
  importSharedKeyring,
  initCrypto,
  openFromDevice,
  openIntake,
  sealToDevice,
  sealToIntake,
  utf8Encode,
  verifyDetached,
} from '../../../app/crypto';

beforeAll(initCrypto);

const address = { vaultId: 'vault-a', kind: 'visit', recordId: 'r1' };

describe('shared keyring', () => {
  it('gives another device the vault keys, all epochs and the intake key, not the device keys', () => {
    const a = createKeyring('vault-a');
    const epoch = a.addEpoch();
    const old = encryptRecord(a, address, utf8Encode('old'));
    const b = importSharedKeyring(exportSharedKeyring(a));
    expect(b.vaultId).toBe('vault-a');
    expect(b.epochs()).toEqual([1, epoch]);
    expect(b.currentEpoch).toBe(epoch);
    expect(decryptRecord(b, address, old)).toEqual(utf8Encode('old'));
    expect(openIntake(b, sealToIntake(a.intakePublicKey, utf8Encode('x')))).toEqual(
      utf8Encode('x'),
    );
    expect(b.deviceId).not.toBe(a.deviceId);
    expect(b.deviceSignPublicKey).not.toEqual(a.deviceSignPublicKey);
    expect(b.deviceBoxPublicKey).not.toEqual(a.deviceBoxPublicKey);
  });

  it('keeps the device keys of a pre-created identity (pairing)', () => {
    const a = createKeyring('vault-a');
    const identity = createDeviceIdentity();
    const b = importSharedKeyring(exportSharedKeyring(a), identity);
    expect(b.deviceId).toBe(identity.deviceId);
    expect(b.deviceSignPublicKey).toEqual(identity.signPublicKey);
    const msg = utf8Encode('m');
    expect(verifyDetached(identity.signPublicKey, msg, b.signDetached(msg))).toBe(true);
    identity.wipe();
    expect(() => identity.signPublicKey).toThrow(KeyringWipedError);
    expect(verifyDetached(b.deviceSignPublicKey, msg, b.signDetached(msg))).toBe(true);
  });

  it('refuses truncated, trailing and unknown-version input', () => {
    const bytes = exportSharedKeyring(createKeyring('vault-a'));
    expect(() => importSharedKeyring(bytes.subarray(0, bytes.length - 1))).toThrow(IntegrityError);
    const trailing = new Uint8Array(bytes.length + 1);
    trailing.set(bytes);
    expect(() => importSharedKeyring(trailing)).toThrow(IntegrityError);
    const v2 = bytes.slice();
    v2[0] = 2;
    expect(() => importSharedKeyring(v2)).toThrow(UnsupportedVersionError);
  });
});

describe('sealed to a device', () => {
  it('opens only with the recipient device box key (keyring or identity)', () => {
    const a = createKeyring('vault-a');
    const identity = createDeviceIdentity();
    const payload = exportSharedKeyring(a);
    const sealed = sealToDevice(identity.boxPublicKey, payload);
    expect(openFromDevice(identity, sealed)).toEqual(payload);
    expect(() => openFromDevice(a, sealed)).toThrow(IntegrityError);
    const b = importSharedKeyring(payload);
    expect(openFromDevice(b, sealToDevice(b.deviceBoxPublicKey, utf8Encode('hi')))).toEqual(
      utf8Encode('hi'),
    );
  });

  it('refuses a flipped byte and another version', () => {
    const identity = createDeviceIdentity();
    const sealed = sealToDevice(identity.boxPublicKey, utf8Encode('secret'));
    const tampered = sealed.slice();
    tampered[40] = (tampered[40] ?? 0) ^ 1;
    expect(() => openFromDevice(identity, tampered)).toThrow(IntegrityError);
    const v2 = sealed.slice();
    v2[0] = 2;
    expect(() => openFromDevice(identity, v2)).toThrow(UnsupportedVersionError);
  });
});
