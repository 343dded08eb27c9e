/**
 * Static hosting of the built PWA with the cache rules a service-worker app needs:
 * hashed assets are immutable; `index.html`, `sw.js` and the manifest are revalidated on
 * every load so an update is seen at once (the service worker then asks before switching).
 */
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** Routes serving `staticDir`, with an SPA fallback to `index.html` for app routes. */
export function staticRoutes(staticDir: string): Hono {
  const root = relative(process.cwd(), staticDir) || '.';
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    if (c.res.status !== 200) return;
    const immutable = c.req.path.startsWith('/assets/');
    c.header('Cache-Control', immutable ? IMMUTABLE : REVALIDATE);
  });
  app.use('*', serveStatic({ root }));
  // Client-side routes (e.g. /inscription) get the app shell; files that don't exist 404.
  app.get('*', async (c, next) => {
    const last = c.req.path.split('/').pop() ?? '';
    if (last.includes('.')) return next();
    const index = join(staticDir, 'index.html');
    if (!existsSync(index)) return next();
    return serveStatic({ root, path: 'index.html' })(c, next);
  });
  return app;
}
