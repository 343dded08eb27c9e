import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base45Error, decodeBase45, encodeBase45 } from '../../../app/intake/base45';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('encodeBase45', () => {
  // RFC 9285 §4.3 (examples 1–3) and §4.4 (the decoding example, encoded here).
  it.each([
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
  ])('encodes %j as the RFC 9285 example %j', (input, expected) => {
    expect(encodeBase45(ascii(input))).toBe(expected);
  });

  it('encodes no bytes as the empty string', () => {
    expect(encodeBase45(new Uint8Array())).toBe('');
  });

  it('encodes the extreme values of a pair and of a lone byte', () => {
    expect(encodeBase45(Uint8Array.of(0xff, 0xff))).toBe('FGW'); // 65535 = 15 + 16·45 + 32·45²
    expect(encodeBase45(Uint8Array.of(0, 0))).toBe('000');
    expect(encodeBase45(Uint8Array.of(0xff))).toBe('U5'); // 255 = 30 + 5·45
  });
});

describe('decodeBase45', () => {
  it('decodes the RFC 9285 §4.4 example "QED8WEX0" to "ietf!"', () => {
    expect(text(decodeBase45('QED8WEX0'))).toBe('ietf!');
  });

  it.each(['BB8', '%69 VD92EX0', 'UJCLQE7W581'])('decodes %j back to its example', (encoded) => {
    expect(encodeBase45(decodeBase45(encoded))).toBe(encoded);
  });

  it('decodes the empty string to no bytes', () => {
    expect(decodeBase45('')).toEqual(new Uint8Array());
  });

  it('accepts the largest triple (65535) and the largest final pair (255)', () => {
    expect(decodeBase45('FGW')).toEqual(Uint8Array.of(0xff, 0xff));
    expect(decodeBase45('U5')).toEqual(Uint8Array.of(0xff));
  });

  it.each([
    ['a character outside the alphabet', 'BB='],
    ['a lower-case letter', 'bb8'],
    ['a non-ASCII character', 'BBé'],
    ['a full-width look-alike of a letter', 'BB\uff22'],
    ['a newline', 'BB8\n'],
    ['a dangling single character', 'B'],
    ['a dangling character after a full triple', 'BB8B'],
    ['the triple GGW (65536)', 'GGW'],
    ['a triple above 65535 after a valid one', 'BB8:::'],
    ['a final pair of 256', 'V5'],
    ['a final pair of 2024 (the largest two characters can spell)', '::'],
  ])('refuses %s', (_name, encoded) => {
    expect(() => decodeBase45(encoded)).toThrow(Base45Error);
    try {
      decodeBase45(encoded);
    } catch (error) {
      expect(error).toMatchObject({ name: 'Base45Error', code: 'invalid-base45' });
    }
  });

  it('round-trips any byte array', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 2000 }), (bytes) => {
        const encoded = encodeBase45(bytes);
        expect(encoded).toMatch(/^[0-9A-Z $%*+\-./:]*$/);
        expect(encoded.length).toBe(Math.floor(bytes.length / 2) * 3 + (bytes.length % 2) * 2);
        expect(decodeBase45(encoded)).toEqual(bytes);
      }),
    );
  });

  it('handles a 1 MB payload in linear time', () => {
    const bytes = new Uint8Array(1_000_000).map((_, i) => (i * 31) & 0xff);
    const started = performance.now();
    const decoded = decodeBase45(encodeBase45(bytes));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(Buffer.from(decoded).equals(Buffer.from(bytes))).toBe(true);
  });
});
