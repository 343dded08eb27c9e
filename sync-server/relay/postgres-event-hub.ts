/**
 * The event hub of relays that share one PostgreSQL database (`COMPTOIR_DATABASE_URL`): a
 * device listening on `/v1/vaults/:vault/events` on relay B hears of a push accepted by
 * relay A. Hub logic (local delivery, monotone seqs, resync): `shared-event-hub.ts`; the
 * LISTEN/NOTIFY side: `store/postgres-notify.ts`.
 */
import { redactDatabaseUrl } from '../config';
import type { BundleStore } from '../store/bundle-store';
import { PostgresEventBus, type PostgresEventBusOptions } from '../store/postgres-notify';
import { SharedEventHub } from './shared-event-hub';

/** Options of {@link PostgresEventHub.open}. */
export interface PostgresEventHubOptions {
  /** The database the relays share (the store's URL). */
  readonly connectionString: string;
  /** Where a resync after a lost LISTEN connection reads each vault's last seq. */
  readonly store: Pick<BundleStore, 'lastSeq'>;
  /** Operator log (default `console.warn`): error codes only, never ids or payloads. */
  readonly log?: (line: string) => void;
  /** LISTEN reconnect backoff (ms); tests shorten it. */
  readonly reconnectDelayMs?: PostgresEventBusOptions['reconnectDelayMs'];
}

/** {@link SharedEventHub} over PostgreSQL LISTEN/NOTIFY; `close()` ends its connections. */
export class PostgresEventHub extends SharedEventHub {
  /**
   * Connects the hub's LISTEN connection; resolves once it listens.
   * @throws Error naming the database (password masked) when it cannot listen.
   */
  static async open(options: PostgresEventHubOptions): Promise<PostgresEventHub> {
    const log = options.log ?? ((line: string) => console.warn(line));
    // The bus calls back into the hub, which needs the open bus: bound late. What is heard
    // before that reaches no one, and no one can subscribe before `open` resolves.
    let hub: PostgresEventHub | null = null;
    let bus: PostgresEventBus;
    try {
      bus = await PostgresEventBus.open({
        connectionString: options.connectionString,
        onAnnounce: (vaultId, seq) => hub?.receive(vaultId, seq),
        onReconnect: () => void hub?.resync(),
        log,
        reconnectDelayMs: options.reconnectDelayMs,
      });
    } catch (error) {
      const where = redactDatabaseUrl(options.connectionString);
      throw new Error(`Cannot listen for relay events on ${where}: ${describe(error)}`, {
        cause: error,
      });
    }
    hub = new PostgresEventHub(bus, options.store, log);
    return hub;
  }
}

/** One line of reason (Node reports a refused dual-stack connect with an empty message). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return error.message || (typeof code === 'string' ? code : error.name);
}
