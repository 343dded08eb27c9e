/**
 * A private PostgreSQL cluster for the tests: `initdb` into a fresh temp folder, `postgres`
 * as a child process on a free 127.0.0.1 port (and a unix socket in the folder), fsync and
 * synchronous_commit on, one database created. As root it runs as the `postgres` user
 * (initdb refuses root). Stopping it (immediate shutdown) also removes the folder; if the test
 * process exits without stopping it, the postmaster is SIGKILLed and its backends follow
 * (they exit when their postmaster dies).
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENSURE = join(ROOT, 'scripts', 'ensure-postgres.sh');
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
/** Database the tests get (each test file makes its own schemas or databases in it). */
export const TEST_DATABASE = 'comptoir_test';

/** A running test cluster. */
export interface TestCluster {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/comptoir_test` (scram-sha-256). */
  readonly url: string;
  /** Immediate shutdown, then the folder is removed. Idempotent. */
  stop(): Promise<void>;
}

interface Owner {
  uid: number;
  gid: number;
}

/** How the cluster's programs run: in its folder, as its owner, with a minimal environment. */
interface RunAs extends Partial<Owner> {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const run = promisify(execFile);

/** The server binaries' folder, installing PostgreSQL first when missing. */
function ensurePostgres(): string {
  const out = execFileSync('bash', [ENSURE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 2] });
  const binDir = out.trim().split('\n').pop();
  if (!binDir) throw new Error('scripts/ensure-postgres.sh printed no folder');
  return binDir;
}

/** As root: the `postgres` user the cluster runs as (initdb and postgres refuse root). */
function clusterOwner(): Owner | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string): number =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Starts a fresh cluster; rejects with the server's log when it does not come up. */
export async function startTestCluster(): Promise<TestCluster> {
  const binDir = ensurePostgres();
  const owner = clusterOwner();
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-pg-'));
  const as: RunAs = { cwd: dir, ...owner, env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' } };
  try {
    if (owner) chownSync(dir, owner.uid, owner.gid);
    const password = randomBytes(18).toString('base64url');
    const pwfile = join(dir, 'pwfile');
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (owner) chownSync(pwfile, owner.uid, owner.gid);
    // --no-sync: initdb's own files need not survive an OS crash; the server runs fsync=on.
    await run(
      join(binDir, 'initdb'),
      [
        ...['-D', join(dir, 'data'), '-U', 'postgres', `--pwfile=${pwfile}`],
        ...['--auth-host=scram-sha-256', '--auth-local=trust', '-E', 'UTF8', '--locale=C'],
        ...['--no-sync', '--no-instructions'],
      ],
      as,
    );
    rmSync(pwfile);
    const { child, port } = await startServer(binDir, dir, as);
    const stop = stopper(child, dir);
    try {
      await createDatabase(dir, port);
    } catch (error) {
      await stop();
      throw error;
    }
    return { url: `postgres://postgres:${password}@127.0.0.1:${port}/${TEST_DATABASE}`, stop };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A free TCP port on 127.0.0.1 (bound then released; the harness of the relay tests has the
 * same helper, but importing it would load the whole relay into the global setup).
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** `postgres` on a free port; a port taken in the meantime is retried with another. */
async function startServer(
  binDir: string,
  dir: string,
  as: RunAs,
): Promise<{ child: ChildProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return { child: await spawnServer(binDir, dir, port, as), port };
    } catch (error) {
      if (attempt >= 3 || !/could not bind|address already in use/i.test(String(error))) {
        throw error;
      }
    }
  }
}

function spawnServer(binDir: string, dir: string, port: number, as: RunAs): Promise<ChildProcess> {
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    fsync: 'on',
    synchronous_commit: 'on',
    full_page_writes: 'on',
  };
  const args = ['-D', join(dir, 'data'), '-p', String(port)];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
  const child = spawn(join(binDir, 'postgres'), args, { ...as, stdio: ['ignore', 'pipe', 'pipe'] });
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`PostgreSQL did not start within ${READY_TIMEOUT_MS} ms:\n${log}`));
    }, READY_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      // Keep the tail only, and keep reading so that the pipe never fills up.
      log = (log + chunk.toString('utf8')).slice(-16_384);
      if (log.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited (${signal ?? code}) before it was ready:\n${log}`));
    });
  });
}

/** Creates {@link TEST_DATABASE} over the unix socket (trusted locally). */
async function createDatabase(dir: string, port: number): Promise<void> {
  const admin = new pg.Client({ host: dir, port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${TEST_DATABASE}`);
  } finally {
    await admin.end();
  }
}

function stopper(child: ChildProcess, dir: string): () => Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let stopping: Promise<void> | null = null;
  return () => {
    stopping ??= (async () => {
      // SIGQUIT = "immediate" shutdown: no final checkpoint (seconds of fsync with fsync=on),
      // useless for a cluster whose folder is removed next.
      child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopping;
  };
}
