/**
 * Server child processes of the sync/relay benchmarks: spawned in their own process group,
 * ready once their stdout matches a pattern, and always killed — by `stop()`, and on exit,
 * SIGINT or SIGTERM of the bench process (a group kill also reaches any grandchild).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A running server child. */
export interface ServerChild {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly pid: number;
  /** Kills the process group and waits for the exit. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone: nothing to kill.
  }
}

process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of running) killGroup(child, 'SIGKILL');
    process.exit(130);
  });
}

/** A free TCP port on 127.0.0.1 (for servers that cannot listen on port 0). */
export async function freePort(): Promise<number> {
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

/**
 * Spawns `command args` in `cwd`, resolves when stdout matches `ready` (its group 1 is the
 * port when `port` is not given).
 * @throws Error when the child exits or stays silent for 30 s.
 */
export async function startChild(
  command: string,
  args: readonly string[],
  ready: RegExp,
  opts: { cwd?: string; port?: number } = {},
): Promise<ServerChild> {
  const child = spawn(command, args, {
    cwd: opts.cwd,
    detached: true,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));
  const stop = async (): Promise<void> => {
    child.stdin?.end();
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${command}: not ready after 30 s`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}) before ready`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = ready.exec(out);
      if (!match) return;
      clearTimeout(timer);
      resolve(opts.port ?? Number(match[1]));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  child.stdout?.resume(); // keep draining whatever it prints afterwards
  return { url: `http://127.0.0.1:${port}`, pid: child.pid ?? -1, stop };
}

/** Starts `relay-server.ts` in a child Node process (`memory`, `bare` or `sqlite <file>`). */
export async function startRelayServer(...args: string[]): Promise<ServerChild> {
  const entry = fileURLToPath(new URL('./relay-server.ts', import.meta.url));
  return startChild(process.execPath, ['--import', 'tsx', entry, ...args], /port=(\d+)/);
}
