/**
 * Sync step: the vault key's epochs (domain/epochs.ts, store/epoch-repo.ts) on the device
 * log just verified — after each pull, and at once after a device removal, which starts an
 * epoch sealed to the remaining devices only.
 */
import type { Keyring } from '../crypto';
import { maintainEpochs, type ComptoirDb, type EpochMember, type EpochStepResult } from '../store';
import type { VerifiedDeviceLog } from './device-log';

/** The devices of the verified log that are not removed, with their X25519 keys. */
export function activeMembers(log: VerifiedDeviceLog): EpochMember[] {
  return [...log.members]
    .filter(([, member]) => !member.revoked)
    .map(([id, member]) => ({ id, box: member.box }));
}

/**
 * Applies the epoch rules with `log`'s active devices.
 * @param afterRemoval - a device was just removed: start an epoch it will never hold
 * @throws StorageError; IntegrityError; KeyringWipedError
 */
export async function epochStep(
  ctx: { readonly db: ComptoirDb; readonly keyring: Keyring; readonly now: () => number },
  log: VerifiedDeviceLog,
  afterRemoval = false,
): Promise<EpochStepResult> {
  return maintainEpochs(ctx.db, ctx.keyring, {
    active: activeMembers(log),
    now: ctx.now(),
    afterRemoval,
  });
}
