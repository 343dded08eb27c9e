/**
 * Test support for the relay: devices with real Ed25519 keys (node:crypto) that sign
 * requests, device-log entries and bundles exactly as protocol v1 says, and an app on a
 * memory store with an injected clock.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createApp } from '../../../sync-server/app';
import {
  buildCanonicalRequest,
  canonicalJson,
  encodeBase64Url,
  encodeBundleHeader,
  toJson,
  unsignedEntry,
  type BundleId,
  type DeviceId,
  type DeviceLogEntry,
  type DeviceLogKind,
  type UnsignedDeviceLogEntry,
  type VaultId,
} from '../../../sync-server/protocol';
import type { RelayOptions } from '../../../sync-server/relay';
import { MemoryEventHub } from '../../../sync-server/relay/event-hub';
import { MemoryBundleStore } from '../../../sync-server/store/memory-store';

export const T0 = 1_750_000_000_000;
export const randomId = (): string => encodeBase64Url(randomBytes(16));
export const sha256Hex = (data: Uint8Array | string): string =>
  createHash('sha256').update(data).digest('hex');

/** A device: Ed25519 signing key, X25519 box key (never used by the relay), id. */
export class TestDevice {
  readonly id = randomId() as DeviceId;
  readonly name: string;
  private readonly privateKey: KeyObject;
  readonly sign: string;
  readonly box = encodeBase64Url(randomBytes(32));

  constructor(name = 'Comptoir 1') {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    this.sign = publicKey.export({ format: 'jwk' }).x as string;
    this.name = name;
  }

  signBytes(data: Uint8Array | string): Uint8Array {
    return new Uint8Array(sign(null, Buffer.from(data), this.privateKey));
  }

  /** A signed device-log entry by this device. */
  entry(fields: Omit<UnsignedDeviceLogEntry, 'signer' | 'v' | 'at'>): DeviceLogEntry {
    const unsigned = { v: 1 as const, at: T0, signer: this.id, ...fields };
    const sig = encodeBase64Url(this.signBytes(canonicalJson(toJson(unsigned))));
    const entry = { ...unsigned, sig };
    // The helper signs what the protocol says is signed: the entry without `sig`.
    if (canonicalJson(unsignedEntry(entry)) !== canonicalJson(toJson(unsigned))) {
      throw new Error('unsignedEntry mismatch');
    }
    return entry;
  }

  deviceField(): DeviceLogEntry['device'] {
    return { id: this.id, sign: this.sign, box: this.box, name: this.name };
  }

  /** Request init with the four signature headers over `signedBody` (defaults to `body`). */
  signedInit(
    method: string,
    path: string,
    body?: Uint8Array | string,
    opts: { timestamp?: number; nonce?: string; signedBody?: Uint8Array | string } = {},
  ): RequestInit {
    const timestamp = String(opts.timestamp ?? T0);
    const nonce = opts.nonce ?? randomId();
    const canonical = buildCanonicalRequest({
      method,
      pathWithQuery: path,
      timestamp,
      nonce,
      bodySha256Hex: sha256Hex(opts.signedBody ?? body ?? ''),
    });
    const headers = {
      'comptoir-device': this.id,
      'comptoir-timestamp': timestamp,
      'comptoir-nonce': nonce,
      'comptoir-signature': encodeBase64Url(this.signBytes(canonical)),
    };
    return {
      method,
      headers,
      body: body === undefined ? undefined : new Uint8Array(Buffer.from(body)),
    };
  }
}

/** Entry hash (hex SHA-256 of canonical JSON with sig). */
export const entryHash = (e: DeviceLogEntry): string => sha256Hex(canonicalJson(toJson(e)));

export function genesisEntry(device: TestDevice, vault: VaultId): DeviceLogEntry {
  return device.entry({ vault, seq: 0, prev: '', kind: 'genesis', device: device.deviceField() });
}

export function chainEntry(
  signer: TestDevice,
  last: DeviceLogEntry,
  kind: DeviceLogKind,
  subject: TestDevice,
  overrides: Partial<UnsignedDeviceLogEntry> = {},
): DeviceLogEntry {
  return signer.entry({
    vault: last.vault,
    seq: last.seq + 1,
    prev: entryHash(last),
    kind,
    device: subject.deviceField(),
    ...overrides,
  });
}

/** A signed bundle by `author` (payload of `payloadLength` bytes). */
export function makeBundle(
  author: TestDevice,
  vault: string,
  opts: { bundleId?: string; deviceSeq?: number; payloadLength?: number; fill?: number } = {},
): Uint8Array {
  const payloadLength = opts.payloadLength ?? 32;
  const header = encodeBundleHeader({
    snapshot: false,
    bundleId: (opts.bundleId ?? randomId()) as BundleId,
    vaultId: vault as VaultId,
    deviceId: author.id,
    deviceSeq: opts.deviceSeq ?? 1,
    prevHash: new Uint8Array(32),
    keyEpoch: 0,
    payloadLength,
  });
  const signed = Buffer.concat([header, Buffer.alloc(payloadLength, opts.fill ?? 0xab)]);
  return new Uint8Array(Buffer.concat([signed, author.signBytes(signed)]));
}

/** The app with a relay on a memory store, a settable clock and captured logs. */
export function relayApp(options: Partial<RelayOptions> = {}) {
  const store = new MemoryBundleStore();
  const events = new MemoryEventHub();
  const clock = { now: T0 };
  const logs: string[] = [];
  const app = createApp({
    staticDir: null,
    version: 'test',
    log: (line) => logs.push(line),
    relay: { store, events, now: () => clock.now, ...options },
  });
  const request = (path: string, init?: RequestInit) => app.request(path, init);
  return { app, store, events, clock, logs, request };
}

export type RelayHarness = ReturnType<typeof relayApp>;

/** Creates a vault whose genesis device is `device`; returns the vault id and genesis. */
export async function createVault(h: RelayHarness, device: TestDevice) {
  const vault = randomId() as VaultId;
  const genesis = genesisEntry(device, vault);
  const body = JSON.stringify({ vault, genesis });
  const res = await h.request('/v1/vaults', device.signedInit('POST', '/v1/vaults', body));
  if (res.status !== 201) throw new Error(`createVault: ${res.status}`);
  return { vault, genesis };
}

/** Adds `newcomer` to the vault, signed by `signer`; returns the entry. */
export async function addDevice(
  h: RelayHarness,
  signer: TestDevice,
  last: DeviceLogEntry,
  newcomer: TestDevice,
): Promise<DeviceLogEntry> {
  const entry = chainEntry(signer, last, 'add', newcomer);
  const path = `/v1/vaults/${last.vault}/devices`;
  const res = await h.request(path, signer.signedInit('POST', path, JSON.stringify(entry)));
  if (res.status !== 201) throw new Error(`addDevice: ${res.status}`);
  return entry;
}
