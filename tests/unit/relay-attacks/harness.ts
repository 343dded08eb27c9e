/**
 * Test support for attacks on the REAL relay: the server entry (`sync-server/index.ts`) run
 * as a child process on an SQLite file (or a PostgreSQL database), raw HTTP clients
 * (node:http without keep-alive, and a bare TCP socket for bytes no HTTP client would send),
 * and vault setup over HTTP with the Ed25519 test devices of `tests/unit/relay/helpers.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeviceLogEntry, VaultId } from '../../../sync-server/protocol';
import { chainEntry, genesisEntry, randomId, TestDevice } from '../relay/helpers';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = join(ROOT, 'sync-server', 'index.ts');

/** A free TCP port on 127.0.0.1 (bound then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A temp folder with the relay's database path and an empty static folder. */
export function tempRelayDir(): { dir: string; dbPath: string; staticDir: string; rm: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-relay-attacks-'));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  return {
    dir,
    dbPath: join(dir, 'relay.sqlite'),
    staticDir,
    rm: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The relay child process. */
export interface RelayProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly base: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** True while the process has not exited. */
  alive(): boolean;
  /** SIGKILL (no-op when already gone); resolves when the process exited. */
  kill(): Promise<void>;
}

/**
 * Starts `node --import tsx sync-server/index.ts`; resolves once it listens. The store is
 * the SQLite file `dbPath`, or the PostgreSQL database `databaseUrl` when given.
 */
export async function startRelay(opts: {
  port: number;
  staticDir: string;
  dbPath?: string;
  databaseUrl?: string;
}): Promise<RelayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      COMPTOIR_DB_PATH: opts.databaseUrl ? '' : opts.dbPath,
      COMPTOIR_DATABASE_URL: opts.databaseUrl ?? '',
      COMPTOIR_STATIC_DIR: opts.staticDir,
      COMPTOIR_ACCESS_LOG: '1',
      COMPTOIR_PORTAL_FHIR_BASE: '',
      COMPTOIR_PORTAL_ISSUER: '',
      COMPTOIR_PORTAL_CLIENT_ID: '',
    },
  });
  let output = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes('Comptoir listening on')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    void exit.then(() => reject(new Error(`relay exited before listening:\n${output}`)));
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  try {
    await listening;
  } finally {
    clearTimeout(timer);
  }
  return {
    child,
    port: opts.port,
    base: `http://127.0.0.1:${opts.port}`,
    output: () => output,
    alive: () => !exited && child.exitCode === null && child.signalCode === null,
    kill: async () => {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
  };
}

/** An HTTP answer, body as bytes and text. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

/** Request options of {@link send}. */
export interface SendOptions {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  /** Send the body with Transfer-Encoding: chunked, in chunks of this size. */
  chunked?: number;
  /** Resolve on the response head (event streams never end). */
  headOnly?: boolean;
  timeoutMs?: number;
}

/**
 * One request on its own connection (no keep-alive: the relay may be SIGKILLed between
 * requests). Rejects on a network error before any response.
 */
export function send(port: number, opts: SendOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body =
      opts.body === undefined
        ? undefined
        : typeof opts.body === 'string'
          ? Buffer.from(opts.body, 'utf8')
          : Buffer.from(opts.body.buffer, opts.body.byteOffset, opts.body.byteLength);
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.chunked !== undefined) headers['transfer-encoding'] = 'chunked';
    else if (body !== undefined && !hasHeader(headers, 'content-length')) {
      headers['content-length'] = String(body.length);
    }
    let settled = false;
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: opts.method,
        path: opts.path,
        headers,
        agent: false,
        timeout: opts.timeoutMs ?? 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        const done = (): void => {
          if (settled) return;
          settled = true;
          const buffer = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: buffer,
            text: buffer.toString('utf8'),
          });
        };
        if (opts.headOnly) {
          done();
          res.destroy();
          req.destroy();
          return;
        }
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', done);
        res.on('error', done);
        res.on('close', done);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => {
      // A refused body may reset the socket after the answer: the answer wins.
      if (!settled) {
        settled = true;
        reject(err);
      }
    });
    if (body === undefined) {
      req.end();
    } else if (opts.chunked !== undefined) {
      const size = opts.chunked;
      let offset = 0;
      const pump = (): void => {
        while (offset < body.length) {
          const chunk = body.subarray(offset, offset + size);
          offset += size;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    } else {
      req.end(body);
    }
  });
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

