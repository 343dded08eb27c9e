/**
 * Mailbox access for device B before it has a keyring: the relay client's unsigned
 * `putMailbox` / `takeMailbox` (pairing mailboxes are not signed, protocol v1), with a
 * keyring getter that refuses any signed call.
 */
import { createRelayClient } from './relay-client';
import { SyncError } from './errors';
import type { PutMailbox, TakeMailbox } from './pairing-poll';

/** Unsigned access to the pairing mailboxes of one relay. */
export interface PairingMailbox {
  readonly putMailbox: PutMailbox;
  readonly takeMailbox: TakeMailbox;
}

/**
 * @param baseUrl - the relay URL of the pairing code
 * @param fetchImpl - `fetch` (injected for tests: `app.request`)
 */
export function createPairingMailbox(baseUrl: string, fetchImpl: typeof fetch): PairingMailbox {
  const client = createRelayClient({
    baseUrl,
    fetchImpl,
    now: Date.now,
    keyring: () => {
      // Only reached by a signed call, which B cannot make before it is paired.
      throw new SyncError('auth');
    },
  });
  return {
    putMailbox: (id, bytes) => client.putMailbox(id, bytes),
    takeMailbox: (id) => client.takeMailbox(id),
  };
}
