/**
 * Sync between the pharmacy's devices, as the UI sees it: whether sync is on, the engine's
 * status (online, pending changes, last sync, catch-up progress, integrity warnings), the
 * verified device list, and pairing a new device from this one. Runs only while unlocked:
 * the engine needs the keys to seal and open bundles.
 */
import {
  SyncError,
  approveJoiner,
  changeMembership,
  epochStep,
  awaitJoiner,
  createRelayClient,
  createRelayVault,
  endPairing,
  INITIAL_SYNC_STATUS,
  loadDeviceLog,
  startPairing,
  SyncEngine,
  type Joiner,
  type PairingSession,
  type RelayClient,
  type SyncStatus,
} from '../../sync';
import { enableSync, readSyncMeta, type ComptoirDb } from '../../store';
import type { Keyring } from '../../crypto';
import type { AuditEvent } from '../../domain';
import { describeError } from '../errors';
import { Observable } from './store-signal';

/** A device of the vault, from the locally verified device log. */
export interface DeviceView {
  id: string;
  name: string;
  revoked: boolean;
  self: boolean;
}

/** What the sync part of the UI shows. */
export interface SyncView {
  enabled: boolean;
  relayUrl?: string;
  status: SyncStatus;
  devices: DeviceView[];
}

/** Pairing as seen on the existing device (A). */
export type PairingView =
  | { step: 'idle' }
  | { step: 'waiting'; code: string }
  | { step: 'compare'; code: string; sas: string; joinerName: string }
  | { step: 'approving' }
  | { step: 'done'; joinerName: string }
  | { step: 'failed'; message: string };

export interface SyncHost {
  db: () => ComptoirDb;
  keyring: () => Keyring;
  changed: () => void;
  /** Logs an audit event (sync turned on, device paired). */
  audit?: (event: AuditEvent) => void;
}

export class SyncController {
  readonly view = new Observable<SyncView>({
    enabled: false,
    status: INITIAL_SYNC_STATUS,
    devices: [],
  });
  readonly pairing = new Observable<PairingView>({ step: 'idle' });
  #engine: SyncEngine | null = null;
  #relay: RelayClient | null = null;
  #pairing: { session: PairingSession; joiner?: Joiner; abort: AbortController } | null = null;

  constructor(private readonly host: SyncHost) {}