/**
 * Raw bytes over TCP (for what node:http refuses to send: non-ASCII header bytes, lying
 * lengths, cut bodies). Reads until the server closes or `waitMs` elapse; parses the status
 * line.
 */
export function sendRaw(
  port: number,
  head: Buffer,
  body: Buffer = Buffer.alloc(0),
  opts: { waitMs?: number; halfClose?: boolean } = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const chunks: Buffer[] = [];
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : 0, text });
    };
    const timer = setTimeout(finish, opts.waitMs ?? 5_000);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(text);
      if (end >= 0 && length && text.length >= end + 4 + Number(length[1])) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('end', finish);
    socket.on('connect', () => {
      socket.write(head);
      if (body.length > 0) socket.write(body);
      // FIN after the bytes: the server sees the request end early.
      if (opts.halfClose) socket.end();
    });
  });
}

/** Signature headers of `device` over the request, at the relay's clock (Date.now()). */
export function signedHeaders(
  device: TestDevice,
  method: string,
  pathWithQuery: string,
  body?: Uint8Array | string,
  opts: { timestamp?: number; nonce?: string; signedBody?: Uint8Array | string } = {},
): Record<string, string> {
  const init = device.signedInit(method, pathWithQuery, body, {
    ...opts,
    timestamp: opts.timestamp ?? Date.now(),
  });
  return init.headers as Record<string, string>;
}

/** Two vaults over HTTP: A {A1 genesis, A2, revoked R}, B {B1}. */
export interface Vaults {
  vaultA: VaultId;
  vaultB: VaultId;
  a1: TestDevice;
  a2: TestDevice;
  revoked: TestDevice;
  b1: TestDevice;
  /** The last entry of vault A's log. */
  lastA: DeviceLogEntry;
  lastB: DeviceLogEntry;
  /** Extra devices added to vault A (for storms). */
  extra: TestDevice[];
}

async function expectStatus(
  port: number,
  opts: SendOptions,
  status: number,
  what: string,
): Promise<void> {
  const res = await send(port, opts);
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text}`);
}

/** Creates a vault whose genesis device is `device`. */
export async function createVaultOver(port: number, device: TestDevice) {
  const vault = randomId() as VaultId;
  const genesis = genesisEntry(device, vault);
  const body = JSON.stringify({ vault, genesis });
  await expectStatus(
    port,
    {
      method: 'POST',
      path: '/v1/vaults',
      body,
      headers: signedHeaders(device, 'POST', '/v1/vaults', body),
    },
    201,
    'create vault',
  );
  return { vault, genesis };
}

/** Appends an add/revoke entry signed (and sent) by `signer`. */
export async function appendOver(
  port: number,
  signer: TestDevice,
  last: DeviceLogEntry,
  kind: 'add' | 'revoke',
  subject: TestDevice,
): Promise<DeviceLogEntry> {
  const entry = chainEntry(signer, last, kind, subject);
  const path = `/v1/vaults/${last.vault}/devices`;
  const body = JSON.stringify(entry);
  await expectStatus(
    port,
    { method: 'POST', path, body, headers: signedHeaders(signer, 'POST', path, body) },
    201,
    `${kind} device`,
  );
  return entry;
}

/** Sets up {@link Vaults} on a running relay. */
export async function setupVaults(port: number, extraDevices = 0): Promise<Vaults> {
  const a1 = new TestDevice('A1');
  const a2 = new TestDevice('A2');
  const revoked = new TestDevice('Revoked');
  const b1 = new TestDevice('B1');
  const a = await createVaultOver(port, a1);
  let lastA = await appendOver(port, a1, a.genesis, 'add', a2);
  lastA = await appendOver(port, a1, lastA, 'add', revoked);
  lastA = await appendOver(port, a1, lastA, 'revoke', revoked);
  const extra: TestDevice[] = [];
  for (let i = 0; i < extraDevices; i++) {
    const device = new TestDevice(`Extra ${i}`);
    lastA = await appendOver(port, a1, lastA, 'add', device);
    extra.push(device);
  }
  const b = await createVaultOver(port, b1);
  return { vaultA: a.vault, vaultB: b.vault, a1, a2, revoked, b1, lastA, lastB: b.genesis, extra };
}

/** Seeded PRNG (mulberry32): reproducible fuzz runs. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `worker` over `items` with at most `concurrency` at a time. */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  worker: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const run = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await worker(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, run));
}
