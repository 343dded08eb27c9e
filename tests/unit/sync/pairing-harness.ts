/**
 * A relay in process (the real Hono app on a MemoryBundleStore, reached through
 * `app.request`) and device A with a vault registered on it.
 */
import { createKeyring, initCrypto, randomId, type Keyring } from '../../../app/crypto';
import { createGenesisEntry } from '../../../app/sync/device-log-entries';
import { createRelayClient, type RelayClient } from '../../../app/sync/relay-client';
import { createApp } from '../../../sync-server/app';
import { MemoryBundleStore } from '../../../sync-server/store/memory-store';

export const RELAY_URL = 'http://localhost:8787';

/** The relay app and a `fetch` that calls it in process. */
export function inProcessRelay(): { fetchImpl: typeof fetch; store: MemoryBundleStore } {
  const store = new MemoryBundleStore();
  const app = createApp({ staticDir: null, version: 't', relay: { store } });
  const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) =>
    app.request(input instanceof Request ? input : String(input), init)) as typeof fetch;
  return { fetchImpl, store };
}

/** A relay client signed by `keyring`. */
export function clientFor(keyring: Keyring, fetchImpl: typeof fetch): RelayClient {
  return createRelayClient({
    baseUrl: RELAY_URL,
    keyring: () => keyring,
    fetchImpl,
    now: Date.now,
  });
}

/** Device A: a fresh keyring whose vault is created on the relay (genesis entry). */
export async function deviceA(
  fetchImpl: typeof fetch,
): Promise<{ keyring: Keyring; relay: RelayClient }> {
  await initCrypto();
  const keyring = createKeyring(randomId());
  const relay = clientFor(keyring, fetchImpl);
  await relay.createVault(createGenesisEntry(keyring, 'Comptoir 1', Date.now()));
  return { keyring, relay };
}
