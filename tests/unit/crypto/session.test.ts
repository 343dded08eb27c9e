import { beforeAll, describe, expect, it } from 'vitest';
import { KeySession, KeyringWipedError, createKeyring, initCrypto } from '../../../app/crypto';

beforeAll(initCrypto);

describe('key session', () => {
  it('throws KeyringWipedError when no keyring is open', () => {
    const session = new KeySession();
    expect(session.isOpen).toBe(false);
    expect(() => session.keyring).toThrow(KeyringWipedError);
  });

  it('zeroes every secret buffer and forgets the keyring on lock', () => {
    const session = new KeySession();
    const keyring = createKeyring('vault-1');
    keyring.subkey('records');
    keyring.subkey('audit');
    session.open(keyring);
    const buffers = keyring.secretBuffersForTest();
    expect(buffers.length).toBeGreaterThan(4);
    expect(buffers.every((b) => b.some((x) => x !== 0))).toBe(true);
    session.lock();
    expect(session.isOpen).toBe(false);
    expect(() => session.keyring).toThrow(KeyringWipedError);
    expect(buffers.every((b) => b.every((x) => x === 0))).toBe(true);
    expect(() => keyring.subkey('records')).toThrow(KeyringWipedError);
  });

  it('wipes the previous keyring when another one is opened', () => {
    const session = new KeySession();
    const first = createKeyring('vault-1');
    const buffers = first.secretBuffersForTest();
    session.open(first);
    session.open(createKeyring('vault-1'));
    expect(first.isWiped).toBe(true);
    expect(buffers.every((b) => b.every((x) => x === 0))).toBe(true);
  });

  it('locks idempotently', () => {
    const session = new KeySession();
    session.open(createKeyring('vault-1'));
    session.lock();
    expect(() => session.lock()).not.toThrow();
  });
});
