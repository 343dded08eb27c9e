/**
 * The PWA: a valid manifest with real icons, no installability error reported by
 * Chromium, the app shell served offline by the service worker, no patient route or data
 * in Cache Storage, and the update prompt when a new version is deployed.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { persistentTabletContext, startServer, type RunningServer } from './harness';
import { waitForControlledPage } from './flows';

let server: RunningServer;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  context = await persistentTabletContext();
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await waitForControlledPage(page);
});

afterAll(async () => {
  await context?.close();
  await server?.stop();
});

describe('progressive web app', () => {
  it('serves a manifest with name, theme and 192, 512 and maskable PNG icons', async () => {
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = (await (await fetch(new URL(href ?? '', server.url))).json()) as {
      name: string;
      short_name: string;
      theme_color: string;
      display: string;
      start_url: string;
      icons: { src: string; sizes: string; purpose?: string; type: string }[];
    };
    expect(manifest.short_name).toBe('Comptoir');
    expect(manifest.display).toBe('standalone');
    expect(manifest.theme_color).toBe('#0b6e4f');
    const sizes = manifest.icons.map((i) => `${i.sizes}:${i.purpose ?? 'any'}`);
    expect(sizes).toEqual(
      expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable']),
    );
    for (const icon of manifest.icons) {
      const bytes = new Uint8Array(
        await (await fetch(new URL(icon.src, server.url))).arrayBuffer(),
      );
      const view = new DataView(bytes.buffer);
      // PNG signature, then IHDR width/height (RFC 2083 §4.1.1).
      expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
      expect(`${view.getUint32(16)}x${view.getUint32(20)}`).toBe(icon.sizes);
    }
  });

  it('reports no installability error in Chromium', async () => {
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors).toEqual([]);
  });

  it('starts offline from the service worker cache', async () => {
    // Really offline: the server is down, every request to it fails.
    await server.stop();
    try {
      await page.reload();
      await page.getByRole('button', { name: "Créer l'officine" }).waitFor();
    } finally {
      await server.restart();
    }
  });

  it('precaches only build files: no server route and no data in Cache Storage', async () => {
    const urls = await page.evaluate(async () => {
      const out: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys())
          out.push(new URL(req.url).pathname);
      }
      return out;
    });
    expect(urls).toContain('/index.html');
    for (const url of urls)
      expect(url).toMatch(/^\/(index\.html|manifest\.webmanifest|assets\/|icons\/|registerSW)/);
  });

  it('offers the update when a new version is deployed, and applies it on request', async () => {
    const swPath = 'dist/sw.js';
    const original = readFileSync(swPath, 'utf8');
    try {
      appendFileSync(swPath, `\n// new version ${Date.now()}\n`);
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      await page
        .getByText('Une nouvelle version de Comptoir est disponible.')
        .waitFor({ timeout: 30_000 });
      const reloaded = page.waitForEvent('load');
      await page.getByRole('button', { name: 'Mettre à jour' }).click();
      await reloaded;
      await page.getByRole('button', { name: "Créer l'officine" }).waitFor();
    } finally {
      writeFileSync(swPath, original);
    }
  });

  it('sends security headers with the app shell', async () => {
    const res = await fetch(server.url);
    expect(res.headers.get('content-security-policy')).toContain(
      "script-src 'self' 'wasm-unsafe-eval'",
    );
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });
});
