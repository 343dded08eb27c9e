/**
 * Pairing step 2, on device A: wait for B's join request, decrypt it, compute the 6-digit
 * code the staff compare on both screens.
 */
import { isCryptoError, openPairingMessage, shortAuthString } from '../crypto';
import { PairingError } from './pairing-errors';
import { parseJoinRequest } from './pairing-messages';
import { pollMailbox, type PollOptions } from './pairing-poll';
import type { Joiner, PairingSession } from './pairing-session';

/**
 * Waits (polling the B→A mailbox) for the joining device.
 * @returns the joiner's id, public keys and name, and the `sas` to show; approve only when
 *   staff confirm both screens show the same 6 digits
 * @throws PairingError 'integrity' when the message is not sealed under this code's key
 *   (the mailbox is one-shot: start a new pairing), 'expired', 'aborted'
 * @throws SyncError on relay failures (retry `awaitJoiner` with the same session)
 */
export async function awaitJoiner(
  session: PairingSession,
  options: PollOptions,
): Promise<{ joiner: Joiner; sas: string }> {
  const sealed = await pollMailbox(session.mailboxId, session.expiresAt, options);
  let plaintext: Uint8Array;
  try {
    plaintext = openPairingMessage(session.key, sealed, 'join-request');
  } catch (cause) {
    if (!isCryptoError(cause)) throw cause;
    throw new PairingError('integrity', undefined, { cause });
  }
  const joiner = parseJoinRequest(plaintext);
  const sas = shortAuthString(session.secret, joiner.signPk, joiner.boxPk, session.vaultId);
  return { joiner, sas };
}
