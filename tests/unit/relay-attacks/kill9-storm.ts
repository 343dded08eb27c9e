/**
 * The kill -9 durability scenario, shared by every store: REAL relay processes take a push
 * storm and are SIGKILLed in the middle of it, several rounds, then restarted. Every push
 * that got a 2xx must be there exactly once, at the seq it was acknowledged with, byte for
 * byte; server seqs strictly increase; re-pushing acknowledged bundles answers 'duplicate'
 * at the same seq. With several relays (PostgreSQL), pushers are spread over them and each
 * relay is killed at its own moment.
 */
import { expect } from 'vitest';
import { decodeBase64Url, type PullBundlesResponse } from '../../../sync-server/protocol';
import type { TestDevice } from '../relay/helpers';
import { buildBundle, bundleIdOf } from './bundles';
import {
  freePort,
  mulberry32,
  send,
  setupVaults,
  signedHeaders,
  type RelayProcess,
  type Vaults,
} from './harness';

/** How the storm runs. */
export interface Kill9StormOptions {
  /** Starts one relay process on `port` (all on the same database). */
  start: (port: number) => Promise<RelayProcess>;
  /** Relay processes sharing the database (default 1). */
  relays?: number;
  rounds?: number;
  /** Concurrent pushing devices (≥ 2), spread over the relays. */
  pushers?: number;
  seed?: number;
}

interface Ack {
  seq: number;
  bytes: Buffer;
  device: TestDevice;
}

/** Running relays, so that the test file can kill them whatever happens. */
export interface Kill9Storm {
  run(): Promise<void>;
  /** SIGKILLs the relays still running (for `afterAll`). */
  stop(): Promise<void>;
}

function push(port: number, device: TestDevice, vault: string, bytes: Buffer) {
  const path = `/v1/vaults/${vault}/bundles`;
  return send(port, {
    method: 'POST',
    path,
    body: bytes,
    headers: signedHeaders(device, 'POST', path, bytes),
    timeoutMs: 5_000,
  });
}

/** Pushes 1-visit bundles back to back until the relay is gone (or `stopped()`). */
async function pusher(
  port: number,
  device: TestDevice,
  vault: string,
  acks: Map<string, Ack>,
  stopped: () => boolean,
  counters: { sent: number; failed: number },
): Promise<void> {
  let deviceSeq = 1;
  while (!stopped()) {
    const bytes = buildBundle({ author: device, vault, deviceSeq: deviceSeq++ });
    counters.sent++;
    try {
      const res = await push(port, device, vault, bytes);
      if (res.status === 200 || res.status === 201) {
        const { seq } = JSON.parse(res.text) as { seq: number };
        acks.set(bundleIdOf(bytes), { seq, bytes, device });
      } else if (res.status >= 500) {
        throw new Error(`push answered ${res.status}`);
      }
    } catch (err) {
      if ((err as Error).message.startsWith('push answered')) throw err;
      // The relay was killed under this request: it may or may not be stored, never acked.
      counters.failed++;
      return;
    }
  }
}

async function pullAll(port: number, device: TestDevice, vault: string) {
  const out: { seq: number; bytes: Buffer }[] = [];
  let after = 0;
  for (;;) {
    const path = `/v1/vaults/${vault}/bundles?after=${after}&limit=1000`;
    const res = await send(port, {
      method: 'GET',
      path,
      headers: signedHeaders(device, 'GET', path),
    });
    if (res.status !== 200) throw new Error(`pull: ${res.status}`);
    const page = JSON.parse(res.text) as PullBundlesResponse;
    for (const b of page.bundles) {
      out.push({ seq: b.seq, bytes: Buffer.from(decodeBase64Url(b.data) ?? new Uint8Array(0)) });
    }
    after = page.next;
    if (!page.more) return out;
  }
}

