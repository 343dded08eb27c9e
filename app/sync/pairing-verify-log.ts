/**
 * Pairing step 3, on device B: before enabling sync, check the device log the relay serves
 * (fetched with B's new keyring, which also proves the relay accepts B's signature).
 */
import { constantTimeEqual, type Keyring } from '../crypto';
import { deviceLogEntryHash, type DeviceLogEntry } from '../../sync-server/protocol';
import { DEVICE_LOG_CRYPTO, verifyDeviceLog, type VerifiedDeviceLog } from './device-log';
import { PairingError } from './pairing-errors';
import type { DeviceLogPin } from './pairing-session';

/**
 * Verifies the whole log (every signature and chain rule from genesis), then that the entry
 * at `pin.seq` is the one A reported (same hash), that it adds THIS device with THIS
 * keyring's public keys, and that this device is a current member.
 * @param entries - `relayClient.deviceLog()` of B
 * @returns the verified log: store it as the trusted log when enabling sync
 * @throws SyncError 'integrity' when the log does not verify
 * @throws PairingError 'not-member' when the pin or membership check fails
 */
export async function verifyJoinedDeviceLog(
  keyring: Keyring,
  pin: DeviceLogPin,
  entries: readonly DeviceLogEntry[],
): Promise<VerifiedDeviceLog> {
  const log = await verifyDeviceLog(entries, keyring.vaultId);
  const added = log.entries[pin.seq];
  const pinned =
    added !== undefined &&
    added.kind === 'add' &&
    added.device.id === keyring.deviceId &&
    (await deviceLogEntryHash(added, DEVICE_LOG_CRYPTO)) === pin.hash;
  const me = log.members.get(keyring.deviceId);
  const mine =
    me !== undefined &&
    !me.revoked &&
    constantTimeEqual(me.sign, keyring.deviceSignPublicKey) &&
    constantTimeEqual(me.box, keyring.deviceBoxPublicKey);
  if (!pinned || !mine) throw new PairingError('not-member');
  return log;
}
