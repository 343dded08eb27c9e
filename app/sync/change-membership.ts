/**
 * Sync step: a current member adds a device to the vault's device log (after pairing) or
 * revokes one (a lost tablet; a device may revoke itself). The entry is built on the
 * freshly verified head, appended on the relay, and the log is verified again.
 * Re-keying after a revocation (a new epoch) is the caller's next step.
 */
import type { Keyring } from '../crypto';
import type { ComptoirDb } from '../store';
import { createMemberEntry, type DevicePublicKeys } from './device-log-entries';
import type { VerifiedDeviceLog } from './device-log';
import { SyncError } from './errors';
import { refreshDeviceLog } from './refresh-device-log';
import type { RelayClient } from './relay-client';

/**
 * Appends an `add` or `revoke` entry signed by this device.
 * @param device - the device concerned (for a revoke: its keys exactly as in the log)
 * @returns the verified log after the change
 * @throws SyncError 'integrity' when the relay's log is refused (fork, rollback); 'protocol'
 *   when the relay refuses the entry (409: another member changed the log meanwhile, retry;
 *   400: rule broken, e.g. device already present); other SyncError; StorageError
 */
export async function changeMembership(
  ctx: {
    readonly db: ComptoirDb;
    readonly keyring: Keyring;
    readonly relay: RelayClient;
    readonly now: () => number;
  },
  kind: 'add' | 'revoke',
  device: DevicePublicKeys,
): Promise<VerifiedDeviceLog> {
  const before = await refreshDeviceLog(ctx);
  if (before.refused) throw new SyncError('integrity');
  const entry = createMemberEntry(ctx.keyring, before.log, kind, device, ctx.now());
  await ctx.relay.appendDeviceEntry(entry);
  const after = await refreshDeviceLog(ctx);
  if (after.refused) throw new SyncError('integrity');
  return after.log;
}
