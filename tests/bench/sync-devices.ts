/**
 * Two devices of one pharmacy for the sync benchmark, talking to a relay over real HTTP
 * (global fetch, loopback) with the real clock: each on its own fake-indexeddb factory
 * (in-memory), real libsodium crypto. Device B holds A's vault keys with its own device
 * keys (what pairing produces: `exportSharedKeyring` → `importSharedKeyring`) and is added
 * to the signed device log by A — the setup of tests/unit/sync/engine-harness.ts, minus its
 * in-process relay and fake clock.
 */
import { exportSharedKeyring, importSharedKeyring, type Keyring } from '../../app/crypto';
import { enableSync, type ComptoirDb } from '../../app/store';
import {
  SyncEngine,
  changeMembership,
  createRelayClient,
  createRelayVault,
  type RelayClient,
} from '../../app/sync';
import { freshDb, vaultDb } from '../unit/store/fixtures';

/** One device: its database, keyring, relay client and engine. */
export interface SyncDevice {
  readonly db: ComptoirDb;
  readonly keyring: Keyring;
  readonly relay: RelayClient;
  readonly engine: SyncEngine;
}

function device(relayUrl: string, db: ComptoirDb, keyring: Keyring): SyncDevice {
  const relay = createRelayClient({
    baseUrl: relayUrl,
    keyring: () => keyring,
    fetchImpl: fetch,
    now: Date.now,
  });
  const engine = new SyncEngine({
    db,
    keyring: () => keyring,
    relay,
    now: Date.now,
    // The benchmark drives cycles with syncNow(); the periodic timer never fires.
    setTimer: () => undefined,
    clearTimer: () => undefined,
    random: Math.random,
    onChange: () => undefined,
  });
  return { db, keyring, relay, engine };
}

/** Device A: a new vault (one admin, KDF floor), created on the relay, sync enabled. */
export async function firstSyncDevice(relayUrl: string): Promise<SyncDevice> {
  const t = await vaultDb();
  const a = device(relayUrl, t.db, t.keyring);
  await createRelayVault({ ...a, now: Date.now }, 'Comptoir 1');
  await enableSync(a.db, a.keyring, relayUrl);
  return a;
}

/** Device B: A's vault keys, its own device keys, added to the log by A, sync enabled. */
export async function pairedSyncDevice(relayUrl: string, a: SyncDevice): Promise<SyncDevice> {
  const keyring = importSharedKeyring(exportSharedKeyring(a.keyring));
  await changeMembership({ ...a, now: Date.now }, 'add', {
    id: keyring.deviceId,
    sign: keyring.deviceSignPublicKey,
    box: keyring.deviceBoxPublicKey,
    name: 'Comptoir 2',
  });
  const { db } = await freshDb();
  // The vault row a paired device writes when it adopts the received keyring.
  await db.meta.add({
    key: 'vault',
    vaultId: keyring.vaultId,
    intakePublicKey: keyring.intakePublicKey,
    deviceId: keyring.deviceId,
    createdAt: new Date().toISOString(),
  });
  await enableSync(db, keyring, relayUrl);
  return device(relayUrl, db, keyring);
}
