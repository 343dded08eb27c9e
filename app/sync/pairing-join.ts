/**
 * Pairing step 1, on device B (no vault yet): read A's code, make B's device keys, post
 * B's public keys sealed under K to the B→A mailbox, and show the same 6 digits as A.
 */
import {
  createDeviceIdentity,
  derivePairingKeys,
  memzero,
  sealPairingMessage,
  shortAuthString,
  type DeviceIdentity,
} from '../crypto';
import { PAIRING_TTL_MS, encodeBase64Url, parseMailboxId } from '../../sync-server/protocol';
import { isSyncError } from './errors';
import { parsePairingCode, type PairingCode } from './pairing-code';
import { PairingError } from './pairing-errors';
import { encodeJoinRequest, isDeviceName } from './pairing-messages';
import type { PutMailbox } from './pairing-poll';
import type { JoinSession } from './pairing-session';

/** Dependencies of {@link joinWithCode}. */
export interface JoinDeps {
  /** Name of this device for the staff, 1–64 characters (e.g. « Comptoir 2 »). */
  readonly name: string;
  /** Unsigned mailbox write on the code's relay (`createPairingMailbox(code.relayUrl, fetch)`). */
  readonly putMailbox: PutMailbox;
  /** Key generation (default `createDeviceIdentity`: Ed25519 + X25519). */
  readonly newDeviceKeys?: () => DeviceIdentity;
  /** Clock, Unix ms (default `Date.now`). */
  readonly now?: () => number;
}

/**
 * Joins with a scanned or pasted code.
 * @param code - the text, or the result of `parsePairingCode` (to pick the relay first)
 * @returns the session for `awaitKeyring` / `endPairing`, and the `sas` to show
 * @throws PairingError 'invalid-code' on an unreadable code or name, 'mailbox-used' when
 *   the code already served (relay 409)
 * @throws SyncError on other relay failures (network…): retrying needs a new code only if
 *   the relay stored the first attempt
 */
export async function joinWithCode(
  code: string | PairingCode,
  deps: JoinDeps,
): Promise<{ joinSession: JoinSession; sas: string }> {
  const parsed = typeof code === 'string' ? parsePairingCode(code) : code;
  if (!isDeviceName(deps.name)) {
    throw new PairingError(
      'invalid-code',
      "Nom d'appareil invalide : donnez-lui de 1 à 64 caractères, par exemple « Comptoir 2 ».",
    );
  }
  const { key, answerMailbox } = derivePairingKeys(parsed.secret);
  const answerMailboxId = parseMailboxId(encodeBase64Url(answerMailbox));
  if (answerMailboxId === null) throw new TypeError('derived mailbox id is 16 bytes');
  const identity = (deps.newDeviceKeys ?? createDeviceIdentity)();
  const joiner = {
    deviceId: identity.deviceId,
    signPk: identity.signPublicKey,
    boxPk: identity.boxPublicKey,
    name: deps.name.trim(),
  };
  try {
    const sealed = sealPairingMessage(key, encodeJoinRequest(joiner), 'join-request');
    await deps.putMailbox(parsed.mailboxId, sealed);
  } catch (error) {
    memzero(key);
    identity.wipe();
    if (isSyncError(error) && error.status === 409) {
      throw new PairingError('mailbox-used', undefined, { cause: error });
    }
    throw error;
  }
  const sas = shortAuthString(parsed.secret, joiner.signPk, joiner.boxPk, parsed.vaultId);
  // The secret is only needed for the SAS; a caller-parsed code stays the caller's to wipe.
  if (typeof code === 'string') memzero(parsed.secret);
  const joinSession: JoinSession = {
    relayUrl: parsed.relayUrl,
    vaultId: parsed.vaultId,
    answerMailboxId,
    key,
    identity,
    name: joiner.name,
    expiresAt: (deps.now ?? Date.now)() + PAIRING_TTL_MS,
  };
  return { joinSession, sas };
}