  /** After unlock: starts the engine when sync is on (offline-only mode does nothing). */
  async start(): Promise<void> {
    const meta = await readSyncMeta(this.host.db());
    if (!meta.enabled || !meta.relayUrl) {
      this.view.set({ ...this.view.value, enabled: false });
      return;
    }
    this.#relay = createRelayClient({
      baseUrl: meta.relayUrl,
      keyring: this.host.keyring,
      fetchImpl: (input, init) => fetch(input, init),
      now: Date.now,
    });
    this.#engine = new SyncEngine({
      db: this.host.db(),
      keyring: this.host.keyring,
      relay: this.#relay,
      now: Date.now,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      random: Math.random,
      onlineEvents: {
        subscribe: (listener) => {
          const on = (): void => listener(true);
          const off = (): void => listener(false);
          window.addEventListener('online', on);
          window.addEventListener('offline', off);
          return () => {
            window.removeEventListener('online', on);
            window.removeEventListener('offline', off);
          };
        },
      },
      onChange: (status) => this.view.set({ ...this.view.value, status }),
      onRemoteChange: () => this.host.changed(),
    });
    this.view.set({ ...this.view.value, enabled: true, relayUrl: meta.relayUrl });
    await this.refreshDevices();
    this.#engine.start();
  }

  /** On lock / patient mode. */
  stop(): void {
    this.cancelPairing();
    this.#engine?.stop();
    this.#engine = null;
    this.#relay = null;
  }

  /** Re-reads the verified device list. */
  async refreshDevices(): Promise<void> {
    const keyring = this.host.keyring();
    const log = await loadDeviceLog(this.host.db(), keyring.vaultId);
    const devices: DeviceView[] = log
      ? [...log.members].map(([id, m]) => ({
          id,
          name: m.name,
          revoked: m.revoked,
          self: id === keyring.deviceId,
        }))
      : [];
    this.view.set({ ...this.view.value, devices });
  }

  /**
   * Turns sync on for this vault: registers it on the relay (this device's genesis entry),
   * then queues a full snapshot so devices paired later catch up. Throws SyncError.
   */
  async enable(relayUrl: string, deviceName: string): Promise<void> {
    const db = this.host.db();
    const keyring = this.host.keyring();
    const relay = createRelayClient({
      baseUrl: relayUrl,
      keyring: this.host.keyring,
      fetchImpl: (input, init) => fetch(input, init),
      now: Date.now,
    });
    await createRelayVault({ db, keyring, relay, now: Date.now }, deviceName);
    await enableSync(db, keyring, relayUrl);
    this.host.audit?.({ kind: 'settings-changed', details: { settings: ['sync'] } });
    await this.start();
  }

  /** Shows the pairing code and waits for the new device (A side). */
  async beginPairing(): Promise<void> {
    const relayUrl = this.view.value.relayUrl;
    const relay = this.#relay;
    if (!relayUrl || !relay) return;
    this.cancelPairing();
    const { code, session } = startPairing({ keyring: this.host.keyring(), relayUrl });
    const abort = new AbortController();
    this.#pairing = { session, abort };
    this.pairing.set({ step: 'waiting', code });
    try {
      const { joiner, sas } = await awaitJoiner(session, {
        takeMailbox: relay.takeMailbox,
        signal: abort.signal,
      });
      if (this.#pairing?.session !== session) return;
      this.#pairing.joiner = joiner;
      this.pairing.set({ step: 'compare', code, sas, joinerName: joiner.name });
    } catch (error) {
      if (!abort.signal.aborted) this.#fail(error);
    }
  }

  /**
   * Removes a device from the pharmacy (a lost or stolen tablet): a signed `revoke` entry in
   * the device log. The relay then refuses its requests, and the other devices refuse
   * bundles it signs afterwards; a new epoch of the vault key, sealed to the remaining
   * devices only, protects what is written from then on. What it already holds stays on it
   * (see README, threat model). Throws SyncError (e.g. 'protocol' when another device
   * changed the log meanwhile).
   */
  async revoke(deviceId: string): Promise<void> {
    const relay = this.#relay;
    if (!relay) throw new SyncError('network');
    const db = this.host.db();
    const keyring = this.host.keyring();
    const log = await loadDeviceLog(db, keyring.vaultId);
    const member = log?.members.get(deviceId);
    if (!member || member.revoked) return;
    const device = { id: deviceId, sign: member.sign, box: member.box, name: member.name };
    const after = await changeMembership({ db, keyring, relay, now: Date.now }, 'revoke', device);
    this.host.audit?.({ kind: 'device-revoked', details: { deviceId } });
    // Re-key: first read what it sent before its removal (sealed under the epoch about to be
    // dropped), then a new epoch sealed to the remaining devices only, pushed at once.
    await this.#engine?.syncNow();
    await epochStep({ db, keyring, now: Date.now }, after, true);
    await this.#engine?.syncNow();
    await this.refreshDevices();
  }

  /** The staff confirmed both screens show the same 6 digits. */
  async approve(): Promise<void> {
    const current = this.#pairing;
    if (!current?.joiner || !this.#relay) return;
    this.pairing.set({ step: 'approving' });
    try {
      await approveJoiner(current.session, current.joiner, {
        relay: this.#relay,
        keyring: this.host.keyring(),
      });
      this.pairing.set({ step: 'done', joinerName: current.joiner.name });
      this.host.audit?.({ kind: 'device-paired', details: { deviceId: current.joiner.deviceId } });
      endPairing(current.session);
      this.#pairing = null;
      await this.#engine?.syncNow();
      await this.refreshDevices();
    } catch (error) {
      this.#fail(error);
    }
  }

  cancelPairing(): void {
    const current = this.#pairing;
    this.#pairing = null;
    if (current) {
      current.abort.abort();
      endPairing(current.session);
    }
    if (this.pairing.value.step !== 'idle') this.pairing.set({ step: 'idle' });
  }

  dismissWarnings(): void {
    this.#engine?.dismissWarnings();
  }

  syncNow(): void {
    void this.#engine?.syncNow();
  }

  #fail(error: unknown): void {
    this.pairing.set({ step: 'failed', message: describeError(error) });
    const current = this.#pairing;
    this.#pairing = null;
    if (current) endPairing(current.session);
  }
}
