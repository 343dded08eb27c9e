/**
 * Command-line entry of the Comptoir server: configuration from the environment, then
 * serve. `npm start` builds the PWA first, then runs this file.
 */
import { serve } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { Server } from 'node:http';
import { createApp } from './app';
import { parseServerConfig } from './config';
import {
  INLINE_VERIFIER,
  MemoryEventHub,
  ThreadVerifier,
  startRetentionSweep,
  type EventHub,
} from './relay';
import { PostgresEventHub } from './relay/postgres-event-hub';
import { openBundleStore } from './store/open-store';

/** On SIGTERM, how long requests in flight may take before open connections are cut (ms). */
const SHUTDOWN_GRACE_MS = 5_000;

const config = parseServerConfig(process.env);
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const store = await openBundleStore(config);
// With a shared database, live events cross relay instances (LISTEN/NOTIFY).
const events: EventHub = config.databaseUrl
  ? await PostgresEventHub.open({ connectionString: config.databaseUrl, store })
  : new MemoryEventHub();
// Ed25519 checks (two per push) on a worker thread: the event loop keeps the rest.
const verifier =
  config.verifyThreads > 0 ? new ThreadVerifier(config.verifyThreads) : INLINE_VERIFIER;
const stopSweep = startRetentionSweep(store, { log: (line) => console.warn(line) });
const app = createApp({
  staticDir: config.staticDir,
  version: pkg.version,
  log: config.accessLog ? (line) => console.warn(line) : undefined,
  portal: config.portal ?? undefined,
  sandboxPortal: config.portal === null,
  relay: { store, events, verifier },
});

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.warn(
    `Comptoir listening on http://${config.host}:${info.port} (static: ${config.staticDir})`,
  );
  if (config.portal === null) {
    console.warn('No national portal configured: sandbox portal mounted at /sandbox-portal.');
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopSweep();
    server.close(() => {
      Promise.all([events.close(), store.close(), verifier.close()]).then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    // `close` waits for every connection, and event streams never end on their own: give
    // requests in flight a moment, then cut what is left (devices reconnect elsewhere).
    const cut = (): void => {
      if (server instanceof Server) server.closeAllConnections();
    };
    setTimeout(cut, SHUTDOWN_GRACE_MS).unref();
  });
}