/** What went wrong between the acknowledgements and what the relay serves after restart. */
function checkPulled(pulled: { seq: number; bytes: Buffer }[], acks: Map<string, Ack>): void {
  const seqs = pulled.map((b) => b.seq);
  for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] ?? 0);
  const byId = new Map<string, { seq: number; bytes: Buffer }[]>();
  for (const b of pulled) {
    const id = bundleIdOf(b.bytes);
    byId.set(id, [...(byId.get(id) ?? []), b]);
  }
  expect([...byId.values()].filter((list) => list.length > 1)).toEqual([]);
  const problems: string[] = [];
  for (const [id, ack] of acks) {
    const found = byId.get(id)?.[0];
    if (!found) problems.push(`${id} missing`);
    else if (found.seq !== ack.seq) problems.push(`${id} seq ${found.seq} ≠ acked ${ack.seq}`);
    else if (!found.bytes.equals(ack.bytes)) problems.push(`${id} bytes differ`);
  }
  expect(problems).toEqual([]);
  expect(pulled.length).toBeGreaterThanOrEqual(acks.size);
}

/** Prepares the storm; call `run()` inside a test and `stop()` in `afterAll`. */
export function kill9Storm(options: Kill9StormOptions): Kill9Storm {
  const { start, relays: relayCount = 1, rounds = 3, pushers = 4, seed = 0x9e3779b9 } = options;
  let running: RelayProcess[] = [];
  const startAll = async (ports: number[]) => {
    running = [];
    for (const port of ports) running.push(await start(port));
    return running;
  };

  /** One storm against `relays` (started); resolves a line for the log. */
  async function round(
    relays: RelayProcess[],
    v: Vaults,
    acks: Map<string, Ack>,
    rng: () => number,
  ): Promise<string> {
    const ports = relays.map((relay) => relay.port);
    const devices = [v.a1, v.a2, ...v.extra].slice(0, pushers);
    const before = acks.size;
    const counters = { sent: 0, failed: 0 };
    let stop = false;
    const storm = devices.map((d, i) =>
      pusher(ports[i % ports.length] ?? 0, d, v.vaultA, acks, () => stop, counters),
    );
    // Each relay dies at its own moment, 300–800 ms into the storm.
    await Promise.all(
      relays.map(async (relay) => {
        await new Promise((r) => setTimeout(r, 300 + Math.floor(rng() * 500)));
        await relay.kill();
      }),
    );
    stop = true;
    await Promise.all(storm);
    for (const relay of relays) expect(relay.child.signalCode).toBe('SIGKILL');
    running = [];
    const acked = acks.size - before;
    expect(acked).toBeGreaterThan(0);
    return `sent=${counters.sent} acked=${acked} cut=${counters.failed}`;
  }

  async function run(): Promise<void> {
    const ports: number[] = [];
    for (let i = 0; i < relayCount; i++) ports.push(await freePort());
    const [first = 0] = ports;
    const rng = mulberry32(seed);
    const acks = new Map<string, Ack>();
    const log: string[] = [];

    let vaults: Vaults | null = null;
    for (let i = 1; i <= rounds; i++) {
      const relays = await startAll(ports);
      vaults ??= await setupVaults(first, pushers - 2);
      log.push(`round ${i}: ${await round(relays, vaults, acks, rng)}`);
    }
    const v = vaults as Vaults;

    const [relay] = await startAll([first]);
    const pulled = await pullAll(first, v.a1, v.vaultA);
    checkPulled(pulled, acks);
    console.info(`relay kill -9 ×${relayCount}: ${log.join('; ')}; pulled=${pulled.length}`);

    // Re-pushing acknowledged bundles after the restarts: duplicates at the same seq.
    const samples = [...acks.values()].filter((_, i) => i % 97 === 0).slice(0, 8);
    for (const ack of samples) {
      const res = await push(first, ack.device, v.vaultA, ack.bytes);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual({ seq: ack.seq, duplicate: true });
    }
    expect(relay?.alive()).toBe(true);
    expect(relay?.output()).not.toMatch(/unhandled error| 5\d\d /);
  }

  return {
    run,
    stop: async () => {
      for (const relay of running.splice(0)) await relay.kill();
    },
  };
}
