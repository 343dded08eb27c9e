/**
 * The relay client (protocol v1 "Routes"): every member request signed by this device,
 * every answer parsed by the wire contract's validators, every failure a {@link SyncError}
 * (status codes mapped once, in `syncErrorFromStatus`). `fetch` is injected: no globals.
 */
import { fromBase64Url, type Keyring } from '../crypto';
import {
  EVENT_BUNDLE,
  bundlesPath,
  devicesPath,
  eventsPath,
  pairingPath,
  parseBundleEvent,
  parseDeviceLogResponse,
  parsePullBundlesResponse,
  parsePushBundleResponse,
  pullPath,
  vaultsPath,
  type DeviceLogEntry,
  type MailboxId,
  type VaultId,
} from '../../sync-server/protocol';
import { SyncError } from './errors';
import { parseEventStream } from './sse';
import { relayFetch, type RelayFetchOptions } from './relay-fetch';

/** Dependencies of {@link createRelayClient}. */
export interface RelayClientOptions {
  /** Origin of the relay, e.g. `https://relais.example.fr` (paths start with `/v1`). */
  readonly baseUrl: string;
  /** This device's keys (read at each request: a wiped keyring fails the request). */
  readonly keyring: () => Keyring;
  readonly fetchImpl: typeof fetch;
  /** Clock, Unix ms (signed into each request). */
  readonly now: () => number;
}

/** A pulled bundle: server seq and raw bytes (unverified). */
export interface PulledBundleBytes {
  readonly seq: number;
  readonly data: Uint8Array;
}

/** The relay API of one vault, as this device. */
export interface RelayClient {
  /** `POST /v1/vaults` (self-signed by the genesis device). @throws SyncError */
  createVault(genesis: DeviceLogEntry): Promise<void>;
  /** `GET …/devices`: the log's entries, shape-checked but NOT verified. @throws SyncError */
  deviceLog(): Promise<DeviceLogEntry[]>;
  /** `POST …/devices`. @returns the entry's seq. @throws SyncError ('protocol' on 409) */
  appendDeviceEntry(entry: DeviceLogEntry): Promise<number>;
  /** `POST …/bundles`. @throws SyncError ('quota' on 413/507) */
  pushBundle(bytes: Uint8Array): Promise<{ seq: number; duplicate: boolean }>;
  /** `GET …/bundles?after&limit`. @throws SyncError */
  pullBundles(
    after: number,
    limit: number,
  ): Promise<{ bundles: PulledBundleBytes[]; next: number; more: boolean }>;
  /**
   * `GET …/events`: yields `{ seq }` per new bundle until `signal` aborts (then it ends
   * quietly) or the stream breaks. @throws SyncError ('network' when the stream drops)
   */
  events(signal: AbortSignal): AsyncIterable<{ seq: number }>;
  /** `PUT /v1/pairing/:id` (unsigned). @throws SyncError ('protocol' on 409: already filled) */
  putMailbox(id: string, bytes: Uint8Array): Promise<void>;
  /** `GET /v1/pairing/:id` (unsigned): the bytes once, or null when empty. @throws SyncError */
  takeMailbox(id: string): Promise<Uint8Array | null>;
}

function parsed<T>(parse: (value: unknown) => T, value: unknown): T {
  try {
    return parse(value);
  } catch (cause) {
    throw new SyncError('protocol', undefined, { cause });
  }
}

async function json(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch (cause) {
    throw new SyncError('protocol', undefined, { cause });
  }
}

/**
 * Builds a relay client.
 * @param options - base URL, keyring getter, fetch and clock
 */
export function createRelayClient(options: RelayClientOptions): RelayClient {
  const vault = (): VaultId => options.keyring().vaultId as VaultId;
  const call = (o: RelayFetchOptions) => relayFetch(options, o);
  const encoder = new TextEncoder();
  const jsonBody = (value: unknown) => encoder.encode(JSON.stringify(value));

  return {
    async createVault(genesis) {
      await call({
        method: 'POST',
        path: vaultsPath(),
        body: jsonBody({ vault: vault(), genesis }),
        json: true,
      });
    },
    async deviceLog() {
      const res = await call({ method: 'GET', path: devicesPath(vault()) });
      return parsed(parseDeviceLogResponse, await json(res)).entries;
    },
    async appendDeviceEntry(entry) {
      const res = await call({
        method: 'POST',
        path: devicesPath(vault()),
        body: jsonBody(entry),
        json: true,
      });
      const body = await json(res);
      const seq = (body as { seq?: unknown } | null)?.seq;
      if (typeof seq !== 'number') throw new SyncError('protocol');
      return seq;
    },
    async pushBundle(bytes) {
      const res = await call({ method: 'POST', path: bundlesPath(vault()), body: bytes });
      return parsed(parsePushBundleResponse, await json(res));
    },
    async pullBundles(after, limit) {
      const res = await call({ method: 'GET', path: pullPath(vault(), after, limit) });
      const page = parsed(parsePullBundlesResponse, await json(res));
      const bundles = page.bundles.map((b) => ({ seq: b.seq, data: fromBase64Url(b.data) }));
      return { bundles, next: page.next, more: page.more };
    },
    events(signal) {
      return {
        async *[Symbol.asyncIterator]() {
          let res: Response;
          try {
            res = await call({ method: 'GET', path: eventsPath(vault()), signal });
          } catch (e) {
            if (signal.aborted) return;
            throw e;
          }
          if (!res.body) throw new SyncError('protocol');
          try {
            for await (const event of parseEventStream(res.body)) {
              if (event.event === EVENT_BUNDLE) yield parsed(parseBundleEvent, event.data);
            }
          } catch (cause) {
            if (signal.aborted) return;
            if (cause instanceof SyncError) throw cause;
            throw new SyncError('network', undefined, { cause });
          }
          if (!signal.aborted) throw new SyncError('network');
        },
      };
    },
    async putMailbox(id, bytes) {
      await call({
        method: 'PUT',
        path: pairingPath(id as MailboxId),
        body: bytes,
        unsigned: true,
      });
    },
    async takeMailbox(id) {
      const path = pairingPath(id as MailboxId);
      let res: Response;
      try {
        res = await call({ method: 'GET', path, unsigned: true });
      } catch (e) {
        if (e instanceof SyncError && e.code === 'not-found') return null;
        throw e;
      }
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}
