/**
 * Durability of the REAL relay process on SQLite: `kill -9` it repeatedly in the middle of a
 * push storm (same SQLite file, same port). Every push that got a 2xx is there after
 * restart, exactly once, at the seq it was acknowledged with; server seqs strictly increase
 * (scenario: kill9-storm.ts, shared with the PostgreSQL store).
 */
import { afterAll, describe, it } from 'vitest';
import { startRelay, tempRelayDir } from './harness';
import { kill9Storm } from './kill9-storm';

const dir = tempRelayDir();
const storm = kill9Storm({
  start: (port) => startRelay({ port, dbPath: dir.dbPath, staticDir: dir.staticDir }),
});

afterAll(async () => {
  await storm.stop();
  dir.rm();
});

describe('relay process under kill -9 during a push storm', () => {
  it('keeps every acknowledged push exactly once across SIGKILL restarts', storm.run, 50_000);
});
