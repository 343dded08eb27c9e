/**
 * The server app, in process through `app.request()` (no port): health, generic errors,
 * security headers, the PWA's cache rules and the SPA fallback.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../sync-server/app';
import { availableParallelism } from 'node:os';
import { parseServerConfig } from '../../../sync-server/config';

let dir: string;
const logs: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'comptoir-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Comptoir</title>');
  writeFileSync(join(dir, 'sw.js'), 'self.x = 1;');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'export {};');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const app = () => createApp({ staticDir: dir, version: '9.9.9', log: (l) => logs.push(l) });

describe('server app', () => {
  it('answers /v1/health with the version', async () => {
    const res = await app().request('/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: '9.9.9' });
  });

  it('answers unknown API routes with a generic 404 body', async () => {
    const res = await app().request('/v1/vaults/abc?name=MARTIN');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found' });
  });

  it('logs method, path and status, never the query string', async () => {
    logs.length = 0;
    await app().request('/v1/health?nir=285047511112321');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^GET \/v1\/health 200 /);
    expect(logs.join('\n')).not.toContain('285047511112321');
  });

  it('sends a strict CSP, no referrer and nosniff on every response', async () => {
    const res = await app().request('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('revalidates the app shell and the service worker, caches hashed assets for a year', async () => {
    expect((await app().request('/')).headers.get('cache-control')).toBe('no-cache');
    expect((await app().request('/sw.js')).headers.get('cache-control')).toBe('no-cache');
    const asset = await app().request('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves the app shell for client routes and 404 for missing files', async () => {
    const route = await app().request('/inscription');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Comptoir</title>');
    expect((await app().request('/assets/missing.js')).status).toBe(404);
  });

  it('serves no static files when built without a static folder', async () => {
    const bare = createApp({ staticDir: null, version: '1' });
    expect((await bare.request('/')).status).toBe(404);
  });
});

describe('server configuration', () => {
  it.each([
    [undefined, 8787],
    ['1', 1],
    ['65535', 65535],
  ])('accepts PORT=%s', (port, expected) => {
    expect(parseServerConfig({ PORT: port }).port).toBe(expected);
  });

  it.each(['0', '65536', 'abc', '80.5'])('refuses PORT=%s with a clear message', (port) => {
    expect(() => parseServerConfig({ PORT: port })).toThrow(/PORT must be an integer/);
  });

  it.each([
    ['0', 0],
    ['2', 2],
    ['16', 16],
  ])('accepts COMPTOIR_VERIFY_THREADS=%s', (value, expected) => {
    expect(parseServerConfig({ COMPTOIR_VERIFY_THREADS: value }).verifyThreads).toBe(expected);
  });

  it.each(['17', '-1', '1.5', 'two'])('refuses COMPTOIR_VERIFY_THREADS=%s', (value) => {
    expect(() => parseServerConfig({ COMPTOIR_VERIFY_THREADS: value })).toThrow(
      /COMPTOIR_VERIFY_THREADS must be an integer between 0 and 16/,
    );
  });

  it('verifies signatures on one worker thread by default when there are several cores', () => {
    const expected = availableParallelism() > 1 ? 1 : 0;
    expect(parseServerConfig({}).verifyThreads).toBe(expected);
  });

  it('binds to loopback unless HOST says otherwise', () => {
    expect(parseServerConfig({}).host).toBe('127.0.0.1');
    expect(parseServerConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
});

describe('access log', () => {
  it('cannot be forged with encoded line breaks or NUL bytes in the path', async () => {
    logs.length = 0;
    await app().request('/v1/x%0AGET%20/v1/fake%20200%200.1ms%00');
    expect(logs).toHaveLength(1);
    expect(logs[0]).not.toMatch(/[\n\r\0]/);
    expect(logs[0]).toContain('%0A');
  });

  it('never logs a pairing mailbox id', async () => {
    logs.length = 0;
    await app().request('/v1/pairing/AAAAAAAAAAAAAAAAAAAAAA');
    expect(logs.join('\n')).not.toContain('AAAAAAAAAAAAAAAAAAAAAA');
  });
});
