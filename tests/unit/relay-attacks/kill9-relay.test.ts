/**
 * Durability of the REAL relay process: `kill -9` it repeatedly in the middle of a push storm
 * (same SQLite file, same port). Every push that got a 2xx is there after restart, exactly
 * once, at the seq it was acknowledged with; server seqs strictly increase.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBase64Url, type PullBundlesResponse } from '../../../sync-server/protocol';
import type { TestDevice } from '../relay/helpers';
import { buildBundle, bundleIdOf } from './bundles';
import {
  freePort,
  mulberry32,
  send,
  setupVaults,
  signedHeaders,
  startRelay,
  tempRelayDir,
  type RelayProcess,
  type Vaults,
} from './harness';

const ROUNDS = 3;
const PUSHERS = 4;

interface Ack {
  seq: number;
  bytes: Buffer;
  device: TestDevice;
}

const dir = tempRelayDir();
let relay: RelayProcess | null = null;

afterAll(async () => {
  await relay?.kill();
  dir.rm();
});

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

/** Pushes 1-visit bundles back to back until `stop()` is true or the relay is gone. */
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

describe('relay process under kill -9 during a push storm', () => {
  it('keeps every acknowledged push exactly once across SIGKILL restarts', async () => {
    const port = await freePort();
    const rng = mulberry32(0x9e3779b9);
    const acks = new Map<string, Ack>();
    const rounds: string[] = [];
    let vaults: Vaults | null = null;

    for (let round = 1; round <= ROUNDS; round++) {
      relay = await startRelay({ port, dbPath: dir.dbPath, staticDir: dir.staticDir });
      vaults ??= await setupVaults(port, PUSHERS - 2);
      const v = vaults;
      const devices = [v.a1, v.a2, ...v.extra].slice(0, PUSHERS);
      const before = acks.size;
      let stop = false;
      const counters = { sent: 0, failed: 0 };
      const storm = devices.map((d) => pusher(port, d, v.vaultA, acks, () => stop, counters));
      await new Promise((r) => setTimeout(r, 300 + Math.floor(rng() * 500)));
      const killed = relay;
      await killed.kill();
      stop = true;
      await Promise.all(storm);
      expect(killed.child.signalCode).toBe('SIGKILL');
      relay = null;
      const acked = acks.size - before;
      rounds.push(`round ${round}: sent=${counters.sent} acked=${acked} cut=${counters.failed}`);
      expect(acked).toBeGreaterThan(0);
    }

    relay = await startRelay({ port, dbPath: dir.dbPath, staticDir: dir.staticDir });
    const v = vaults as Vaults;
    const pulled = await pullAll(port, v.a1, v.vaultA);

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
    console.info(`relay kill -9: ${rounds.join('; ')}; pulled=${pulled.length} acked=${acks.size}`);

    // Re-pushing acknowledged bundles after the restarts: duplicates at the same seq.
    const samples = [...acks.values()].filter((_, i) => i % 97 === 0).slice(0, 8);
    for (const ack of samples) {
      const res = await push(port, ack.device, v.vaultA, ack.bytes);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual({ seq: ack.seq, duplicate: true });
    }
    expect(relay.alive()).toBe(true);
    expect(relay.output()).not.toMatch(/unhandled error| 5\d\d /);
  }, 50_000);
});
