/**
 * State of one pairing on each side. Sessions hold the pairing key: keep them in memory
 * only, and call {@link endPairing} when the screen closes (success, cancel or error).
 */
import { memzero, type DeviceIdentity } from '../crypto';
import type { MailboxId, VaultId } from '../../sync-server/protocol';

/** Device A's side: created by `startPairing`. */
export interface PairingSession {
  readonly relayUrl: string;
  readonly vaultId: VaultId;
  /** B→A mailbox (in the code). */
  readonly mailboxId: MailboxId;
  /** A→B mailbox (derived from the secret). */
  readonly answerMailboxId: MailboxId;
  /** The 32-byte pairing secret (for the SAS). */
  readonly secret: Uint8Array;
  /** K, the message key. */
  readonly key: Uint8Array;
  /** Unix ms after which the code is refused (10 min, the relay's mailbox TTL). */
  readonly expiresAt: number;
}

/** Device B's side: created by `joinWithCode`. */
export interface JoinSession {
  readonly relayUrl: string;
  readonly vaultId: VaultId;
  readonly answerMailboxId: MailboxId;
  readonly key: Uint8Array;
  /** B's new device keys; they become the device keys of B's keyring. */
  readonly identity: DeviceIdentity;
  readonly name: string;
  readonly expiresAt: number;
}

/** The joiner as device A sees it, decrypted from the B→A mailbox. */
export interface Joiner {
  readonly deviceId: string;
  /** Ed25519 public key (32 bytes). */
  readonly signPk: Uint8Array;
  /** X25519 public key (32 bytes). */
  readonly boxPk: Uint8Array;
  /** Name B's staff typed, ≤ 64 characters (shown on A; untrusted until the SAS matches). */
  readonly name: string;
}

/** The device-log entry that added B, as A reports it in the keyring message. */
export interface DeviceLogPin {
  /** seq of the 'add' entry. */
  readonly seq: number;
  /** entryHash (hex SHA-256) of the 'add' entry. */
  readonly hash: string;
}

/**
 * Zeroes the session's secrets (`sodium_memzero`). Idempotent. It does not wipe B's
 * identity: after success its keys live on in the keyring (importSharedKeyring copies them);
 * on failure the caller wipes it with `session.identity.wipe()`.
 */
export function endPairing(session: PairingSession | JoinSession): void {
  memzero(session.key);
  if ('secret' in session) memzero(session.secret);
}
