import { beforeAll, describe, expect, it } from 'vitest';
import {
  IntegrityError,
  InvalidInputError,
  UnsupportedVersionError,
  derivePairingKeys,
  generatePairingSecret,
  initCrypto,
  openPairingMessage,
  randomBytes,
  sealPairingMessage,
  shortAuthString,
  toHex,
  utf8Encode,
} from '../../../app/crypto';

beforeAll(initCrypto);

const fixedSecret = Uint8Array.from({ length: 32 }, (_, i) => i);
const signPk = new Uint8Array(32).fill(1);
const boxPk = new Uint8Array(32).fill(2);
const vaultId = 'AAECAwQFBgcICQoLDA0ODw';

describe('pairing key derivation', () => {
  // Vectors cross-checked with Python's hashlib.blake2b (crypto_kdf = BLAKE2b with salt =
  // subkey id LE ‖ 0⁸, personal = context ‖ 0⁸; SAS = keyed BLAKE2b-256, 40 bits mod 10⁶).
  it('derives a fixed key and answer mailbox from a fixed secret (known answer)', () => {
    const { key, answerMailbox } = derivePairingKeys(fixedSecret);
    expect(key).toHaveLength(32);
    expect(answerMailbox).toHaveLength(16);
    expect({ key: toHex(key), answerMailbox: toHex(answerMailbox) }).toMatchInlineSnapshot(`
      {
        "answerMailbox": "edc47a63d84faad78fa8ff6f1f116bba",
        "key": "b9642f24b3786efb87419294819b7bfd5ab30caee6121f3de3b32ba505130217",
      }
    `);
  });

  it('derives unrelated values for different secrets', () => {
    const a = derivePairingKeys(generatePairingSecret());
    const b = derivePairingKeys(generatePairingSecret());
    expect(a.key).not.toEqual(b.key);
    expect(a.answerMailbox).not.toEqual(b.answerMailbox);
    expect(a.key.subarray(0, 16)).not.toEqual(a.answerMailbox);
  });

  it('rejects a secret of 31 or 33 bytes', () => {
    expect(() => derivePairingKeys(new Uint8Array(31))).toThrow(InvalidInputError);
    expect(() => derivePairingKeys(new Uint8Array(33))).toThrow(InvalidInputError);
  });
});

describe('pairing messages', () => {
  let key: Uint8Array;
  beforeAll(() => {
    key = derivePairingKeys(fixedSecret).key;
  });

  it('round-trips and pads to 256-byte blocks', () => {
    const sealed = sealPairingMessage(key, utf8Encode('bonjour'), 'join-request');
    expect(sealed[0]).toBe(1);
    expect(sealed.length).toBe(1 + 24 + 256 + 16);
    expect(openPairingMessage(key, sealed, 'join-request')).toEqual(utf8Encode('bonjour'));
  });

  it('uses a fresh nonce for each message', () => {
    const m = utf8Encode('x');
    expect(sealPairingMessage(key, m, 'keyring')).not.toEqual(
      sealPairingMessage(key, m, 'keyring'),
    );
  });

  it('refuses a message with any byte flipped', () => {
    const sealed = sealPairingMessage(key, utf8Encode('bonjour'), 'join-request');
    for (const at of [1, 10, 30, sealed.length - 1]) {
      const tampered = sealed.slice();
      tampered[at] = (tampered[at] ?? 0) ^ 0x01;
      expect(() => openPairingMessage(key, tampered, 'join-request')).toThrow(IntegrityError);
    }
  });

  it('refuses a message for another step, under another key, truncated or empty', () => {
    const sealed = sealPairingMessage(key, utf8Encode('bonjour'), 'join-request');
    expect(() => openPairingMessage(key, sealed, 'keyring')).toThrow(IntegrityError);
    expect(() => openPairingMessage(randomBytes(32), sealed, 'join-request')).toThrow(
      IntegrityError,
    );
    expect(() => openPairingMessage(key, sealed.subarray(0, 20), 'join-request')).toThrow(
      IntegrityError,
    );
    expect(() => openPairingMessage(key, sealed.subarray(0, 40), 'join-request')).toThrow(
      IntegrityError,
    );
    expect(() => openPairingMessage(key, new Uint8Array(0), 'join-request')).toThrow(
      IntegrityError,
    );
  });

  it('refuses an unknown version byte', () => {
    const sealed = sealPairingMessage(key, utf8Encode('bonjour'), 'keyring');
    sealed[0] = 2;
    expect(() => openPairingMessage(key, sealed, 'keyring')).toThrow(UnsupportedVersionError);
  });
});

describe('short authentication string', () => {
  it('is six digits, fixed for a fixed transcript (known answer)', () => {
    const sas = shortAuthString(fixedSecret, signPk, boxPk, vaultId);
    expect(sas).toMatch(/^\d{6}$/);
    expect(sas).toMatchInlineSnapshot(`"329067"`);
  });

  it('is the same when computed twice from the same inputs', () => {
    const secret = generatePairingSecret();
    expect(shortAuthString(secret, signPk, boxPk, vaultId)).toBe(
      shortAuthString(secret.slice(), signPk.slice(), boxPk.slice(), vaultId),
    );
  });

  it('changes when the secret, either key or the vault differs', () => {
    const base = shortAuthString(fixedSecret, signPk, boxPk, vaultId);
    const otherSecret = fixedSecret.slice();
    otherSecret[0] = 0xff;
    const otherSign = signPk.slice();
    otherSign[31] = 9;
    const otherBox = boxPk.slice();
    otherBox[0] = 9;
    expect(shortAuthString(otherSecret, signPk, boxPk, vaultId)).not.toBe(base);
    expect(shortAuthString(fixedSecret, otherSign, boxPk, vaultId)).not.toBe(base);
    expect(shortAuthString(fixedSecret, signPk, otherBox, vaultId)).not.toBe(base);
    expect(shortAuthString(fixedSecret, boxPk, signPk, vaultId)).not.toBe(base);
    expect(shortAuthString(fixedSecret, signPk, boxPk, 'AAECAwQFBgcICQoLDA0OEA')).not.toBe(base);
  });

  it('spreads over the six digits', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      seen.add(shortAuthString(generatePairingSecret(), signPk, boxPk, vaultId));
    }
    expect(seen.size).toBeGreaterThan(195);
  });

  it('rejects keys of the wrong length', () => {
    expect(() => shortAuthString(fixedSecret, new Uint8Array(31), boxPk, vaultId)).toThrow(
      InvalidInputError,
    );
    expect(() => shortAuthString(fixedSecret, signPk, new Uint8Array(33), vaultId)).toThrow(
      InvalidInputError,
    );
    expect(() => shortAuthString(fixedSecret, signPk, boxPk, '')).toThrow(InvalidInputError);
  });
});
