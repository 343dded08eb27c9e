/**
 * Waiting on a one-shot pairing mailbox: `GET /v1/pairing/:mailbox` until it answers bytes,
 * the session expires or the caller aborts.
 */
import type { MailboxId } from '../../sync-server/protocol';
import { PairingError } from './pairing-errors';

/** Reads and empties a mailbox; null while it is empty (relay 404). */
export type TakeMailbox = (id: MailboxId) => Promise<Uint8Array | null>;
/** Fills a mailbox; rejects (SyncError status 409) when it is already filled. */
export type PutMailbox = (id: MailboxId, bytes: Uint8Array) => Promise<void>;

/** Options of the `await…` steps. */
export interface PollOptions {
  readonly takeMailbox: TakeMailbox;
  /** Aborts the wait (screen closed, « Annuler »). */
  readonly signal?: AbortSignal;
  /** Delay between two reads (default 2 s). */
  readonly pollMs?: number;
  /** Clock, Unix ms (default `Date.now`). */
  readonly now?: () => number;
}

/** Default delay between two mailbox reads. */
export const DEFAULT_PAIRING_POLL_MS = 2_000;

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new PairingError('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Polls `id` until it holds bytes.
 * @param expiresAt - Unix ms after which waiting stops
 * @throws PairingError 'aborted' when `signal` aborts, 'expired' after `expiresAt`
 * @throws SyncError when the relay fails (network, rate limit…): the caller may retry
 */
export async function pollMailbox(
  id: MailboxId,
  expiresAt: number,
  options: PollOptions,
): Promise<Uint8Array> {
  const now = options.now ?? Date.now;
  for (;;) {
    if (options.signal?.aborted) throw new PairingError('aborted');
    const bytes = await options.takeMailbox(id);
    if (bytes !== null) return bytes;
    if (now() >= expiresAt) throw new PairingError('expired');
    await sleep(options.pollMs ?? DEFAULT_PAIRING_POLL_MS, options.signal);
  }
}
