/**
 * The pg-facing half of `PostgresEventHub`: announcements between the relays of one
 * database over LISTEN/NOTIFY (https://www.postgresql.org/docs/15/sql-listen.html,
 * https://node-postgres.com/apis/client#notification). Payload: `postgres-notify-payload.ts`.
 *
 * - One dedicated `pg.Client` per relay process runs `LISTEN comptoir_bundles` and stays
 *   open; when it drops (server restart, `pg_terminate_backend`, network) it is replaced,
 *   with exponential backoff and jitter, for as long as the bus is open, and `onReconnect`
 *   is called once it listens again (what was said in between is lost: the hub resyncs).
 *   TCP keep-alive makes a silently dead connection fail instead of hanging forever.
 * - NOTIFY goes through a small pool of its own (`SELECT pg_notify($1, $2)`, parameters,
 *   no quoting), so a relay can still announce while its LISTEN connection is being
 *   replaced. PostgreSQL delivers a notification only after its transaction committed, and
 *   the push it announces committed before: a listener that pulls sees the bundle.
 */
import { Client, type Pool } from 'pg';
import { createPostgresPool, POSTGRES_CONNECT_TIMEOUT_MS } from './postgres-pool';
import {
  ANNOUNCEMENT_MAX_CHARS,
  encodeAnnouncement,
  EVENTS_CHANNEL,
  parseAnnouncement,
} from './postgres-notify-payload';

/** Connections of the NOTIFY pool (a NOTIFY is one short statement). */
const NOTIFY_POOL_SIZE = 2;

/** Attempts of one NOTIFY: the second one gets a fresh connection if the first was dead. */
const NOTIFY_ATTEMPTS = 2;

/** Idle time before the LISTEN connection's first TCP keep-alive probe (ms). */
const LISTEN_KEEPALIVE_MS = 30_000;

/** Malformed payloads are logged at most once per this interval (ms), with a count. */
const MALFORMED_LOG_INTERVAL_MS = 60_000;

/** Reconnect delays of the LISTEN connection (ms): doubling from `first` up to `max`. */
export const LISTEN_RECONNECT_DELAY_MS = { first: 250, max: 10_000 } as const;

/** Options of {@link PostgresEventBus.open}. */
export interface PostgresEventBusOptions {
  /** The relay's database (the store's `COMPTOIR_DATABASE_URL`). */
  readonly connectionString: string;
  /** Each well-formed announcement heard, this relay's own included. */
  readonly onAnnounce: (vaultId: string, seq: number) => void;
  /** The LISTEN connection is back after an outage (not called for the first one). */
  readonly onReconnect: () => void;
  /** Operator log: error codes and counts only, never payloads. */
  readonly log: (line: string) => void;
  /** Reconnect backoff (default {@link LISTEN_RECONNECT_DELAY_MS}); tests shorten it. */
  readonly reconnectDelayMs?: { readonly first: number; readonly max: number };
}

type PgError = Error & { code?: string };

/** LISTEN/NOTIFY announcements of one relay process. */
export class PostgresEventBus {
  readonly #options: PostgresEventBusOptions;
  readonly #notifyPool: Pool;
  #client: Client | null = null;
  #connecting: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  #malformed = 0;
  #malformedLoggedAt = Number.NEGATIVE_INFINITY;

