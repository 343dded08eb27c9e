/**
 * Live events across REAL relay processes on one PostgreSQL database (as behind a load
 * balancer): a device listening on `/v1/vaults/:vault/events` on relay B hears of a bundle
 * pushed through relay A, and so does one listening on A; a relay with a stream open still
 * shuts down on SIGTERM. Waits poll with generous timeouts.
 */
import { request, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createVaultOver,
  freePort,
  send,
  signedHeaders,
  startRelay,
  tempRelayDir,
  type RelayProcess,
} from '../relay-attacks/harness';
import { makeBundle, TestDevice } from '../relay/helpers';
import { freshSchema } from '../../pg/postgres';

const DELIVERY = { timeout: 20_000, interval: 50 };
const dir = tempRelayDir();
const relays: RelayProcess[] = [];
const streams: ClientRequest[] = [];

beforeAll(async () => {
  const databaseUrl = await freshSchema('sse');
  for (let i = 0; i < 2; i++) {
    relays.push(
      await startRelay({ port: await freePort(), databaseUrl, staticDir: dir.staticDir }),
    );
  }
}, 60_000);

afterAll(async () => {
  for (const stream of streams) stream.destroy();
  await Promise.all(relays.map((relay) => relay.kill()));
  dir.rm();
});

/** A signed event-stream request kept open; `text` grows as events arrive. */
function listenEvents(port: number, device: TestDevice, path: string) {
  const state = { status: 0, text: '' };
  const req = request({
    host: '127.0.0.1',
    port,
    path,
    headers: signedHeaders(device, 'GET', path),
    agent: false,
  });
  req.on('response', (res) => {
    state.status = res.statusCode ?? 0;
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (state.text += chunk));
  });
  req.on('error', () => {}); // destroyed at the end of the file
  req.end();
  streams.push(req);
  return state;
}

describe('live events across two relay processes on PostgreSQL', () => {
  it('tells a device listening on relay B about a bundle pushed through relay A', async () => {
    const [a, b] = relays as [RelayProcess, RelayProcess];
    const device = new TestDevice('A1');
    const { vault } = await createVaultOver(a.port, device);
    const events = `/v1/vaults/${vault}/events`;
    const onB = listenEvents(b.port, device, events);
    const onA = listenEvents(a.port, device, events);
    // The relay subscribes before it answers: once the head is here, nothing is missed.
    await vi.waitFor(() => expect([onA.status, onB.status]).toEqual([200, 200]), DELIVERY);

    const path = `/v1/vaults/${vault}/bundles`;
    for (let i = 0; i < 2; i++) {
      const body = makeBundle(device, vault);
      const pushed = await send(a.port, {
        method: 'POST',
        path,
        body,
        headers: signedHeaders(device, 'POST', path, body),
      });
      expect(pushed.status).toBe(201);
    }
    const both = 'event: bundle\ndata: {"seq":1}\n\nevent: bundle\ndata: {"seq":2}\n\n';
    await vi.waitFor(() => expect(onB.text).toBe(both), DELIVERY);
    await vi.waitFor(() => expect(onA.text).toBe(both), DELIVERY);
  }, 60_000);

  it('exits cleanly on SIGTERM with an event stream open (hub and store closed)', async () => {
    const [a, b] = relays as [RelayProcess, RelayProcess];
    const device = new TestDevice('A1');
    const { vault } = await createVaultOver(a.port, device);
    const onB = listenEvents(b.port, device, `/v1/vaults/${vault}/events`);
    await vi.waitFor(() => expect(onB.status).toBe(200), DELIVERY);
    b.child.kill('SIGTERM');
    // The stream is cut after the shutdown grace; exit code 0 = hub and store closed.
    await vi.waitFor(() => expect(b.alive()).toBe(false), { timeout: 30_000, interval: 100 });
    expect(b.child.exitCode).toBe(0);
  }, 60_000);
});
