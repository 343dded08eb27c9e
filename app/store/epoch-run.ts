/**
 * One application of the epoch rules on this device (epoch-repo.ts is the entry point): the
 * epoch records and acknowledgements read, and each step — adopt, switch, repair, start,
 * drop — committed with the keyring box and this device's acknowledgement in ONE
 * transaction (`epoch-writes.ts`).
 */
import {
  fromBase64Url,
  isCryptoError,
  openEpochKey,
  sealEpochKey,
  toBase64Url,
  type Keyring,
} from '../crypto';
import { epochsToAdopt, type EpochRecord, type EpochView } from '../domain';
import type { ComptoirDb } from './db';
import { resealEpoch } from './epoch-reseal';
import {
  ackWrite,
  commit,
  loadState,
  recordWrite,
  type EpochState,
  type Write,
} from './epoch-writes';

/** An active device of the vault: its id and X25519 key, from the VERIFIED device log. */
export interface EpochMember {
  readonly id: string;
  readonly box: Uint8Array;
}

/** Options of {@link maintainEpochs}. */
export interface EpochStepOptions {
  /** Active devices, this one included (only this one when sync is off). */
  readonly active: readonly EpochMember[];
  /** Unix ms. */
  readonly now: number;
  /** Start an epoch now whatever the age of the current one (a device was removed). */
  readonly afterRemoval?: boolean;
  /** At most this many rows sealed again per call (default {@link RESEAL_BUDGET}). */
  readonly resealBudget?: number;
}

/** What {@link maintainEpochs} did. */
export interface EpochStepResult {
  readonly adopted: number[];
  readonly switchedTo: number | null;
  readonly started: number | null;
  readonly repaired: number;
  readonly resealed: number;
  readonly dropped: number[];
  /** True when it wrote records the other devices must receive (push again). */
  readonly changed: boolean;
}

/** Rows sealed again per call at most: a month of a busy pharmacy fits in a few calls. */
export const RESEAL_BUDGET = 5_000;

function sealedFor(keyring: Keyring, epoch: number, members: readonly EpochMember[]) {
  return Object.fromEntries(
    members.map((m) => [m.id, toBase64Url(sealEpochKey(keyring, epoch, m.box))] as const),
  );
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** One application of the rules: the state read, what was done, and each step. */
export class EpochRun {
  readonly result: Mutable<EpochStepResult> = {
    adopted: [],
    switchedTo: null,
    started: null,
    repaired: 0,
    resealed: 0,
    dropped: [],
    changed: false,
  };
  #state: EpochState = { records: new Map(), acks: new Map() };

  constructor(
    readonly db: ComptoirDb,
    readonly keyring: Keyring,
    readonly options: EpochStepOptions,
    readonly firstEpochSince: number,
  ) {}

  get records(): ReadonlyMap<number, EpochRecord> {
    return this.#state.records;
  }

  async load(): Promise<void> {
    this.#state = await loadState(this.db, this.keyring);
  }

  view(): EpochView {
    return {
      me: this.keyring.deviceId,
      held: this.keyring.epochs(),
      current: this.keyring.currentEpoch,
      records: this.#state.records,
      acks: this.#state.acks,
      active: this.options.active.map((m) => m.id),
      now: this.options.now,
      firstEpochSince: this.firstEpochSince,
    };
  }

  /** Commits `writes` (and this device's ack when it changed; the box when asked). */
  async write(writes: Write[], keyringChanged: boolean, snapshotDue = false): Promise<void> {
    const ack = ackWrite(this.keyring);
    const stored = this.#state.acks.get(this.keyring.deviceId);
    // Before any epoch record exists, nobody needs to know: no ack, no traffic.
    const inPlay =
      this.#state.records.size > 0 ||
      writes.some((w) => w.kind === 'epoch') ||
      this.keyring.epochs().length > 1;
    const ackChanged = inPlay && JSON.stringify(stored) !== JSON.stringify(ack.value);
    const all = ackChanged ? [...writes, ack] : writes;
    if (all.length === 0 && !keyringChanged) return;
    await commit(this.db, this.keyring, all, { keyringChanged, snapshotDue });
    this.result.changed ||= all.length > 0;
    await this.load();
  }

  /** Rule 1: open my copies of newer epochs. */
  async adopt(): Promise<void> {
    const me = this.keyring.deviceId;
    for (const epoch of epochsToAdopt(this.view())) {
      const sealed = this.#state.records.get(epoch)?.keys[me] ?? '';
      try {
        openEpochKey(this.keyring, fromBase64Url(sealed), epoch);
        this.result.adopted.push(epoch);
      } catch (e) {
        // A copy this device cannot open: skipped; another device adds a good one (repair).
        if (!isCryptoError(e)) throw e;
      }
    }
    try {
      await this.write([], this.result.adopted.length > 0);
    } catch (e) {
      for (const epoch of this.result.adopted) this.keyring.dropEpoch(epoch);
      throw e;
    }
  }

  async switchTo(epoch: number): Promise<void> {
    const previous = this.keyring.currentEpoch;
    this.keyring.setCurrentEpoch(epoch);
    try {
      await this.write([], true);
    } catch (e) {
      this.keyring.setCurrentEpoch(previous);
      throw e;
    }
    this.result.switchedTo = epoch;
  }

  async repair(epoch: number, devices: readonly string[]): Promise<void> {
    const record = this.#state.records.get(epoch);
    const to = this.options.active.filter((m) => devices.includes(m.id));
    if (!record || to.length === 0) return;
    const keys = { ...record.keys, ...sealedFor(this.keyring, epoch, to) };
    await this.write([recordWrite({ ...record, keys })], false);
    this.result.repaired += to.length;
  }

  async start(reason: EpochRecord['reason']): Promise<void> {
    const epoch = this.keyring.addEpoch({ current: false });
    const record: EpochRecord = {
      epoch,
      createdAt: new Date(this.options.now).toISOString(),
      createdBy: this.keyring.deviceId,
      reason,
      keys: sealedFor(this.keyring, epoch, this.options.active),
      retired: false,
    };
    try {
      await this.write([recordWrite(record)], true);
    } catch (e) {
      this.keyring.dropEpoch(epoch);
      throw e;
    }
    this.result.started = epoch;
  }

  /** Crypto-shredding. @returns false when the re-sealing budget ran out first */
  async drop(epoch: number): Promise<boolean> {
    const budget = (this.options.resealBudget ?? RESEAL_BUDGET) - this.result.resealed;
    const { resealed, done } = await resealEpoch(this.db, this.keyring, epoch, budget);
    this.result.resealed += resealed;
    if (!done) return false;
    this.keyring.dropEpoch(epoch);
    const record = this.#state.records.get(epoch);
    const retired = record ? [recordWrite({ ...record, keys: {}, retired: true })] : [];
    await this.write(retired, true, true);
    this.result.dropped.push(epoch);
    return true;
  }
}
