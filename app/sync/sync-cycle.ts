/**
 * One sync cycle: refresh the verified device log, push this device's bundles, pull and
 * apply the others', then apply the epoch rules (epoch-step.ts) and push again what they
 * wrote (a new epoch, a key copy, this device's acknowledgement). The engine schedules
 * cycles; this file does one.
 */
import { IntegrityError, type Keyring } from '../crypto';
import { StorageError, readSyncMeta, type ComptoirDb } from '../store';
import type { VerifiedDeviceLog } from './device-log';
import { epochStep } from './epoch-step';
import { pullStep } from './pull-step';
import { pushStep } from './push-step';
import { refreshDeviceLog } from './refresh-device-log';
import type { RelayClient } from './relay-client';
import { integrityWarning, type IntegrityWarning } from './warnings';

/** Inputs of {@link runSyncCycle}. */
export interface SyncCycleContext {
  readonly db: ComptoirDb;
  readonly keyring: Keyring;
  readonly relay: RelayClient;
  readonly now: () => number;
  readonly snapshotIntervalMs?: number;
  readonly targetSeq?: number;
  readonly onProgress?: (done: number, total?: number) => void;
}

/** Outcome of a cycle (data for the engine's status). */
export interface SyncCycleResult {
  /** False when sync is not enabled on this device (nothing was done). */
  readonly ran: boolean;
  readonly pushed: number;
  readonly pulled: number;
  readonly changedVisitIds: string[];
  readonly warnings: IntegrityWarning[];
}

/**
 * Runs one cycle.
 * @throws SyncError (network, auth, quota, rate-limited, protocol, not-found, integrity when
 *   no trustworthy device log exists); StorageError; KeyringWipedError
 */
export async function runSyncCycle(ctx: SyncCycleContext): Promise<SyncCycleResult> {
  if (!(await readSyncMeta(ctx.db)).enabled) {
    return { ran: false, pushed: 0, pulled: 0, changedVisitIds: [], warnings: [] };
  }
  const warnings: IntegrityWarning[] = [];
  let log!: VerifiedDeviceLog;
  const refresh = async () => {
    const refreshed = await refreshDeviceLog(ctx);
    log = refreshed.log;
    if (refreshed.refused) warnings.push(integrityWarning('device-log', '', ctx.now()));
  };
  await refresh();
  const pushed = await pushStep(ctx, { snapshotIntervalMs: ctx.snapshotIntervalMs });
  const pulled = await pullStep({
    ...ctx,
    deviceLog: () => log,
    refreshDeviceLog: refresh,
  });
  warnings.push(...pulled.warnings);
  let changed = false;
  try {
    changed = (await epochStep(ctx, log)).changed;
  } catch (e) {
    // A damaged epoch record must not stop sync: the key in use stays, and it is said.
    if (!(e instanceof IntegrityError) && !(e instanceof StorageError && e.code === 'corrupt')) {
      throw e;
    }
    warnings.push(integrityWarning('keys', '', ctx.now()));
  }
  const pushedAgain = changed
    ? await pushStep(ctx, { snapshotIntervalMs: ctx.snapshotIntervalMs })
    : 0;
  return {
    ran: true,
    pushed: pushed + pushedAgain,
    pulled: pulled.bundles,
    changedVisitIds: pulled.changedVisitIds,
    warnings,
  };
}
