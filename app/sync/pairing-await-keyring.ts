/**
 * Pairing step 2, on device B: wait for A's answer, open it (under K, then with B's X25519
 * secret key) and build B's keyring: B's own device keys plus the vault's shared keys.
 */
import {
  importSharedKeyring,
  isCryptoError,
  memzero,
  openFromDevice,
  openPairingMessage,
  type Keyring,
} from '../crypto';
import { PairingError } from './pairing-errors';
import { parseKeyringAnswer } from './pairing-messages';
import { pollMailbox, type PollOptions } from './pairing-poll';
import type { DeviceLogPin, JoinSession } from './pairing-session';

/** What B holds once A approved. */
export interface JoinedDevice {
  /** B's keyring (vault keys of every epoch, intake key, B's device keys). Not yet saved. */
  readonly keyring: Keyring;
  /** The device-log entry that added B, as A reported it: pass to `verifyJoinedDeviceLog`. */
  readonly pin: DeviceLogPin;
}

/**
 * Waits (polling the A→B mailbox) for the keyring A sealed to this device.
 * @throws PairingError 'integrity' when the answer does not open (wrong code, tampered,
 *   sealed to another device, or for another vault), 'expired', 'aborted'
 * @throws SyncError on relay failures (retry with the same session)
 */
export async function awaitKeyring(
  joinSession: JoinSession,
  options: PollOptions,
): Promise<JoinedDevice> {
  const sealed = await pollMailbox(joinSession.answerMailboxId, joinSession.expiresAt, options);
  let answer: Uint8Array | undefined;
  let shared: Uint8Array | undefined;
  try {
    answer = openPairingMessage(joinSession.key, sealed, 'keyring');
    const { pin, sealed: toDevice } = parseKeyringAnswer(answer);
    shared = openFromDevice(joinSession.identity, toDevice);
    const keyring = importSharedKeyring(shared, joinSession.identity);
    if (keyring.vaultId !== joinSession.vaultId) {
      keyring.wipe();
      throw new PairingError('integrity');
    }
    return { keyring, pin };
  } catch (cause) {
    if (isCryptoError(cause)) throw new PairingError('integrity', undefined, { cause });
    throw cause;
  } finally {
    if (answer) memzero(answer);
    if (shared) memzero(shared);
  }
}
