/**
 * Devices, vaults and pre-signed requests for the relay benchmark. Everything the load
 * client sends is built BEFORE the clock starts: Ed25519 keys and signatures from
 * node:crypto (the relay checks the bundle header, the bundle signature and the request
 * signature — protocol v1 — and never opens the payload), bundle chains with real
 * `deviceSeq` / `prevHash`, and one fresh nonce per request.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  buildCanonicalRequest,
  encodeBase64Url,
  encodeBundleHeader,
  EMPTY_BODY_SHA256_HEX,
  type BundleId,
  type DeviceLogEntry,
  type VaultId,
} from '../../sync-server/protocol';
import { TestDevice, chainEntry, genesisEntry } from '../unit/relay/helpers';

/** A request ready to send: path, headers (signed), body as chunks (a shared payload). */
export interface PreparedRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: readonly Uint8Array[];
}

/** A device of a benchmark vault, with its bundle chain state. */
export interface BenchDevice {
  readonly device: TestDevice;
  readonly vault: VaultId;
  seq: number;
  prevHash: Uint8Array;
}

const sha256 = (chunks: readonly Uint8Array[]): Buffer => {
  const hash = createHash('sha256');
  for (const c of chunks) hash.update(c);
  return hash.digest();
};

/** The four signature headers of protocol v1 over `body`, with a fresh nonce. */
export function signHeaders(
  device: TestDevice,
  method: string,
  pathWithQuery: string,
  body: readonly Uint8Array[],
): Record<string, string> {
  const timestamp = String(Date.now());
  const nonce = encodeBase64Url(randomBytes(16));
  const bodySha256Hex = body.length === 0 ? EMPTY_BODY_SHA256_HEX : sha256(body).toString('hex');
  const canonical = buildCanonicalRequest({
    method,
    pathWithQuery,
    timestamp,
    nonce,
    bodySha256Hex,
  });
  return {
    'comptoir-device': device.id,
    'comptoir-timestamp': timestamp,
    'comptoir-nonce': nonce,
    'comptoir-signature': encodeBase64Url(device.signBytes(canonical)),
  };
}

async function post(base: string, device: TestDevice, path: string, json: unknown) {
  const body = new TextEncoder().encode(JSON.stringify(json));
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: signHeaders(device, 'POST', path, [body]),
    body,
  });
  if (response.status !== 201) throw new Error(`POST ${path}: ${response.status}`);
}

/**
 * Creates `vaults` vaults on the relay at `base`, each with `perVault` devices (genesis,
 * then signed `add` entries), through the real HTTP routes.
 */
export async function createBenchVaults(
  base: string,
  vaults: number,
  perVault: number,
): Promise<BenchDevice[]> {
  const devices: BenchDevice[] = [];
  for (let v = 0; v < vaults; v += 1) {
    const vault = encodeBase64Url(randomBytes(16)) as VaultId;
    const first = new TestDevice(`Bench ${v}-0`);
    let last: DeviceLogEntry = genesisEntry(first, vault);
    await post(base, first, '/v1/vaults', { vault, genesis: last });
    const members = [first];
    for (let d = 1; d < perVault; d += 1) {
      const newcomer = new TestDevice(`Bench ${v}-${d}`);
      last = chainEntry(first, last, 'add', newcomer);
      await post(base, first, `/v1/vaults/${vault}/devices`, last);
      members.push(newcomer);
    }
    for (const device of members)
      devices.push({ device, vault, seq: 0, prevHash: new Uint8Array(32) });
  }
  return devices;
}

/**
 * The next bundle of `d`'s chain around `payload` (shared, not copied), as a signed push.
 * Bundle layout: sync-server/protocol/bundle-header.ts.
 */
export function preparePush(d: BenchDevice, payload: Uint8Array): PreparedRequest {
  d.seq += 1;
  const header = encodeBundleHeader({
    snapshot: false,
    bundleId: encodeBase64Url(randomBytes(16)) as BundleId,
    vaultId: d.vault,
    deviceId: d.device.id,
    deviceSeq: d.seq,
    prevHash: d.prevHash,
    keyEpoch: 1,
    payloadLength: payload.length,
  });
  const signature = d.device.signBytes(Buffer.concat([header, payload]));
  const body = [header, payload, signature];
  d.prevHash = sha256(body);
  const path = `/v1/vaults/${d.vault}/bundles`;
  return { method: 'POST', path, headers: signHeaders(d.device, 'POST', path, body), body };
}

/** `count` pushes spread round-robin over `devices` (so no device runs ahead). */
export function preparePushes(
  devices: readonly BenchDevice[],
  payload: Uint8Array,
  count: number,
): PreparedRequest[] {
  return Array.from({ length: count }, (_, i) => {
    const d = devices[i % devices.length];
    if (!d) throw new Error('no device');
    return preparePush(d, payload);
  });
}

/** A signed `GET …/bundles?after=<after>&limit=<limit>` by `d`. */
export function preparePull(d: BenchDevice, after: number, limit: number): PreparedRequest {
  const path = `/v1/vaults/${d.vault}/bundles?after=${after}&limit=${limit}`;
  return { method: 'GET', path, headers: signHeaders(d.device, 'GET', path, []), body: [] };
}

/** The same body sent to the bare Hono route (headers kept: same bytes on the wire). */
export function asBare(r: PreparedRequest): PreparedRequest {
  return { ...r, path: '/bare' };
}
