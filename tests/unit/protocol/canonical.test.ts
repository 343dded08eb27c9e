/** The canonical request string and canonical JSON: exact texts. */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  buildCanonicalRequest,
  canonicalJson,
  EMPTY_BODY_SHA256_HEX,
} from '../../../sync-server/protocol';

describe('canonical request string', () => {
  it('is six lines joined by \\n, method uppercased, no trailing newline', () => {
    const text = buildCanonicalRequest({
      method: 'get',
      pathWithQuery: '/v1/vaults/AbC/bundles?after=12&limit=500',
      timestamp: 1750000000000,
      nonce: 'AAAAAAAAAAAAAAAAAAAAAA',
      bodySha256Hex: EMPTY_BODY_SHA256_HEX,
    });
    expect(text).toBe(
      'comptoir-relay/v1\nGET\n/v1/vaults/AbC/bundles?after=12&limit=500\n1750000000000\n' +
        'AAAAAAAAAAAAAAAAAAAAAA\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('uses the SHA-256 of the empty string for a request without body', () => {
    expect(createHash('sha256').update('').digest('hex')).toBe(EMPTY_BODY_SHA256_HEX);
  });
});

describe('canonical JSON', () => {
  it('sorts keys recursively and writes no whitespace', () => {
    const value = { z: 1, a: { d: [3, { y: true, b: null }], c: 'é"\n' }, m: -0.5 };
    expect(canonicalJson(value)).toBe(
      '{"a":{"c":"é\\"\\n","d":[3,{"b":null,"y":true}]},"m":-0.5,"z":1}',
    );
  });

  it('sorts by UTF-16 code units (RFC 8785 §3.2.3) and keeps array order', () => {
    expect(canonicalJson({ b: 1, B: 2, é: 3, a: 4, '10': 5, '9': 6 })).toBe(
      '{"10":5,"9":6,"B":2,"a":4,"b":1,"é":3}',
    );
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });
});
