import { beforeAll, describe, expect, it } from 'vitest';
import {
  IntegrityError,
  InvalidInputError,
  KEY_PURPOSES,
  KeyringWipedError,
  UnknownEpochError,
  UnsupportedVersionError,
  createKeyring,
  encryptRecord,
  getSodium,
  initCrypto,
  openIntake,
  parseKeyring,
  sealToIntake,
  serializeKeyring,
  utf8Encode,
} from '../../../app/crypto';

beforeAll(initCrypto);

describe('keyring', () => {
  it('starts at epoch 1 with a 22-character device id and 32-byte public keys', () => {
    const k = createKeyring('vault-a');
    expect(k.currentEpoch).toBe(1);
    expect(k.epochs()).toEqual([1]);
    expect(k.deviceId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    for (const pk of [k.intakePublicKey, k.deviceSignPublicKey, k.deviceBoxPublicKey]) {
      expect(pk).toHaveLength(32);
    }
  });

  it('refuses a vault id containing the AD separator', () => {
    expect(() => createKeyring('a|b')).toThrow(InvalidInputError);
    expect(() => createKeyring('')).toThrow(InvalidInputError);
  });

  it('derives distinct, cached 32-byte subkeys per purpose and epoch', () => {
    const k = createKeyring('vault-a');
    const second = k.addEpoch();
    const hexes = new Set<string>();
    for (const epoch of [1, second]) {
      for (const purpose of KEY_PURPOSES) {
        expect(k.subkey(purpose, epoch)).toBe(k.subkey(purpose, epoch));
        hexes.add(Buffer.from(k.subkey(purpose, epoch)).toString('hex'));
      }
    }
    expect(hexes.size).toBe(8);
    expect(() => k.subkey('records', second === 3 ? 4 : 3)).toThrow(UnknownEpochError);
  });

  it('adds epochs under random new numbers, and drops old ones but never the current one', () => {
    const k = createKeyring('vault-a');
    const second = k.addEpoch();
    const third = k.addEpoch();
    expect(new Set([1, second, third]).size).toBe(3);
    expect(Math.min(second, third)).toBeGreaterThanOrEqual(2);
    expect(k.currentEpoch).toBe(third);
    const pending = k.addEpoch({ current: false });
    expect(k.currentEpoch).toBe(third);
    k.setCurrentEpoch(pending);
    expect(k.currentEpoch).toBe(pending);
    k.setCurrentEpoch(third);
    k.dropEpoch(pending);
    expect(() => k.dropEpoch(third)).toThrow(InvalidInputError);
    const old = k.subkey('records', 1);
    k.dropEpoch(1);
    expect(old.every((b) => b === 0)).toBe(true);
    expect(k.epochs()).toEqual([second, third].sort((a, b) => a - b));
    expect(k.hasEpoch(1)).toBe(false);
    expect(() => k.dropEpoch(1)).toThrow(UnknownEpochError);
  });

  it('draws new epoch numbers over the whole u32 range, never 0, 1 or one held', () => {
    const k = createKeyring('vault-a');
    const epochs = Array.from({ length: 200 }, () => k.addEpoch({ current: false }));
    expect(new Set(epochs).size).toBe(200);
    expect(epochs.every((e) => Number.isInteger(e) && e >= 2 && e <= 0xffff_ffff)).toBe(true);
    expect(epochs.some((e) => e > 0x8000_0000)).toBe(true);
    expect(epochs.some((e) => e < 0x8000_0000)).toBe(true);
    expect(k.currentEpoch).toBe(1);
  });

  it('signs with the device Ed25519 key', () => {
    const k = createKeyring('vault-a');
    const message = utf8Encode('bundle');
    const signature = k.signDetached(message);
    const s = getSodium();
    expect(s.crypto_sign_verify_detached(signature, message, k.deviceSignPublicKey)).toBe(true);
  });

  it('survives serialize → parse with the same ids, epochs, keys and subkeys', () => {
    const k = createKeyring('vault-é');
    const second = k.addEpoch();
    const copy = parseKeyring(serializeKeyring(k));
    expect([copy.vaultId, copy.deviceId, copy.currentEpoch]).toEqual([
      k.vaultId,
      k.deviceId,
      k.currentEpoch,
    ]);
    expect(copy.epochs()).toEqual([1, second]);
    expect(copy.intakePublicKey).toEqual(k.intakePublicKey);
    expect(copy.deviceSignPublicKey).toEqual(k.deviceSignPublicKey);
    expect(copy.deviceBoxPublicKey).toEqual(k.deviceBoxPublicKey);
    for (const purpose of KEY_PURPOSES) {
      expect(copy.subkey(purpose, 1)).toEqual(k.subkey(purpose, 1));
    }
    const s = getSodium();
    const sig = copy.signDetached(utf8Encode('x'));
    expect(s.crypto_sign_verify_detached(sig, utf8Encode('x'), k.deviceSignPublicKey)).toBe(true);
    expect(openIntake(copy, sealToIntake(k.intakePublicKey, utf8Encode('hi')))).toEqual(
      utf8Encode('hi'),
    );
  });

  it('refuses malformed serialized keyrings with typed errors', () => {
    const bytes = serializeKeyring(createKeyring('vault-a'));
    const withVersion = bytes.slice();
    withVersion[0] = 0x02;
    expect(() => parseKeyring(withVersion)).toThrow(UnsupportedVersionError);
    expect(() => parseKeyring(new Uint8Array(0))).toThrow(IntegrityError);
    expect(() => parseKeyring(bytes.slice(0, bytes.length - 1))).toThrow(IntegrityError);
    expect(() => parseKeyring(new Uint8Array([...bytes, 0]))).toThrow(IntegrityError);
    const noCurrent = bytes.slice();
    // 1 version + 2 + 7 "vault-a" + 2 + 22 device id = 34: current epoch u32 starts there.
    noCurrent[37] = 9;
    expect(() => parseKeyring(noCurrent)).toThrow(IntegrityError);
  });

  it('wipe zeroes every secret buffer, and any later use throws KeyringWipedError', () => {
    const k = createKeyring('vault-a');
    const second = k.addEpoch();
    for (const epoch of [1, second]) for (const purpose of KEY_PURPOSES) k.subkey(purpose, epoch);
    const secrets = k.secretBuffersForTest();
    expect(secrets).toHaveLength(2 + 8 + 3);
    expect(secrets.every((buffer) => buffer.some((b) => b !== 0))).toBe(true);
    k.wipe();
    expect(secrets.every((buffer) => buffer.every((b) => b === 0))).toBe(true);
    expect(k.isWiped).toBe(true);
    expect(k.vaultId).toBe('vault-a');
    const uses = [
      () => k.subkey('records'),
      () => k.currentEpoch,
      () => k.epochs(),
      () => k.hasEpoch(1),
      () => k.addEpoch(),
      () => k.dropEpoch(1),
      () => k.intakePublicKey,
      () => k.signDetached(new Uint8Array(1)),
      () => k.secretBuffersForTest(),
      () => serializeKeyring(k),
      () =>
        encryptRecord(k, { vaultId: 'vault-a', kind: 'visit', recordId: 'r' }, new Uint8Array(1)),
      () => openIntake(k, new Uint8Array(100)),
    ];
    for (const use of uses) expect(use).toThrow(KeyringWipedError);
    expect(() => k.wipe()).not.toThrow();
  });
});
