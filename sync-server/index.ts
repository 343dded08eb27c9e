/**
 * Command-line entry of the Comptoir server: configuration from the environment, then
 * serve. `npm start` builds the PWA first, then runs this file.
 */
import { serve } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { createApp } from './app';
import { parseServerConfig } from './config';
import { startRetentionSweep } from './relay';
import { openBundleStore } from './store/open-store';

const config = parseServerConfig(process.env);
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const store = await openBundleStore(config);
const stopSweep = startRetentionSweep(store, { log: (line) => console.warn(line) });
const app = createApp({
  staticDir: config.staticDir,
  version: pkg.version,
  log: config.accessLog ? (line) => console.warn(line) : undefined,
  portal: config.portal ?? undefined,
  sandboxPortal: config.portal === null,
  relay: { store },
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
      store.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  });
}
