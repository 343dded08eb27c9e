/**
 * Pairing step 1, on device A (unlocked, sync enabled): a fresh secret and mailbox, and the
 * code to show as a QR and as text (« Coller le code »).
 */
import { derivePairingKeys, generatePairingSecret, randomId, type Keyring } from '../crypto';
import {
  PAIRING_TTL_MS,
  encodeBase64Url,
  parseMailboxId,
  parseVaultId,
  type MailboxId,
} from '../../sync-server/protocol';
import { encodePairingCode } from './pairing-code';
import { PairingError } from './pairing-errors';
import type { PairingSession } from './pairing-session';

/** Inputs of {@link startPairing}. */
export interface StartPairingInput {
  /** A's live keyring (its vault id is the relay's vault id). */
  readonly keyring: Keyring;
  /** The relay base URL sync uses (from the sync meta). */
  readonly relayUrl: string;
  /** Clock, Unix ms (default `Date.now`). */
  readonly now?: () => number;
}

/**
 * Starts a pairing on device A.
 * @returns `code` (for the QR and the paste fallback; it contains the secret: show it, never
 *   log or store it) and the `session` for `awaitJoiner` / `approveJoiner` / `endPairing`
 * @throws PairingError 'locked' when the keyring's vault id is not a relay vault id
 * @throws PairingError 'invalid-code' when `relayUrl` is not https (or http on localhost)
 * @throws KeyringWipedError, CryptoNotReadyError
 */
export function startPairing(input: StartPairingInput): { code: string; session: PairingSession } {
  const vaultId = parseVaultId(input.keyring.vaultId);
  if (vaultId === null) throw new PairingError('locked');
  const mailboxId = randomId() as MailboxId;
  const secret = generatePairingSecret();
  const { key, answerMailbox } = derivePairingKeys(secret);
  const answerMailboxId = parseMailboxId(encodeBase64Url(answerMailbox));
  if (answerMailboxId === null) throw new TypeError('derived mailbox id is 16 bytes');
  const code = encodePairingCode({ relayUrl: input.relayUrl, vaultId, mailboxId, secret });
  const session: PairingSession = {
    relayUrl: input.relayUrl.replace(/\/+$/, ''),
    vaultId,
    mailboxId,
    answerMailboxId,
    secret,
    key,
    expiresAt: (input.now ?? Date.now)() + PAIRING_TTL_MS,
  };
  return { code, session };
}