  private constructor(options: PostgresEventBusOptions) {
    this.#options = options;
    this.#notifyPool = createPostgresPool(
      options.connectionString,
      NOTIFY_POOL_SIZE,
      'relay events',
    );
  }

  /**
   * Opens the LISTEN connection; resolves once it listens.
   * @throws the connection's error when the first connection or LISTEN fails.
   */
  static async open(options: PostgresEventBusOptions): Promise<PostgresEventBus> {
    const bus = new PostgresEventBus(options);
    try {
      await bus.#listen();
    } catch (error) {
      await bus.#notifyPool.end();
      throw error;
    }
    return bus;
  }

  /** NOTIFY of `seq` to every relay of the database; a failure is logged, not thrown. */
  announce(vaultId: string, seq: number): void {
    if (this.#closed) return;
    let payload: string;
    try {
      payload = encodeAnnouncement(vaultId, seq);
    } catch (error) {
      // The bundle is stored already: its push must not fail for want of an announcement.
      this.#options.log(`relay events: not announced (${codeOf(error)})`);
      return;
    }
    void this.#notify(payload);
  }

  /** Ends the LISTEN connection (and any reconnect) and the NOTIFY pool. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#connecting?.catch(() => {});
    const client = this.#client;
    this.#client = null;
    await Promise.all([client?.end().catch(() => {}), this.#notifyPool.end()]);
  }

  async #notify(payload: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#notifyPool.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, payload]);
        return;
      } catch (error) {
        if (attempt >= NOTIFY_ATTEMPTS || this.#closed) {
          this.#options.log(`relay events: NOTIFY failed (${codeOf(error)})`);
          return;
        }
      }
    }
  }

  /** Connects a new client and LISTENs; it becomes the current one only when listening. */
  #listen(): Promise<void> {
    const client = new Client({
      connectionString: this.#options.connectionString,
      connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: LISTEN_KEEPALIVE_MS,
    });
    let cause: string | undefined;
    // Required: an 'error' without a listener would end the process. 'end' follows. The
    // first error names the cause (e.g. 57P01, terminated by the administrator); pg adds
    // "Connection terminated unexpectedly" after it.
    client.on('error', (error: PgError) => (cause ??= codeOf(error)));
    client.on('notification', (message) => this.#heard(message.payload));
    client.once('end', () => this.#dropped(client, cause ?? 'no code'));
    const connecting = (async () => {
      try {
        await client.connect();
        await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      } catch (error) {
        await client.end().catch(() => {});
        throw error;
      }
      this.#client = client;
    })();
    this.#connecting = connecting;
    return connecting.finally(() => {
      if (this.#connecting === connecting) this.#connecting = null;
    });
  }

  #heard(payload: string | undefined): void {
    const announcement = parseAnnouncement(payload);
    if (announcement !== null) {
      this.#options.onAnnounce(announcement.vaultId, announcement.seq);
      return;
    }
    // Logged by count and size only: the payload is whatever someone sent.
    this.#malformed += 1;
    const now = Date.now();
    if (now - this.#malformedLoggedAt < MALFORMED_LOG_INTERVAL_MS) return;
    this.#malformedLoggedAt = now;
    const length = payload?.length ?? 0;
    const size = length > ANNOUNCEMENT_MAX_CHARS ? `> ${ANNOUNCEMENT_MAX_CHARS}` : String(length);
    this.#options.log(
      `relay events: ignored ${this.#malformed} malformed notification(s) on ${EVENTS_CHANNEL} (last: ${size} chars)`,
    );
    this.#malformed = 0;
  }

  #dropped(client: Client, code: string): void {
    // A client that never listened is reported by #listen's caller, not here.
    if (client !== this.#client || this.#closed) return;
    this.#client = null;
    this.#options.log(`relay events: LISTEN connection lost (${code}); reconnecting`);
    this.#retry(0);
  }

  #retry(attempt: number): void {
    const { first, max } = this.#options.reconnectDelayMs ?? LISTEN_RECONNECT_DELAY_MS;
    // Full-range jitter on half the delay: relays restarted together do not reconnect in step.
    const delay = Math.min(max, first * 2 ** attempt) * (0.5 + Math.random() / 2);
    this.#timer = setTimeout(() => void this.#reconnect(attempt), delay);
  }

  async #reconnect(attempt: number): Promise<void> {
    if (this.#closed) return;
    try {
      await this.#listen();
    } catch (error) {
      if (this.#closed) return;
      if (attempt === 0 || attempt % 10 === 0) {
        this.#options.log(`relay events: LISTEN reconnect failed (${codeOf(error)}); retrying`);
      }
      this.#retry(attempt + 1);
      return;
    }
    if (this.#closed) return;
    this.#options.log('relay events: listening again; resyncing listened vaults');
    this.#options.onReconnect();
  }
}

/** SQLSTATE or Node error code, else the class name: never the message (it may quote SQL). */
function codeOf(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as PgError).code;
  return typeof code === 'string' ? code : error.name;
}
