import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyring, initCrypto, randomId, type Keyring } from '../../../app/crypto';
import {
  SyncError,
  compareDeviceLogs,
  createGenesisEntry,
  createMemberEntry,
  verifyDeviceLog,
  type VerifiedDeviceLog,
} from '../../../app/sync';
import type { DeviceLogEntry } from '../../../sync-server/protocol';
import { exportSharedKeyring, importSharedKeyring } from '../../../app/crypto';

beforeAll(initCrypto);

const T = 1_750_000_000_000;
let a: Keyring;
let b: Keyring;
let c: Keyring;
beforeAll(() => {
  a = createKeyring(randomId());
  b = importSharedKeyring(exportSharedKeyring(a));
  c = importSharedKeyring(exportSharedKeyring(a));
});

const keysOf = (k: Keyring, name: string) => ({
  id: k.deviceId,
  sign: k.deviceSignPublicKey,
  box: k.deviceBoxPublicKey,
  name,
});

async function chain(): Promise<{ entries: DeviceLogEntry[]; log: VerifiedDeviceLog }> {
  const genesis = createGenesisEntry(a, 'Comptoir 1', T);
  let log = await verifyDeviceLog([genesis], a.vaultId);
  const add = createMemberEntry(a, log, 'add', keysOf(b, 'Comptoir 2'), T + 1);
  log = await verifyDeviceLog([genesis, add], a.vaultId);
  return { entries: [genesis, add], log };
}

async function refusal(entries: unknown[]): Promise<unknown> {
  return verifyDeviceLog(entries, a.vaultId).catch((e: unknown) => e);
}

describe('device log', () => {
  it('verifies a genesis + add chain and lists members with their keys', async () => {
    const { log } = await chain();
    expect(log.seq).toBe(1);
    expect(log.head).toMatch(/^[0-9a-f]{64}$/);
    expect(log.members.get(b.deviceId)).toMatchObject({ name: 'Comptoir 2', revoked: false });
    expect(log.members.get(b.deviceId)?.sign).toEqual(b.deviceSignPublicKey);
    expect(log.members.get(a.deviceId)?.box).toEqual(a.deviceBoxPublicKey);
  });

  it('keeps a revoked device (revoked: true) so its older bundles stay readable', async () => {
    const { entries, log } = await chain();
    const revoke = createMemberEntry(b, log, 'revoke', keysOf(b, 'Comptoir 2'), T + 2);
    const after = await verifyDeviceLog([...entries, revoke], a.vaultId);
    expect(after.members.get(b.deviceId)?.revoked).toBe(true);
  });

  it('refuses a bad signature', async () => {
    const { entries } = await chain();
    const forged = { ...entries[1], device: { ...entries[1]?.device, name: 'Pirate' } };
    const error = await refusal([entries[0], forged]);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).code).toBe('integrity');
  });

  it('refuses an entry whose prev is not the hash of the previous entry', async () => {
    const { entries, log } = await chain();
    const bad = createMemberEntry(
      a,
      { ...log, head: 'f'.repeat(64) },
      'add',
      keysOf(c, 'C'),
      T + 3,
    );
    expect(await refusal([...entries, bad])).toBeInstanceOf(SyncError);
  });

  it('refuses an entry signed by a revoked member', async () => {
    const { entries, log } = await chain();
    const revoke = createMemberEntry(a, log, 'revoke', keysOf(b, 'Comptoir 2'), T + 2);
    const revoked = await verifyDeviceLog([...entries, revoke], a.vaultId);
    const byRevoked = createMemberEntry(b, revoked, 'add', keysOf(c, 'C'), T + 3);
    expect(await refusal([...entries, revoke, byRevoked])).toBeInstanceOf(SyncError);
  });

  it('refuses an empty log, a log of another vault, and a malformed entry', async () => {
    expect(await refusal([])).toBeInstanceOf(SyncError);
    const other = createKeyring(randomId());
    expect(await refusal([createGenesisEntry(other, 'X', T)])).toBeInstanceOf(SyncError);
    expect(await refusal([{ v: 1 }])).toBeInstanceOf(SyncError);
  });

  it('accepts only logs that equal or extend the locally verified one', async () => {
    const { entries, log } = await chain();
    const add = createMemberEntry(a, log, 'add', keysOf(c, 'C'), T + 3);
    const [genesis] = entries;
    if (!genesis) throw new Error('no genesis');
    expect(compareDeviceLogs(entries, entries)).toBe('same');
    expect(compareDeviceLogs(entries, [...entries, add])).toBe('extends');
    expect(compareDeviceLogs(entries, [genesis])).toBe('rollback');
    const fork = createMemberEntry(
      a,
      await verifyDeviceLog([genesis], a.vaultId),
      'add',
      keysOf(c, 'C'),
      T + 9,
    );
    expect(compareDeviceLogs(entries, [genesis, fork])).toBe('fork');
  });
});
