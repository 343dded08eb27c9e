import { beforeAll, describe, expect, it } from 'vitest';
import type { Keyring, RecordAddress } from '../../../app/crypto';
import {
  IntegrityError,
  InvalidInputError,
  UnknownEpochError,
  UnsupportedVersionError,
  createKeyring,
  decryptRecord,
  encryptRecord,
  envelopeEpoch,
  initCrypto,
  openEnvelope,
  sealEnvelope,
  utf8Decode,
  utf8Encode,
} from '../../../app/crypto';
import { aeadEncrypt } from '../../../app/crypto/aead';
import { envelopeAssociatedData } from '../../../app/crypto/envelope';

beforeAll(initCrypto);

const address: RecordAddress = { vaultId: 'vault-a', kind: 'visit', recordId: 'rec-1' };
const text = utf8Encode('{"nom":"Martin","naissance":"1970-01-01"}');

function withByte(bytes: Uint8Array, index: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = value;
  return copy;
}

function setEpoch(envelope: Uint8Array, epoch: number): Uint8Array {
  const copy = envelope.slice();
  new DataView(copy.buffer).setUint32(1, epoch);
  return copy;
}

describe('envelope v1', () => {
  let keyring: Keyring;
  beforeAll(() => {
    keyring = createKeyring('vault-a');
  });

  it('decrypts what it encrypted, for every purpose', () => {
    for (const purpose of ['records', 'bundles', 'blind-index', 'audit'] as const) {
      const envelope = encryptRecord(keyring, address, text, purpose);
      expect(decryptRecord(keyring, address, envelope, purpose)).toEqual(text);
    }
  });

  it('uses a fresh random nonce: the same plaintext encrypts differently twice', () => {
    expect(encryptRecord(keyring, address, text)).not.toEqual(
      encryptRecord(keyring, address, text),
    );
  });

  it('writes the current epoch in the header', () => {
    expect(envelopeEpoch(encryptRecord(keyring, address, text))).toBe(keyring.currentEpoch);
  });

  it('hides plaintext length within a 256-byte bucket (0, 1, 200 and 255 bytes look alike)', () => {
    const size = (n: number) => encryptRecord(keyring, address, new Uint8Array(n)).length;
    expect(size(1)).toBe(29 + 256 + 16);
    expect([size(0), size(200), size(255)]).toEqual([301, 301, 301]);
    expect([size(256), size(257)]).toEqual([29 + 512 + 16, 29 + 512 + 16]);
  });

  it('refuses a flipped byte in the epoch, nonce, ciphertext or tag with IntegrityError', () => {
    const envelope = encryptRecord(keyring, address, text);
    for (const index of [4, 5, 28, 29, 100, envelope.length - 16, envelope.length - 1]) {
      const tampered = withByte(envelope, index, (envelope[index] ?? 0) ^ 0x01);
      expect(() => decryptRecord(keyring, address, tampered), `byte ${index}`).toThrow(
        IntegrityError,
      );
    }
  });

  it('refuses a ciphertext moved to another record id, kind or vault', () => {
    const envelope = encryptRecord(keyring, address, text);
    for (const other of [
      { ...address, recordId: 'rec-2' },
      { ...address, kind: 'audit-event' },
      { ...address, vaultId: 'vault-b' },
    ]) {
      expect(() => decryptRecord(keyring, other, envelope)).toThrow(IntegrityError);
    }
  });

  it('refuses a header epoch rewritten to another held epoch, and names a missing one', () => {
    const k = createKeyring('vault-a');
    const epoch = k.addEpoch();
    const envelope = encryptRecord(k, address, text);
    expect(envelopeEpoch(envelope)).toBe(epoch);
    expect(() => decryptRecord(k, address, setEpoch(envelope, 1))).toThrow(IntegrityError);
    const missing = epoch === 3 ? 4 : 3;
    expect(() => decryptRecord(k, address, setEpoch(envelope, missing))).toThrow(UnknownEpochError);
    expect(() => decryptRecord(k, address, setEpoch(envelope, 0))).toThrow(IntegrityError);
  });

  it('reads data of an older epoch after a re-key, and not after the epoch is dropped', () => {
    const k = createKeyring('vault-a');
    const old = encryptRecord(k, address, text);
    k.addEpoch();
    expect(decryptRecord(k, address, old)).toEqual(text);
    k.dropEpoch(1);
    expect(() => decryptRecord(k, address, old)).toThrow(UnknownEpochError);
  });

  it('refuses version byte 0x02 with UnsupportedVersionError', () => {
    const envelope = encryptRecord(keyring, address, text);
    expect(() => decryptRecord(keyring, address, withByte(envelope, 0, 0x02))).toThrow(
      UnsupportedVersionError,
    );
  });

  it('refuses truncated envelopes with IntegrityError', () => {
    const envelope = encryptRecord(keyring, address, text);
    for (const length of [0, 1, 5, 29, 44, envelope.length - 1]) {
      expect(() => decryptRecord(keyring, address, envelope.slice(0, length))).toThrow(
        IntegrityError,
      );
    }
  });

  it('refuses an authentic ciphertext whose padding is invalid with IntegrityError', () => {
    const key = new Uint8Array(32).fill(7);
    const ad = { ...address, epoch: 1 };
    const good = sealEnvelope(key, ad, text);
    const nonce = good.slice(5, 29);
    const unpadded = aeadEncrypt(key, nonce, new Uint8Array(256), envelopeAssociatedData(ad));
    const forged = new Uint8Array([...good.slice(0, 29), ...unpadded]);
    expect(() => openEnvelope(key, ad, forged)).toThrow(IntegrityError);
    expect(utf8Decode(openEnvelope(key, ad, good))).toContain('Martin');
  });

  it('refuses a bad kind, id or epoch with InvalidInputError', () => {
    const key = new Uint8Array(32);
    const bad = [
      { ...address, kind: 'Visit' },
      { ...address, kind: '1visit' },
      { ...address, kind: 'a'.repeat(33) },
      { ...address, recordId: '' },
      { ...address, recordId: 'a|b' },
      { ...address, vaultId: '' },
    ];
    for (const ad of bad) {
      expect(() => sealEnvelope(key, { ...ad, epoch: 1 }, text)).toThrow(InvalidInputError);
    }
    for (const epoch of [0, -1, 1.5, 2 ** 32]) {
      expect(() => sealEnvelope(key, { ...address, epoch }, text)).toThrow(InvalidInputError);
    }
    expect(() =>
      sealEnvelope(key, { ...address, kind: 'a'.repeat(32), epoch: 2 ** 32 - 1 }, text),
    ).not.toThrow();
  });
});
