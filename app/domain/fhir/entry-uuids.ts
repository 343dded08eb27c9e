/**
 * Deterministic `urn:uuid:` full URLs of the entries of a visit's Bundle
 * (https://hl7.org/fhir/R4/bundle.html#bundle-unique), so the same visit always yields
 * the same Bundle: no randomness, no clock, no hash.
 *
 * ```
 * byte  0        1..5         6          7     8           9..15
 *      [id0^kind][id1..id5]  [8|id6&0f] [id7] [10|id8&3f] [id9..id15]
 *       kind = entry index    version 8        RFC 9562 variant
 * ```
 * The 16 bytes are the visit id's own (a random 128-bit base64url id, see
 * `app/crypto/encoding.ts` `randomId`), so the UUIDs carry nothing but that random id.
 * They are UUIDv8 ("custom", RFC 9562 §5.8). The entry kind is XORed into byte 0, which
 * makes the six UUIDs of one Bundle distinct; uniqueness across Bundles is not needed
 * (`urn:uuid:` references resolve inside one transaction) but holds for random ids.
 * An id of another shape (a UUID string, or a test id) is read as its UTF-8 bytes,
 * zero-padded or XOR-folded to 16 bytes. Frozen: changing it changes every Bundle.
 */

/** The entries of a result Bundle, in request order. */
export const ENTRY_KINDS = [
  'Patient',
  'Practitioner',
  'Organization',
  'Specimen',
  'Device',
  'Observation',
] as const;

/** One of {@link ENTRY_KINDS}. */
export type EntryKind = (typeof ENTRY_KINDS)[number];

const BASE64URL_128 = /^[A-Za-z0-9_-]{21}[AQgw]$/;
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The `urn:uuid:` full URL of the `kind` entry of the visit `visitId`'s Bundle. */
export function entryFullUrl(visitId: string, kind: EntryKind): string {
  const bytes = idBytes(visitId);
  bytes[0] = at(bytes, 0) ^ ENTRY_KINDS.indexOf(kind);
  bytes[6] = 0x80 | (at(bytes, 6) & 0x0f);
  bytes[8] = 0x80 | (at(bytes, 8) & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const parts = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20)];
  return `urn:uuid:${parts.join('-')}-${hex.slice(20)}`;
}

/** The 16 bytes a visit id stands for (see the module comment). */
function idBytes(id: string): Uint8Array {
  if (BASE64URL_128.test(id)) return fromBase64Url(id);
  if (CANONICAL_UUID.test(id)) {
    const hex = id.replace(/-/g, '');
    return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
  }
  const out = new Uint8Array(16);
  new TextEncoder().encode(id).forEach((b, i) => {
    out[i % 16] = at(out, i % 16) ^ b;
  });
  return out;
}

/** Decodes 22 base64url characters (RFC 4648 §5) into 16 bytes. */
function fromBase64Url(text: string): Uint8Array {
  const out = new Uint8Array(16);
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (const c of text) {
    acc = (acc << 6) | B64URL.indexOf(c);
    bits += 6;
    if (bits >= 8 && n < 16) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

function at(bytes: Uint8Array, i: number): number {
  return bytes[i] ?? 0;
}
