/**
 * Pairing step 3, on device A, after the staff confirmed the 6 digits match: add B to the
 * signed device log, then hand B the vault keys sealed to B's X25519 key, inside a message
 * under K (so only the holder of this code's secret AND of B's secret key can read them).
 */
import {
  exportSharedKeyring,
  memzero,
  sealPairingMessage,
  sealToDevice,
  type Keyring,
} from '../crypto';
import {
  deviceLogEntryHash,
  encodeBase64Url,
  type DeviceLogEntry,
} from '../../sync-server/protocol';
import { DEVICE_LOG_CRYPTO, verifyDeviceLog } from './device-log';
import { createMemberEntry } from './device-log-entries';
import { PairingError } from './pairing-errors';
import { encodeKeyringAnswer } from './pairing-messages';
import type { PutMailbox } from './pairing-poll';
import type { DeviceLogPin, Joiner, PairingSession } from './pairing-session';

/** The relay calls {@link approveJoiner} makes (a `RelayClient` of A fits). */
export interface ApproveRelay {
  /** `GET …/devices` (signed by A). */
  deviceLog(): Promise<readonly unknown[]>;
  /** `POST …/devices` (signed by A). */
  appendDeviceEntry(entry: DeviceLogEntry): Promise<number>;
  putMailbox: PutMailbox;
}

/** Dependencies of {@link approveJoiner}. */
export interface ApproveDeps {
  readonly relay: ApproveRelay;
  /** A's live keyring: signs the entry, and its shared part goes to B. */
  readonly keyring: Keyring;
  /** Clock, Unix ms (default `Date.now`). */
  readonly now?: () => number;
}

/**
 * Adds `joiner` to the vault and sends it the keyring.
 * Safe to call again after a failure: a joiner already added with the same keys is not
 * added twice.
 * @returns the pin of the 'add' entry (seq, hash), also sent to B
 * @throws PairingError 'expired' after the session's 10 minutes, 'not-member' when A is no
 *   longer a current member of the verified log
 * @throws SyncError 'integrity' when the relay's device log does not verify; other SyncError
 *   codes on relay failures ('protocol' with status 409 when another device changed the log
 *   at the same time: approve again)
 */
export async function approveJoiner(
  session: PairingSession,
  joiner: Joiner,
  deps: ApproveDeps,
): Promise<DeviceLogPin> {
  const now = deps.now ?? Date.now;
  if (now() >= session.expiresAt) throw new PairingError('expired');
  const { keyring, relay } = deps;
  const log = await verifyDeviceLog(await relay.deviceLog(), keyring.vaultId);
  const self = log.members.get(keyring.deviceId);
  if (!self || self.revoked) throw new PairingError('not-member');
  const device = { id: joiner.deviceId, sign: joiner.signPk, box: joiner.boxPk, name: joiner.name };
  // A retry after a failed mailbox write finds B already added: reuse that entry.
  let entry = findAddEntry(log.entries, joiner);
  if (!entry) {
    entry = createMemberEntry(keyring, log, 'add', device, now());
    await relay.appendDeviceEntry(entry);
  }
  const pin = { seq: entry.seq, hash: await deviceLogEntryHash(entry, DEVICE_LOG_CRYPTO) };
  const shared = exportSharedKeyring(keyring);
  let answer: Uint8Array | undefined;
  try {
    answer = encodeKeyringAnswer(pin, sealToDevice(joiner.boxPk, shared));
    await relay.putMailbox(
      session.answerMailboxId,
      sealPairingMessage(session.key, answer, 'keyring'),
    );
  } finally {
    memzero(shared);
    if (answer) memzero(answer);
  }
  return pin;
}

function findAddEntry(
  entries: readonly DeviceLogEntry[],
  joiner: Joiner,
): DeviceLogEntry | undefined {
  return entries.find(
    (e) =>
      e.kind === 'add' &&
      e.device.id === joiner.deviceId &&
      e.device.sign === encodeBase64Url(joiner.signPk) &&
      e.device.box === encodeBase64Url(joiner.boxPk),
  );
}
