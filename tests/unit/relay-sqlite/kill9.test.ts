import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleBytes } from './fixtures/bundle-bytes';
import { useStores } from './helpers';

const CHILD = fileURLToPath(new URL('./fixtures/put-loop.ts', import.meta.url));
const MIN_ACKS = 300;

interface Ack {
  vaultId: string;
  seq: number;
  bundleId: string;
}

/** Runs the child until it acknowledged at least MIN_ACKS pushes, kills it with SIGKILL. */
function runAndKill(path: string): Promise<{ acks: Ack[]; signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acks: Ack[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [vaultId = '', seq = '', bundleId = ''] = line.split(' ');
    acks.push({ vaultId, seq: Number(seq), bundleId });
    if (acks.length === MIN_ACKS) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    // 'close' fires after stdout is drained: every line the child wrote has been read.
    child.on('close', (code, signal) => {
      if (signal === null) reject(new Error(`child exited with ${code}: ${stderr}`));
      else resolve({ acks, signal });
    });
  });
}

describe('SqliteBundleStore under kill -9', () => {
  const { tempPath, open } = useStores();

  it('keeps every acknowledged bundle, byte for byte, after SIGKILL mid-load', async () => {
    const path = tempPath();
    const { acks, signal } = await runAndKill(path);
    expect(signal).toBe('SIGKILL');
    expect(acks.length).toBeGreaterThanOrEqual(MIN_ACKS);

    const db = new Database(path, { readonly: true });
    const row = db.prepare<[string, number], { bundle_id: string; bytes: Buffer }>(
      'SELECT bundle_id, bytes FROM bundles WHERE vault_id = ? AND seq = ?',
    );
    const missing = acks.filter((ack) => {
      const stored = row.get(ack.vaultId, ack.seq);
      return (
        stored?.bundle_id !== ack.bundleId ||
        !stored.bytes.equals(Buffer.from(bundleBytes(ack.bundleId)))
      );
    });
    db.close();
    expect(missing).toEqual([]);

    // The store itself reopens the crashed file and continues the sequence.
    const store = open(path);
    const vault = acks[0]?.vaultId ?? '';
    const last = await store.lastSeq(vault);
    const maxAcked = Math.max(...acks.filter((a) => a.vaultId === vault).map((a) => a.seq));
    expect(last).toBeGreaterThanOrEqual(maxAcked);
    const page = await store.listBundles(vault, 0, 10_000);
    expect(page.map((b) => b.seq)).toEqual(page.map((_, i) => i + 1));
  }, 20_000);
});
