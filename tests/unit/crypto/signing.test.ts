import { beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  createKeyring,
  initCrypto,
  sha256,
  toHex,
  utf8Encode,
  verifyDetached,
} from '../../../app/crypto';

beforeAll(initCrypto);

describe('sha256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('matches the FIPS 180-4 vector for %j', (text, hex) => {
    expect(toHex(sha256(utf8Encode(text)))).toBe(hex);
  });
});

describe('verifyDetached', () => {
  const message = utf8Encode('comptoir-relay/v1\nGET\n/v1/health');

  it('accepts a signature made by the keyring device key', () => {
    const keyring = createKeyring('vault-a');
    expect(
      verifyDetached(keyring.deviceSignPublicKey, message, keyring.signDetached(message)),
    ).toBe(true);
  });

  it('refuses a flipped message byte, a flipped signature byte and another key', () => {
    const keyring = createKeyring('vault-a');
    const other = createKeyring('vault-a');
    const sig = keyring.signDetached(message);
    const badMessage = message.slice();
    badMessage[0] = (badMessage[0] ?? 0) ^ 1;
    const badSig = sig.slice();
    badSig[10] = (badSig[10] ?? 0) ^ 1;
    expect(verifyDetached(keyring.deviceSignPublicKey, badMessage, sig)).toBe(false);
    expect(verifyDetached(keyring.deviceSignPublicKey, message, badSig)).toBe(false);
    expect(verifyDetached(other.deviceSignPublicKey, message, sig)).toBe(false);
  });

  it('treats a signature of the wrong length as invalid (63, 65 bytes)', () => {
    const keyring = createKeyring('vault-a');
    const sig = keyring.signDetached(message);
    expect(verifyDetached(keyring.deviceSignPublicKey, message, sig.subarray(0, 63))).toBe(false);
    const longer = new Uint8Array(65);
    longer.set(sig);
    expect(verifyDetached(keyring.deviceSignPublicKey, message, longer)).toBe(false);
  });

  it('throws InvalidInputError on a public key that is not 32 bytes', () => {
    expect(() => verifyDetached(new Uint8Array(31), message, new Uint8Array(64))).toThrow(
      InvalidInputError,
    );
  });
});
