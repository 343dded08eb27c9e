/** base64url without padding (RFC 4648 §5): vectors, strictness, id parsing. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeBase64Url,
  decodeBase64UrlOfLength,
  encodeBase64Url,
  isId,
  parseDeviceId,
} from '../../../sync-server/protocol';

describe('base64url', () => {
  it('matches the RFC 4648 test vectors, unpadded', () => {
    const vectors = ['', 'Zg', 'Zm8', 'Zm9v', 'Zm9vYg', 'Zm9vYmE', 'Zm9vYmFy'];
    vectors.forEach((text, n) => {
      const bytes = new TextEncoder().encode('foobar'.slice(0, n));
      expect(encodeBase64Url(bytes)).toBe(text);
      expect([...(decodeBase64Url(text) ?? [])]).toEqual([...bytes]);
    });
  });

  it('agrees with Node on random bytes, both ways', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = randomBytes(n);
      const text = bytes.toString('base64url');
      expect(encodeBase64Url(bytes)).toBe(text);
      expect(Buffer.from(decodeBase64Url(text) ?? []).equals(bytes)).toBe(true);
    }
  });

  it('agrees with Node on a bundle-sized input (every remainder of the length by 3)', () => {
    for (const n of [1_048_576, 1_048_577, 1_048_578]) {
      const bytes = randomBytes(n);
      const text = bytes.toString('base64url');
      expect(encodeBase64Url(bytes) === text).toBe(true);
      expect(Buffer.from(decodeBase64Url(text) ?? []).equals(bytes)).toBe(true);
    }
  });

  it('refuses padding, other alphabets, impossible lengths and non-zero trailing bits', () => {
    const bads = [
      'Zg==',
      'Zm+v',
      'Zm/v',
      'Z',
      'Zh',
      'Zm9',
      ' Zg',
      'Zm9v\u00e9g',
      'Z\u0100',
      'Zm\u{1F600}',
    ];
    for (const bad of bads) {
      expect(decodeBase64Url(bad), bad).toBeNull();
    }
  });

  it('parses 16-byte ids (22 chars) and nothing else', () => {
    const id = encodeBase64Url(randomBytes(16));
    expect(isId(id)).toBe(true);
    expect(parseDeviceId(id)).toBe(id);
    expect(isId(encodeBase64Url(randomBytes(15)))).toBe(false);
    expect(isId(encodeBase64Url(randomBytes(17)))).toBe(false);
    expect(isId(`${id.slice(0, 21)}B`)).toBe(false); // trailing bits set
    expect(isId(42)).toBe(false);
    expect(decodeBase64UrlOfLength(encodeBase64Url(randomBytes(64)), 64)?.length).toBe(64);
  });
});
