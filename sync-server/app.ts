/**
 * createApp(deps): the one Hono app served by `npm start`: the built PWA, the sync relay
 * (`/v1/…`, when `deps.relay` is given) and the sandbox portal (`/sandbox-portal/…`).
 * One error handler answers generic bodies; logs never carry bodies or query strings.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { PortalConfig } from './config';
import { createRelay, type RelayOptions } from './relay';
import {
  createSandboxPortal,
  DEFAULT_CLIENT_ID,
  SANDBOX_MOUNT_PATH,
  type SandboxPortalOptions,
} from './sandbox-portal';
import { staticRoutes } from './static';

/** What the app needs from the outside world (injected so tests need no port). */
export interface AppDeps {
  /** Folder of the built PWA; `null` serves no static files (relay-only tests). */
  staticDir: string | null;
  /** Version string reported by `/v1/health`. */
  version: string;
  /** Access-log sink; receives method, route path, status and duration only. */
  log?: (line: string) => void;
  /** The national portal the app talks to (from the environment); wins over the sandbox. */
  portal?: PortalConfig;
  /**
   * Mounts the sandbox portal at `/sandbox-portal` (`true`, or its options), for
   * development when no real portal is configured.
   */
  sandboxPortal?: boolean | SandboxPortalOptions;
  /**
   * Mounts the sync relay (protocol v1) under `/v1`; without it only `/v1/health` and
   * `/v1/config` answer. Its log defaults to `log`.
   */
  relay?: RelayOptions;
}

/**
 * Content-Security-Policy of the PWA. `wasm-unsafe-eval` lets libsodium instantiate its
 * WebAssembly module (CSP Level 3) without allowing `eval` of JavaScript.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  mediaSrc: ["'self'", 'data:', 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Builds the server application. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // Path only: a query string may carry identifiers, a body may carry anything.
    const ms = (performance.now() - started).toFixed(1);
    deps.log?.(`${c.req.method} ${redactPath(c.req.path)} ${c.res.status} ${ms}ms`);
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      referrerPolicy: 'no-referrer',
      crossOriginEmbedderPolicy: false,
      permissionsPolicy: { camera: ['self'], microphone: [], geolocation: [] },
    }),
  );

  app.get('/v1/health', (c) => c.json({ ok: true, version: deps.version }));
  const sandbox = !deps.portal && deps.sandboxPortal ? sandboxOptions(deps.sandboxPortal) : null;
  /**
   * `GET /v1/config` → 200 `{ portal: { issuer, fhirBase, clientId } | null }`: the
   * configured portal, else the mounted sandbox (URLs from the request origin), else null.
   */
  app.get('/v1/config', (c) => {
    c.header('Cache-Control', 'no-cache');
    if (deps.portal) return c.json({ portal: deps.portal });
    if (!sandbox) return c.json({ portal: null });
    const issuer = `${new URL(c.req.url).origin}${SANDBOX_MOUNT_PATH}`;
    const clientId = sandbox.clientIds?.[0] ?? DEFAULT_CLIENT_ID;
    return c.json({ portal: { issuer, fhirBase: `${issuer}/fhir`, clientId } });
  });
  if (deps.relay) app.route('/v1', createRelay({ log: deps.log, ...deps.relay }));
  app.all('/v1/*', () => {
    throw new HTTPException(404);
  });

  if (sandbox) app.route(SANDBOX_MOUNT_PATH, createSandboxPortal(sandbox).app);
  // Keep the SPA fallback off the portal's paths: an unknown portal route is a 404.
  app.all(`${SANDBOX_MOUNT_PATH}/*`, () => {
    throw new HTTPException(404);
  });
  if (deps.staticDir !== null) app.route('/', staticRoutes(deps.staticDir));

  app.notFound((c) => c.json({ error: 'not_found' }, 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) {
      return c.json({ error: genericError(err.status) }, err.status);
    }
    // Never echo the error: it may quote a request. Name only its class for the operator.
    console.error(`unhandled error on ${c.req.method} ${c.req.path}: ${err.name}`);
    return c.json({ error: 'internal' }, 500);
  });
  return app;
}

function sandboxOptions(option: true | SandboxPortalOptions): SandboxPortalOptions {
  return option === true ? {} : option;
}

/** A pairing mailbox id is a capability (protocol v1): it never reaches a log. */
/**
 * The path as logged: pairing mailbox ids (bearer secrets) replaced by a placeholder, and
 * every control or non-ASCII character escaped, so a crafted URL (`%0A`, `%00`…) cannot
 * forge or break log lines.
 */
export function redactPath(path: string): string {
  return path
    .replace(/^\/v1\/pairing\/[^/]+/, '/v1/pairing/:mailbox')
    .replace(
      /[^\x21-\x7e]/g,
      (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    );
}

function genericError(status: number): string {
  if (status === 400) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 405) return 'method_not_allowed';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'too_many_requests';
  return 'request_error';
}
