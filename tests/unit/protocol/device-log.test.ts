/** Device-log entries: shape validation and the chain rules with injected crypto. */
import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  applyDeviceLogEntry,
  canonicalJson,
  deviceLogEntryHash,
  encodeBase64Url,
  parseDeviceLogEntry,
  ProtocolError,
  toJson,
  verifyDeviceLog,
  type DeviceLogCrypto,
  type DeviceLogEntry,
  type DeviceLogKind,
  type DeviceId,
  type VaultId,
} from '../../../sync-server/protocol';

const PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const crypto: DeviceLogCrypto = {
  sha256Hex: (b) => createHash('sha256').update(b).digest('hex'),
  verifyEd25519: (pk, msg, sig) =>
    verify(
      null,
      msg,
      createPublicKey({ key: Buffer.concat([PREFIX, pk]), format: 'der', type: 'spki' }),
      sig,
    ),
};
const rid = () => encodeBase64Url(randomBytes(16));

function device(name: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pub = {
    id: rid() as DeviceId,
    sign: publicKey.export({ format: 'jwk' }).x as string,
    box: encodeBase64Url(new Uint8Array(32)),
    name,
  };
  const signEntry = (
    fields: Omit<DeviceLogEntry, 'sig' | 'signer' | 'v' | 'at'>,
  ): DeviceLogEntry => {
    const unsigned = { v: 1 as const, at: 1, signer: pub.id, ...fields };
    const sig = encodeBase64Url(
      sign(null, Buffer.from(canonicalJson(toJson(unsigned))), privateKey),
    );
    return { ...unsigned, sig };
  };
  return { pub, signEntry };
}

const vault = rid() as VaultId;
const a = device('A');
const b = device('B');
const genesis = a.signEntry({ vault, seq: 0, prev: '', kind: 'genesis', device: a.pub });
const next = async (by: typeof a, last: DeviceLogEntry, kind: DeviceLogKind, subject: typeof a) =>
  by.signEntry({
    vault,
    seq: last.seq + 1,
    prev: await deviceLogEntryHash(last, crypto),
    kind,
    device: subject.pub,
  });

describe('device-log entries', () => {
  it('parse a well-formed entry and refuse extra keys, bad lengths and long names', () => {
    expect(parseDeviceLogEntry(JSON.parse(JSON.stringify(genesis)))).toEqual(genesis);
    const bad = [
      { ...genesis, extra: 1 },
      { ...genesis, v: 2 },
      { ...genesis, seq: -1 },
      { ...genesis, seq: 1.5 },
      { ...genesis, prev: 'ABC' },
      { ...genesis, kind: 'remove' },
      { ...genesis, sig: genesis.sig.slice(1) },
      { ...genesis, device: { ...genesis.device, sign: genesis.device.sign.slice(2) } },
      { ...genesis, device: { ...genesis.device, name: 'x'.repeat(65) } },
      { ...genesis, device: { ...genesis.device, role: 'admin' } },
    ];
    for (const entry of bad) expect(() => parseDeviceLogEntry(entry)).toThrow(ProtocolError);
    expect(
      parseDeviceLogEntry({ ...genesis, device: { ...genesis.device, name: 'é'.repeat(64) } }),
    ).toBeTruthy();
  });

  it('verify a chained log: genesis, add, revoke, self-revoke', async () => {
    const add = await next(a, genesis, 'add', b);
    const revokeB = await next(b, add, 'revoke', b);
    const state = await verifyDeviceLog([genesis, add, revokeB], crypto);
    expect(state.seq).toBe(2);
    expect([...state.members.keys()]).toEqual([a.pub.id]);
    expect(state.hash).toBe(await deviceLogEntryHash(revokeB, crypto));
  });

  it('refuse a broken rule as invalid_entry and a stale seq as log_conflict', async () => {
    const add = await next(a, genesis, 'add', b);
    const state = await verifyDeviceLog([genesis, add], crypto);
    const code = async (entry: DeviceLogEntry, s = state) =>
      applyDeviceLogEntry(s, entry, crypto).then(
        () => 'ok',
        (e: ProtocolError) => e.code,
      );
    expect(await code(await next(a, genesis, 'add', device('C')))).toBe('log_conflict');
    expect(await code({ ...(await next(a, add, 'add', device('C'))), prev: '0'.repeat(64) })).toBe(
      'invalid_entry',
    );
    expect(await code(await next(a, add, 'add', b))).toBe('invalid_entry');
    const outsider = device('X');
    expect(await code(await next(outsider, add, 'add', outsider))).toBe('invalid_entry');
    expect(await code({ ...(await next(a, add, 'add', device('C'))), at: 2 })).toBe(
      'invalid_entry',
    );
    expect(await code(await next(a, add, 'revoke', device('C')))).toBe('invalid_entry');
    expect(await code({ ...genesis, signer: b.pub.id }, null as never)).toBe('invalid_entry');
    expect(await code(await next(a, add, 'add', device('C')))).toBe('ok');
  });
});
