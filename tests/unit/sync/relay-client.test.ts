import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyring, initCrypto, randomId, utf8Encode, type Keyring } from '../../../app/crypto';
import {
  SyncError,
  bundleIdFor,
  createGenesisEntry,
  createRelayClient,
  encodeBundle,
  opsPart,
  parseRetryAfter,
  syncErrorFromStatus,
  type RelayClient,
} from '../../../app/sync';
import { relayFetch } from '../../../app/sync/relay-fetch';
import { parseEventStream } from '../../../app/sync/sse';
import { createApp } from '../../../sync-server/app';
import { MemoryBundleStore } from '../../../sync-server/store/memory-store';
import { RELAY_URL, testRelay, type TestRelay } from './engine-harness';

beforeAll(initCrypto);

function client(relay: TestRelay, keyring: Keyring): RelayClient {
  return createRelayClient({
    baseUrl: RELAY_URL,
    keyring: () => keyring,
    fetchImpl: relay.fetchImpl,
    now: () => relay.clock.t,
  });
}

async function vault(): Promise<{ relay: TestRelay; keyring: Keyring; api: RelayClient }> {
  const relay = testRelay();
  const keyring = createKeyring(randomId());
  const api = client(relay, keyring);
  await api.createVault(createGenesisEntry(keyring, 'Comptoir 1', relay.clock.t));
  return { relay, keyring, api };
}

async function code(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(SyncError);
  return (e as SyncError).code;
}

const bundleNo = (keyring: Keyring, seq: number, prev = new Uint8Array(32)) =>
  encodeBundle({
    keyring,
    bundleId: bundleIdFor(keyring.deviceId, seq),
    deviceSeq: seq,
    prevHash: prev,
    parts: [opsPart([])],
    snapshot: false,
  });

describe('relay client', () => {
  it('creates a vault and reads back its one-entry device log', async () => {
    const { api, keyring } = await vault();
    const entries = await api.deviceLog();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.device.id).toBe(keyring.deviceId);
  });

  it('pushes idempotently by bundle id and pulls pages with next/more', async () => {
    const { api, keyring } = await vault();
    const first = await bundleNo(keyring, 1);
    expect(await api.pushBundle(first)).toEqual({ seq: 1, duplicate: false });
    expect(await api.pushBundle(first)).toEqual({ seq: 1, duplicate: true });
    await api.pushBundle(await bundleNo(keyring, 2, new Uint8Array(32).fill(1)));
    const page = await api.pullBundles(0, 1);
    expect(page.bundles.map((b) => b.seq)).toEqual([1]);
    expect(page.bundles[0]?.data).toEqual(first);
    expect(page).toMatchObject({ next: 1, more: true });
    expect(await api.pullBundles(1, 500)).toMatchObject({ next: 2, more: false });
  });

  it('maps statuses once: a wrong key is auth, another vault not-found, unreachable network', async () => {
    const { relay, keyring } = await vault();
    const impostor = createKeyring(keyring.vaultId);
    expect(await code(client(relay, impostor).deviceLog())).toBe('auth');
    const other = createKeyring(randomId());
    const otherApi = client(relay, other);
    await otherApi.createVault(createGenesisEntry(other, 'Autre', relay.clock.t));
    // `other` is a member of its own vault only: A's vault answers as if it did not exist.
    const deps = {
      baseUrl: RELAY_URL,
      keyring: () => other,
      fetchImpl: relay.fetchImpl,
      now: () => relay.clock.t,
    };
    const path = `/v1/vaults/${keyring.vaultId}/devices`;
    expect(await code(relayFetch(deps, { method: 'GET', path }))).toBe('not-found');
    expect(
      await code(relayFetch(deps, { method: 'GET', path: `/v1/vaults/${randomId()}/devices` })),
    ).toBe('not-found');
    relay.offline = true;
    expect(await code(client(relay, keyring).deviceLog())).toBe('network');
  });

  it.each([
    [401, 'auth'],
    [404, 'not-found'],
    [409, 'protocol'],
    [413, 'quota'],
    [507, 'quota'],
    [429, 'rate-limited'],
    [503, 'network'],
  ])('maps HTTP %i to %s with a French message', (status, expected) => {
    const error = syncErrorFromStatus(status);
    expect(error.code).toBe(expected);
    expect(error.message).toMatch(/[éèàù]|serveur/);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });

  it('fills and takes a pairing mailbox once', async () => {
    const { api } = await vault();
    const id = randomId();
    await api.putMailbox(id, utf8Encode('sealed'));
    expect(await code(api.putMailbox(id, utf8Encode('again')))).toBe('protocol');
    expect(await api.takeMailbox(id)).toEqual(utf8Encode('sealed'));
    expect(await api.takeMailbox(id)).toBeNull();
  });

  it('streams bundle events over a real port, signed, until aborted', async () => {
    const store = new MemoryBundleStore();
    const app = createApp({ staticDir: null, version: 't', relay: { store, heartbeatMs: 20 } });
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const keyring = createKeyring(randomId());
      const api = createRelayClient({
        baseUrl,
        keyring: () => keyring,
        fetchImpl: fetch,
        now: Date.now,
      });
      await api.createVault(createGenesisEntry(keyring, 'Comptoir 1', Date.now()));
      const controller = new AbortController();
      const seen: number[] = [];
      const reading = (async () => {
        for await (const event of api.events(controller.signal)) {
          seen.push(event.seq);
          if (seen.length === 2) controller.abort();
        }
      })();
      await new Promise((r) => setTimeout(r, 100));
      await api.pushBundle(await bundleNo(keyring, 1));
      await api.pushBundle(await bundleNo(keyring, 2, new Uint8Array(32).fill(1)));
      await reading;
      expect(seen).toEqual([1, 2]);
    } finally {
      server.close();
    }
  });
});

describe('event-stream parser', () => {
  it('dispatches events on blank lines, across chunk boundaries, skipping comments', async () => {
    const text = ': ping\n\nevent: bundle\ndata: {"seq":1}\n\nevent: bundle\r\ndata: {"seq"\r\n';
    const rest = 'data: :2}\r\n\r\n';
    const chunks = [text.slice(0, 17), text.slice(17), rest].map((s) =>
      new TextEncoder().encode(s),
    );
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (const chunk of chunks) c.enqueue(chunk);
        c.close();
      },
    });
    const events = [];
    for await (const e of parseEventStream(stream)) events.push(e);
    expect(events).toEqual([
      { event: 'bundle', data: '{"seq":1}' },
      { event: 'bundle', data: '{"seq"\n:2}' },
    ]);
  });
});
