/**
 * Server configuration from the environment. Parsed once at start-up; a bad value stops the
 * process with a clear message instead of starting half-configured.
 */
import { resolve } from 'node:path';

/** Everything `index.ts` needs to start the server. */
export interface ServerConfig {
  /** TCP port (env `PORT`, default 8787). */
  port: number;
  /** Interface to bind (env `HOST`, default 127.0.0.1: put a TLS reverse proxy in front). */
  host: string;
  /** Folder of the built PWA (env `COMPTOIR_STATIC_DIR`, default `dist/`). */
  staticDir: string;
  /** Access log of method, route and status, never bodies (env `COMPTOIR_ACCESS_LOG=0` to disable). */
  accessLog: boolean;
}

const DEFAULT_PORT = 8787;

/** Parses `env` into a {@link ServerConfig}; throws `Error` naming the bad variable. */
export function parseServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? DEFAULT_PORT : Number(env.PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be an integer between 1 and 65535 (got "${env.PORT}").`);
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    staticDir: resolve(env.COMPTOIR_STATIC_DIR || 'dist'),
    accessLog: env.COMPTOIR_ACCESS_LOG !== '0',
  };
}
