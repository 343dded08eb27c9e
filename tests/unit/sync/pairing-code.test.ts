import { beforeAll, describe, expect, it } from 'vitest';
import { initCrypto } from '../../../app/crypto';
import {
  PAIRING_CODE_PREFIX,
  encodePairingCode,
  parsePairingCode,
} from '../../../app/sync/pairing-code';
import { PairingError } from '../../../app/sync/pairing-errors';
import { encodeBase64Url } from '../../../sync-server/protocol/base64url';
import type { MailboxId, VaultId } from '../../../sync-server/protocol/ids';

beforeAll(initCrypto);

const code = {
  relayUrl: 'https://relais.pharmacie.example/comptoir',
  vaultId: 'AAECAwQFBgcICQoLDA0ODw' as VaultId,
  mailboxId: 'EBESExQVFhcYGRobHB0eHw' as MailboxId,
  secret: Uint8Array.from({ length: 32 }, (_, i) => 100 + i),
};

function expectInvalid(text: string): void {
  try {
    parsePairingCode(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PairingError);
    expect((error as PairingError).code).toBe('invalid-code');
    expect((error as PairingError).message).toMatch(/^Code d'appairage illisible/);
    return;
  }
  throw new Error(`accepted: ${text}`);
}

describe('pairing code', () => {
  it('round-trips relay URL, vault, mailbox and secret', () => {
    const text = encodePairingCode(code);
    expect(text.startsWith(PAIRING_CODE_PREFIX)).toBe(true);
    expect(parsePairingCode(text)).toEqual(code);
  });

  it('keeps the v1 layout: version byte, ids, secret, URL (frozen)', () => {
    const text = encodePairingCode({ ...code, relayUrl: 'https://r.example' });
    expect(text).toMatchInlineSnapshot(
      `"COMPTOIR-APPAIRAGE:1:AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1-f4CBgoNodHRwczovL3IuZXhhbXBsZQ"`,
    );
  });

  it('stays short enough for a QR code and a paste', () => {
    expect(encodePairingCode(code).length).toBeLessThan(200);
  });

  it('survives line breaks, spaces and a lower-case prefix from a paste', () => {
    const text = encodePairingCode(code);
    const body = text.slice(PAIRING_CODE_PREFIX.length);
    expect(parsePairingCode(PAIRING_CODE_PREFIX.toLowerCase() + body)).toEqual(code);
    expect(
      parsePairingCode(`  ${text.slice(0, 50)}\n${text.slice(50, 90)} ${text.slice(90)}\n`),
    ).toEqual(code);
  });

  it('accepts http only for localhost and 127.0.0.1, and drops a trailing slash', () => {
    for (const relayUrl of ['http://localhost:8787', 'http://127.0.0.1:8787/']) {
      expect(parsePairingCode(encodePairingCode({ ...code, relayUrl })).relayUrl).toBe(
        relayUrl.replace(/\/$/, ''),
      );
    }
    for (const relayUrl of [
      'http://relais.example',
      'ftp://relais.example',
      'javascript:alert(1)',
      'https://user:pw@relais.example',
      'https://relais.example/?x=1',
      'relais.example',
    ]) {
      expect(() => encodePairingCode({ ...code, relayUrl })).toThrow(PairingError);
    }
  });

  it('refuses a foreign payload forged with an http relay', () => {
    const bytes = new Uint8Array(65 + 20);
    bytes[0] = 1;
    bytes.set(new TextEncoder().encode('http://evil.example'), 65);
    expectInvalid(PAIRING_CODE_PREFIX + encodeBase64Url(bytes));
  });

  it.each([
    ['empty text', ''],
    ['a URL', 'https://comptoir.example/'],
    ['another QR code (kit DataMatrix)', '010123456789012817250101'],
    ['the prefix alone', PAIRING_CODE_PREFIX],
    ['a future version', 'COMPTOIR-APPAIRAGE:2:AQ'],
    ['bad base64url', `${PAIRING_CODE_PREFIX}@@@@`],
  ])('refuses %s', (_name, text) => {
    expectInvalid(text);
  });

  it('refuses a code cut short, a wrong version byte and invalid UTF-8', () => {
    const text = encodePairingCode(code);
    expectInvalid(text.slice(0, PAIRING_CODE_PREFIX.length + 86));
    const bytes = new Uint8Array(66);
    bytes[0] = 2;
    bytes[65] = 0x68;
    expectInvalid(PAIRING_CODE_PREFIX + encodeBase64Url(bytes));
    bytes[0] = 1;
    bytes[65] = 0xff;
    expectInvalid(PAIRING_CODE_PREFIX + encodeBase64Url(bytes));
  });

  it('refuses a relay URL of 257 bytes and accepts 256', () => {
    const base = 'https://r.example/';
    const at = (n: number) => base + 'a'.repeat(n - base.length);
    expect(parsePairingCode(encodePairingCode({ ...code, relayUrl: at(256) })).relayUrl).toBe(
      at(256),
    );
    expect(() => encodePairingCode({ ...code, relayUrl: at(257) })).toThrow(PairingError);
    const forged = new Uint8Array(65 + 257);
    forged[0] = 1;
    forged.set(new TextEncoder().encode(at(257)), 65);
    expectInvalid(PAIRING_CODE_PREFIX + encodeBase64Url(forged));
  });

  it('refuses a secret of the wrong length at encoding', () => {
    expect(() => encodePairingCode({ ...code, secret: new Uint8Array(31) })).toThrow(PairingError);
  });
});
