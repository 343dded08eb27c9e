/**
 * End-to-end harness: starts the real Comptoir server (the same entry `npm start` runs) on a
 * free port, and Debian's Chromium through playwright-core with the flags this machine needs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  /** Starts the server again on the same port (after `stop`, to come back "online"). */
  restart(): Promise<void>;
  /** Everything the server printed (for the "no patient data in logs" checks). */
  output(): string;
  /** The relay's SQLite database file (for "the relay stores no plaintext" checks). */
  dbPath: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject()));
    });
  });
}

/** Starts `sync-server/index.ts` serving the already built `dist/`. */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  // The relay's SQLite file lives in a fresh folder per server (kept across restart()).
  const dbPath = join(mkdtempSync(join(tmpdir(), 'comptoir-relay-')), 'relay.sqlite');
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  let child = await spawnServer(port, dbPath, (text) => (out += text));
  return {
    url,
    dbPath,
    output: () => out,
    stop: () => stopChild(child),
    restart: async () => {
      await stopChild(child);
      child = await spawnServer(port, dbPath, (text) => (out += text));
    },
  };
}

async function spawnServer(
  port: number,
  dbPath: string,
  onOutput: (text: string) => void,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/index.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', COMPTOIR_DB_PATH: dbPath },
    stdio: 'pipe',
  });
  let out = '';
  const collect = (d: Buffer): void => {
    out += d.toString();
    onOutput(d.toString());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v1/health`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(`server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Launches headless Chromium; `extraArgs` e.g. fake-camera flags. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [...CHROMIUM_FLAGS, ...extraArgs],
    headless: true,
  });
}

/** A tablet-sized context (1024×768, touch) with French locale. */
export async function tabletContext(browser: Browser): Promise<BrowserContext> {
  return withTimeout(
    await browser.newContext({
      viewport: { width: 1024, height: 768 },
      hasTouch: true,
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    }),
  );
}

/** A phone-sized context (390×844, touch). */
export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  return withTimeout(
    await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    }),
  );
}

/** Steps wait at most 15 s (Argon2id unlocks take ~1 s; anything slower is a failure). */
function withTimeout(context: BrowserContext): BrowserContext {
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * A tablet-sized context in a real (non-incognito) profile: needed where Chromium treats
 * incognito differently — installability ("in-incognito") and storage quota overrides.
 * Closing the context closes the browser and deletes the profile.
 */
export async function persistentTabletContext(): Promise<BrowserContext> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
    headless: true,
    viewport: { width: 1024, height: 768 },
    hasTouch: true,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  context.once('close', () => {
    // Chromium may still be flushing the profile: retry, and never fail a test over it.
    setTimeout(() => {
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      } catch {
        // a leftover temp profile is harmless
      }
    }, 500);
  });
  return withTimeout(context);
}
