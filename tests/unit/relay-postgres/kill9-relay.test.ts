/**
 * Durability of REAL relay processes on PostgreSQL: two relays share one database (as behind
 * a load balancer) and are each `kill -9`ed in the middle of a push storm, three rounds.
 * Every push that got a 2xx is there after restart, exactly once, at the seq it was
 * acknowledged with, byte for byte (scenario: relay-attacks/kill9-storm.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, tempRelayDir } from '../relay-attacks/harness';
import { kill9Storm } from '../relay-attacks/kill9-storm';
import { freshSchema, sql } from '../../pg/postgres';

const dir = tempRelayDir();
let databaseUrl = '';
const storm = kill9Storm({
  start: (port) => startRelay({ port, databaseUrl, staticDir: dir.staticDir }),
  relays: 2,
  pushers: 6,
});

beforeAll(async () => {
  databaseUrl = await freshSchema('kill9');
});

afterAll(async () => {
  await storm.stop();
  dir.rm();
});

describe('two relay processes on PostgreSQL under kill -9 during a push storm', () => {
  it('keep every acknowledged push exactly once across SIGKILL restarts', async () => {
    await storm.run();
    // The database agrees: one row per bundle id, seqs unique per vault, usage = sum(size).
    const [counts] = await sql<{ rows: string; ids: string; bytes: string; usage: string }>(
      databaseUrl,
      `SELECT count(*) AS rows, count(DISTINCT (vault_id, bundle_id)) AS ids,
              sum(size) AS bytes, (SELECT sum(usage_bytes) FROM vault_usage) AS usage
       FROM bundles`,
    );
    expect(counts?.ids).toBe(counts?.rows);
    expect(counts?.usage).toBe(counts?.bytes);
  }, 60_000);
});
