/**
 * Epochs of the vault key on this device (the rules are domain/epochs.ts): adopt the keys
 * sealed to this device, switch when every active device holds the new epoch, add a copy
 * for a device that lacks one, start an epoch (every 30 days, or after a device removal),
 * and drop an old one — crypto-shredding: every row still sealed under it is sealed again
 * under the current epoch, in chunks (epoch-reseal.ts), then its key leaves the keyring
 * and its record loses every copy of the key.
 *
 * Each change of the keyring commits in ONE transaction with the keyring box and the
 * records that announce it (`epoch`, this device's `epoch-ack`), so a crash never leaves a
 * key in use that the box or the other devices do not know (epoch-run.ts).
 */
import type { Keyring } from '../crypto';
import { compareEpochs, planEpochs } from '../domain';
import type { ComptoirDb } from './db';
import { EpochRun, type EpochStepOptions, type EpochStepResult } from './epoch-run';
import { loadState } from './epoch-writes';
import { guard, requireMeta } from './guard';
import { assertKeyringCurrent } from './keyring-repo';
import { readSyncMeta } from './sync-meta';

export { RESEAL_BUDGET } from './epoch-run';
export type { EpochMember, EpochStepOptions, EpochStepResult } from './epoch-run';

/**
 * Applies the epoch rules once on this device (after a sync pull, at unlock, daily).
 * @throws StorageError (`conflict` when another tab renewed the keyring); IntegrityError
 *   when a stored record is damaged; KeyringWipedError
 */
export async function maintainEpochs(
  db: ComptoirDb,
  keyring: Keyring,
  options: EpochStepOptions,
): Promise<EpochStepResult> {
  return guard(db, async () => {
    const meta = await requireMeta(db, keyring.vaultId);
    // A copy of the keyring that another tab has renewed since must not decide anything.
    await assertKeyringCurrent(db, keyring);
    const run = new EpochRun(db, keyring, options, Date.parse(meta.createdAt));
    await run.load();
    await run.adopt();
    let removal = options.afterRemoval === true;
    // At most: switch to a pending epoch, start one, switch to it, drop the old one.
    for (let pass = 0; pass < 4; pass += 1) {
      const plan = planEpochs(run.view());
      if (plan.switchTo !== null) {
        await run.switchTo(plan.switchTo);
        continue;
      }
      for (const { epoch, devices } of plan.repair) await run.repair(epoch, devices);
      if (plan.rotate || removal) {
        await run.start(removal ? 'removal' : 'rotation');
        removal = false;
        continue;
      }
      for (const epoch of plan.drop) if (!(await run.drop(epoch))) break;
      break;
    }
    return run.result;
  });
}

/**
 * The epoch rules on a device without sync (a single tablet): it is the only active device,
 * so a new epoch is used at once and the old one dropped as soon as its rows are sealed
 * again. Does nothing when sync is on (the sync cycle applies the rules with the device log).
 * @returns what was done, `null` when sync is on
 */
export async function maintainLocalEpochs(
  db: ComptoirDb,
  keyring: Keyring,
  now: number,
): Promise<EpochStepResult | null> {
  if ((await readSyncMeta(db)).enabled) return null;
  const self = { id: keyring.deviceId, box: keyring.deviceBoxPublicKey };
  return maintainEpochs(db, keyring, { active: [self], now });
}

/** What the settings screen says of the vault key. */
export interface KeyStatus {
  /** ISO instant since which the current epoch is in use (the vault's creation for epoch 1). */
  readonly since: string;
  /** Epochs dropped so far (crypto-shredded). */
  readonly dropped: number;
  /** A newer key waits for every device to hold it, or an old one for every device to stop
   * using it: a device that never syncs holds the renewal back. */
  readonly pending: boolean;
}

/**
 * The current epoch's start and how many epochs were dropped.
 * @throws StorageError; IntegrityError when an epoch record is damaged
 */
export async function readKeyStatus(db: ComptoirDb, keyring: Keyring): Promise<KeyStatus> {
  return guard(db, async () => {
    const meta = await requireMeta(db, keyring.vaultId);
    const { records } = await loadState(db, keyring);
    const retired = [...records.values()].filter((r) => r.retired).length;
    const current = keyring.currentEpoch;
    const newer = [...records.values()].some(
      (r) => !r.retired && (compareEpochs(records, r.epoch, current) ?? 0) > 0,
    );
    return {
      since: records.get(current)?.createdAt ?? meta.createdAt,
      dropped: retired + (keyring.hasEpoch(1) ? 0 : 1),
      pending: newer || keyring.epochs().length > 1,
    };
  });
}
