/**
 * Sync step: fetch the vault's device log from the relay, verify every rule, and accept it
 * only if it equals or extends the log verified here before. A log that fails, is shorter,
 * or rewrites history is refused: the local one stays in force and a warning is emitted.
 */
import type { Keyring } from '../crypto';
import type { ComptoirDb } from '../store';
import { compareDeviceLogs, verifyDeviceLog, type VerifiedDeviceLog } from './device-log';
import { SyncError } from './errors';
import { loadDeviceLog, saveDeviceLog } from './local-device-log';
import type { RelayClient } from './relay-client';

/** Result of {@link refreshDeviceLog}. */
export interface RefreshedDeviceLog {
  /** The log in force (the relay's when accepted, else the local one). */
  readonly log: VerifiedDeviceLog;
  /** True when the relay served a log that was refused. */
  readonly refused: boolean;
}

/**
 * Refreshes the verified device log.
 * @throws SyncError 'integrity' when the relay's log is refused AND no local log exists
 *   (nothing trustworthy to fall back on); SyncError from the relay; StorageError
 */
export async function refreshDeviceLog(ctx: {
  readonly db: ComptoirDb;
  readonly keyring: Keyring;
  readonly relay: RelayClient;
}): Promise<RefreshedDeviceLog> {
  const vaultId = ctx.keyring.vaultId;
  const local = await loadDeviceLog(ctx.db, vaultId);
  const entries = await ctx.relay.deviceLog();
  let remote: VerifiedDeviceLog;
  try {
    remote = await verifyDeviceLog(entries, vaultId);
  } catch (error) {
    if (!local || !(error instanceof SyncError)) throw error;
    return { log: local, refused: true };
  }
  if (!local) {
    await saveDeviceLog(ctx.db, remote);
    return { log: remote, refused: false };
  }
  const relation = compareDeviceLogs(local.entries, remote.entries);
  if (relation === 'same') return { log: local, refused: false };
  if (relation === 'extends') {
    await saveDeviceLog(ctx.db, remote);
    return { log: remote, refused: false };
  }
  return { log: local, refused: true };
}
