import { describe, expect, it } from 'vitest';
import { ENTRY_KINDS, entryFullUrl } from '../../../../app/domain/fhir';

const UUID_V8 = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('entryFullUrl', () => {
  it('keeps the bytes of a base64url visit id, with the kind XORed into byte 0 (known answer)', () => {
    // 'AAECAwQFBgcICQoLDA0ODw' is base64url of the bytes 00 01 02 … 0f.
    expect(entryFullUrl('AAECAwQFBgcICQoLDA0ODw', 'Patient')).toBe(
      'urn:uuid:00010203-0405-8607-8809-0a0b0c0d0e0f',
    );
    expect(entryFullUrl('AAECAwQFBgcICQoLDA0ODw', 'Observation')).toBe(
      'urn:uuid:05010203-0405-8607-8809-0a0b0c0d0e0f',
    );
  });

  it('reads a UUID visit id as its 16 bytes', () => {
    expect(entryFullUrl('123e4567-e89b-42d3-a456-426614174000', 'Patient')).toBe(
      'urn:uuid:123e4567-e89b-82d3-a456-426614174000',
    );
  });

  it.each(['q7Hk2mP0xVb9LzR4tNw8sA', 'v1', '', 'a visit id longer than sixteen bytes, é'])(
    'gives six distinct UUIDv8 full URLs for the visit id %j',
    (id) => {
      const urls = ENTRY_KINDS.map((kind) => entryFullUrl(id, kind));
      for (const url of urls) expect(url).toMatch(UUID_V8);
      expect(new Set(urls).size).toBe(ENTRY_KINDS.length);
    },
  );

  it('gives the same full URL every time', () => {
    expect(entryFullUrl('v1', 'Device')).toBe(entryFullUrl('v1', 'Device'));
  });
});
