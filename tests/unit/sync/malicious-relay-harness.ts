/**
 * A malicious relay for the sync client's integrity tests: the REAL relay app (engine-harness's
 * in-process `testRelay`) behind a `fetch` wrapper that can rewrite, per calling device, the
 * answers to `GET …/bundles` (drop, reorder, replay, inject, tamper) and to `GET …/devices`
 * (roll back, fork, forge the device log). It also records every bundle a device pushed, so
 * an attack can replay or withhold a precise one. A relay holds no device key: anything it
 * serves that claims to be signed must come from a device (here: recorded pushes, a copy of a
 * device restored from an old backup, or a device the relay smuggled into the log itself).
 */
import {
  absorbIntakeEntries,
  enableSync,
  saveIntakeEntry,
  updateSyncMeta,
  type ComptoirDb,
} from '../../../app/store';
import { fromBase64Url, sha256, toBase64Url, toHex, type Keyring } from '../../../app/crypto';
import { createRelayClient, pushStep } from '../../../app/sync';
import { parseBundle, type DeviceLogEntry } from '../../../sync-server/protocol';
import { RELAY_URL, testRelay, type PullPage, type TestRelay } from './engine-harness';
import { freshDb, intakeEntry } from '../store/fixtures';

/** One `{ seq, data }` item of a pull page (data: base64url bundle bytes). */
export type PageItem = PullPage['bundles'][number];

/** A bundle a device pushed, as the relay recorded it. */
export interface RecordedBundle {
  readonly author: string;
  readonly deviceSeq: number;
  /** hex SHA-256 of the bytes (what the author's next bundle chains to). */
  readonly hash: string;
  /** base64url bytes, as a pull page carries them. */
  readonly data: string;
}

/** What the relay does to the answers it serves to `caller` (a device id). */
export interface Attack {
  readonly bundles?: (page: PullPage, caller: string) => PullPage;
  readonly deviceLog?: (entries: DeviceLogEntry[], caller: string) => unknown[];
}

/** The honest relay plus an attack slot; pass it wherever a {@link TestRelay} is expected. */
export interface MaliciousRelay extends TestRelay {
  /** The current attack; null = the relay behaves. */
  attack: Attack | null;
  /** Every bundle accepted from a device, in push order. */
  readonly pushed: RecordedBundle[];
  /** The recorded bundle `deviceSeq` of `author`. @throws when never pushed */
  bundle(author: string, deviceSeq: number): RecordedBundle;
}

/** Author and device sequence number of a page item (header parsed, signature NOT checked). */
export function headerOf(item: PageItem): { author: string; deviceSeq: number } {
  const { header } = parseBundle(fromBase64Url(item.data));
  return { author: header.deviceId, deviceSeq: header.deviceSeq };
}

/** Whether `item` is bundle `deviceSeq` of `author`. */
export function isBundle(item: PageItem, author: string, deviceSeq: number): boolean {
  const h = headerOf(item);
  return h.author === author && h.deviceSeq === deviceSeq;
}

/** Returns a copy of base64url bundle bytes with `edit` applied to the raw bytes. */
export function editBytes(data: string, edit: (bytes: Uint8Array) => void): string {
  const bytes = fromBase64Url(data);
  edit(bytes);
  return toBase64Url(bytes);
}

function headerValue(init: RequestInit | undefined, name: string): string {
  const headers = new Headers(init?.headers);
  return headers.get(name) ?? '';
}

/** Starts the real relay in process behind an attack-capable `fetch`. */
export function maliciousRelay(): MaliciousRelay {
  const honest = testRelay();
  const pushed: RecordedBundle[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const caller = headerValue(init, 'comptoir-device');
    const response = await honest.fetchImpl(input, init);
    const attack = relay.attack;
    if (method === 'POST' && url.pathname.endsWith('/bundles') && response.ok) {
      const bytes = init?.body as Uint8Array;
      const { header } = parseBundle(bytes);
      const data = toBase64Url(bytes);
      if (!pushed.some((p) => p.data === data)) {
        pushed.push({
          author: header.deviceId,
          deviceSeq: header.deviceSeq,
          hash: toHex(sha256(bytes)),
          data,
        });
      }
      return response;
    }
    if (method !== 'GET' || !attack || response.status !== 200) return response;
    let body: unknown;
    if (url.pathname.endsWith('/bundles') && attack.bundles) {
      body = attack.bundles((await response.json()) as PullPage, caller);
    } else if (url.pathname.endsWith('/devices') && attack.deviceLog) {
      const { entries } = (await response.json()) as { entries: DeviceLogEntry[] };
      body = { entries: attack.deviceLog(entries, caller) };
    } else {
      return response;
    }
    return new Response(JSON.stringify(body), {
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  const relay: MaliciousRelay = {
    store: honest.store,
    clock: honest.clock,
    fetchImpl,
    attack: null,
    pushed,
    get tamper() {
      return honest.tamper;
    },
    set tamper(t) {
      honest.tamper = t;
    },
    get offline() {
      return honest.offline;
    },
    set offline(o) {
      honest.offline = o;
    },
    bundle(author, deviceSeq) {
      const found = pushed.find((p) => p.author === author && p.deviceSeq === deviceSeq);
      if (!found) throw new Error(`no bundle ${deviceSeq} of ${author} was pushed`);
      return found;
    },
  };
  return relay;
}

/**
 * A device that writes visits and signs bundles with `keyring` WITHOUT reaching the relay:
 * its bundles are only handed back (base64url) for an attack to serve. With `restoredAt`,
 * it continues the author's chain after that bundle, like a copy of the device restored from
 * an old backup (same device key, a second history: a fork).
 */
export interface OfflineAuthor {
  readonly keyring: Keyring;
  readonly db: ComptoirDb;
  /** Records visits `ids` and returns the bundles that carry them. */
  write(ids: readonly string[]): Promise<string[]>;
}

/**
 * @param keyring - the signing device (a real member's keyring, or one the log never named)
 * @param now - clock
 * @param restoredAt - the author's bundle the copy's chain continues from
 */
export async function offlineAuthor(
  keyring: Keyring,
  now: () => number,
  restoredAt?: RecordedBundle,
): Promise<OfflineAuthor> {
  const { db } = await freshDb();
  await db.meta.add({
    key: 'vault',
    vaultId: keyring.vaultId,
    intakePublicKey: keyring.intakePublicKey,
    deviceId: keyring.deviceId,
    createdAt: new Date(now()).toISOString(),
  });
  await enableSync(db, keyring, RELAY_URL);
  let out: string[] = [];
  const unreachable = (() => Promise.reject(new TypeError('offline'))) as typeof fetch;
  const base = createRelayClient({
    baseUrl: RELAY_URL,
    keyring: () => keyring,
    fetchImpl: unreachable,
    now,
  });
  const relay = {
    ...base,
    pushBundle: (bytes: Uint8Array) => {
      out.push(toBase64Url(bytes));
      return Promise.resolve({ seq: 1, duplicate: false });
    },
  };
  const push = async () => {
    out = [];
    await pushStep({ db, keyring, relay, now });
    return out;
  };
  if (restoredAt) {
    // The copy's own first bundle is discarded; its chain then resumes after `restoredAt`.
    await push();
    await updateSyncMeta(db, { deviceSeq: restoredAt.deviceSeq, lastBundleHash: restoredAt.hash });
  }
  return {
    keyring,
    db,
    async write(ids) {
      for (const id of ids) await saveIntakeEntry(db, keyring.intakePublicKey, intakeEntry(id, id));
      await absorbIntakeEntries(db, keyring);
      return push();
    },
  };
}
