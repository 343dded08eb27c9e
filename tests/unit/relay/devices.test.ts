/** GET/POST /v1/vaults/:vault/devices: the signed, hash-chained device log. */
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  parseDeviceLogResponse,
  toJson,
  type DeviceLogEntry,
} from '../../../sync-server/protocol';
import { chainEntry, createVault, relayApp, TestDevice } from './helpers';

async function setup() {
  const h = relayApp();
  const admin = new TestDevice('Comptoir');
  const { vault, genesis } = await createVault(h, admin);
  const path = `/v1/vaults/${vault}/devices`;
  const post = (by: TestDevice, entry: DeviceLogEntry | object) =>
    h.request(path, by.signedInit('POST', path, JSON.stringify(entry)));
  return { h, admin, vault, genesis, path, post };
}

describe('device log', () => {
  it('returns the log as stored canonical JSON entries', async () => {
    const { h, admin, genesis, path } = await setup();
    const res = await h.request(path, admin.signedInit('GET', path));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toBe(`{"entries":[${canonicalJson(toJson(genesis))}]}`);
    expect(parseDeviceLogResponse(JSON.parse(text)).entries).toEqual([genesis]);
  });

  it('appends an add entry (201 {seq}) and the new device can then sign requests', async () => {
    const { h, admin, genesis, path, post } = await setup();
    const tablet = new TestDevice('Tablette');
    const add = chainEntry(admin, genesis, 'add', tablet);
    const res = await post(admin, add);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ seq: 1 });
    const read = await h.request(path, tablet.signedInit('GET', path));
    expect(read.status).toBe(200);
    expect(((await read.json()) as { entries: unknown[] }).entries).toHaveLength(2);
  });

  it('answers 409 when seq is not last + 1 (another entry landed first)', async () => {
    const { admin, genesis, post } = await setup();
    const first = chainEntry(admin, genesis, 'add', new TestDevice());
    const stale = chainEntry(admin, genesis, 'add', new TestDevice());
    expect((await post(admin, first)).status).toBe(201);
    const res = await post(admin, stale);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'conflict' });
    const ahead = chainEntry(admin, { ...first, seq: 5 }, 'add', new TestDevice());
    expect((await post(admin, ahead)).status).toBe(409);
  });

  it('answers 400 for a bad prev hash with the right seq', async () => {
    const { admin, genesis, post } = await setup();
    const entry = chainEntry(admin, genesis, 'add', new TestDevice(), { prev: '0'.repeat(64) });
    expect((await post(admin, entry)).status).toBe(400);
  });

  it('answers 400 for a bad entry signature, a signer outside the log, or a malformed entry', async () => {
    const { h, admin, genesis, post } = await setup();
    const outsider = new TestDevice();
    const badSig = { ...chainEntry(admin, genesis, 'add', new TestDevice()), at: 1 };
    expect((await post(admin, badSig)).status).toBe(400);
    // Signed by a device that is no member, uploaded by a member.
    expect((await post(admin, chainEntry(outsider, genesis, 'add', outsider))).status).toBe(400);
    expect((await post(admin, { ...genesis, extra: 1 })).status).toBe(400);
    expect((await post(admin, genesis)).status).toBe(400);
    expect(await h.store.device(outsider.id)).toBeNull();
  });

  it('answers 401 to an unknown caller and 404 to a member of another vault', async () => {
    const { h, admin, genesis, post } = await setup();
    const entry = chainEntry(admin, genesis, 'add', new TestDevice());
    const stranger = new TestDevice();
    expect((await post(stranger, entry)).status).toBe(401);
    const neighbour = new TestDevice();
    await createVault(h, neighbour);
    expect((await post(neighbour, entry)).status).toBe(404);
  });

  it('revokes a member, refuses to add it again, and lets a device revoke itself', async () => {
    const { admin, genesis, post } = await setup();
    const tablet = new TestDevice();
    const pc = new TestDevice();
    const add1 = chainEntry(admin, genesis, 'add', tablet);
    const add2 = chainEntry(admin, add1, 'add', pc);
    const revoke = chainEntry(admin, add2, 'revoke', tablet);
    for (const e of [add1, add2, revoke]) expect((await post(admin, e)).status).toBe(201);
    expect((await post(admin, chainEntry(admin, revoke, 'add', tablet))).status).toBe(400);
    expect((await post(admin, chainEntry(admin, revoke, 'revoke', tablet))).status).toBe(400);
    const self = chainEntry(pc, revoke, 'revoke', pc);
    expect((await post(pc, self)).status).toBe(201);
    // The revoked pc can no longer sign, even a valid next entry.
    expect((await post(pc, chainEntry(pc, self, 'add', new TestDevice()))).status).toBe(401);
  });

  it('refuses to add a device id registered in another vault (409)', async () => {
    const { h, admin, genesis, post } = await setup();
    const elsewhere = new TestDevice();
    await createVault(h, elsewhere);
    expect((await post(admin, chainEntry(admin, genesis, 'add', elsewhere))).status).toBe(409);
  });
});
