/** Bundle layout v1: exact offsets, round trip, and refusal of malformed bundles. */
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_HEADER_BYTES,
  encodeBundleHeader,
  MAX_BUNDLE_PAYLOAD_BYTES,
  MAX_BODY_BYTES,
  parseBundle,
  ProtocolError,
  type BundleHeader,
  type BundleId,
  type DeviceId,
  type VaultId,
} from '../../../sync-server/protocol';
import { encodeBase64Url } from '../../../sync-server/protocol/base64url';

const id = (fill: number) => encodeBase64Url(new Uint8Array(16).fill(fill));
const header: BundleHeader = {
  snapshot: true,
  bundleId: id(0x11) as BundleId,
  vaultId: id(0x22) as VaultId,
  deviceId: id(0x33) as DeviceId,
  deviceSeq: 0x0102030405,
  prevHash: new Uint8Array(32).fill(0x44),
  keyEpoch: 0xa0b0c0d0,
  payloadLength: 3,
};

function bundle(h: BundleHeader = header, payload = new Uint8Array([7, 8, 9])): Uint8Array {
  const out = new Uint8Array(BUNDLE_HEADER_BYTES + payload.length + 64);
  out.set(encodeBundleHeader({ ...h, payloadLength: payload.length }));
  out.set(payload, BUNDLE_HEADER_BYTES);
  out.fill(0xee, BUNDLE_HEADER_BYTES + payload.length);
  return out;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('bundle header v1', () => {
  it('writes every field at its frozen offset, big-endian', () => {
    const bytes = encodeBundleHeader(header);
    expect(bytes.length).toBe(98);
    expect(bytes[0]).toBe(0x01);
    expect(bytes[1]).toBe(0x01);
    expect(hex(bytes.subarray(2, 18))).toBe('11'.repeat(16));
    expect(hex(bytes.subarray(18, 34))).toBe('22'.repeat(16));
    expect(hex(bytes.subarray(34, 50))).toBe('33'.repeat(16));
    expect(hex(bytes.subarray(50, 58))).toBe('0000000102030405');
    expect(hex(bytes.subarray(58, 90))).toBe('44'.repeat(32));
    expect(hex(bytes.subarray(90, 94))).toBe('a0b0c0d0');
    expect(hex(bytes.subarray(94, 98))).toBe('00000003');
  });

  it('round-trips header, payload and signature through parseBundle', () => {
    const bytes = bundle();
    const parsed = parseBundle(bytes);
    expect({ ...parsed.header, prevHash: hex(parsed.header.prevHash) }).toEqual({
      ...header,
      prevHash: '44'.repeat(32),
    });
    expect([...parsed.payload]).toEqual([7, 8, 9]);
    expect(parsed.signed.length).toBe(101);
    expect(hex(parsed.signature)).toBe('ee'.repeat(64));
    const plain = parseBundle(bundle({ ...header, snapshot: false }));
    expect(plain.header.snapshot).toBe(false);
  });

  it('refuses a wrong version, unknown flags, or a length that does not match n', () => {
    const cases: Array<(b: Uint8Array) => Uint8Array> = [
      (b) => ((b[0] = 2), b),
      (b) => ((b[1] = 0x02), b),
      (b) => ((b[97] = 4), b),
      (b) => b.subarray(0, b.length - 1),
      (b) => new Uint8Array([...b, 0]),
      (b) => b.subarray(0, 161),
      (b) => ((b[50] = 0x80), b), // seq above 2^53
    ];
    for (const mutate of cases) {
      expect(() => parseBundle(mutate(bundle()))).toThrow(ProtocolError);
    }
  });

  it('requires seq ≥ 1 and a zero prev hash at seq 1', () => {
    expect(() => encodeBundleHeader({ ...header, deviceSeq: 0 })).toThrow(ProtocolError);
    expect(() => encodeBundleHeader({ ...header, deviceSeq: 1 })).toThrow(/zero prev/);
    const first = { ...header, deviceSeq: 1, prevHash: new Uint8Array(32) };
    expect(parseBundle(bundle(first)).header.deviceSeq).toBe(1);
  });

  it('bounds the whole bundle to MAX_BODY_BYTES', () => {
    expect(MAX_BUNDLE_PAYLOAD_BYTES).toBe(MAX_BODY_BYTES - 98 - 64);
    const max = bundle(header, new Uint8Array(MAX_BUNDLE_PAYLOAD_BYTES));
    expect(max.length).toBe(MAX_BODY_BYTES);
    expect(parseBundle(max).payload.length).toBe(MAX_BUNDLE_PAYLOAD_BYTES);
    expect(() =>
      encodeBundleHeader({ ...header, payloadLength: MAX_BUNDLE_PAYLOAD_BYTES + 1 }),
    ).toThrow(ProtocolError);
  });
});
