import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../sync-server/store/group-commit';
import { bundle, bytesOf, useStores, useTempDirs } from './helpers';

describe('SqliteBundleStore group commit', () => {
  const { open } = useStores();

  it('stores 200 concurrent pushes in one transaction, seqs 1..200 in call order', async () => {
    const store = open();
    const before = store.commitStats.commits;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.putBundle(bundle('v1', `b${i}`, bytesOf(i)))),
    );
    expect(results).toEqual(
      Array.from({ length: 200 }, (_, i) => ({ status: 'stored', seq: i + 1 })),
    );
    expect(store.commitStats.commits - before).toBe(1);
    const listed = await store.listBundles('v1', 0, 1_000);
    expect(listed.map((b) => b.seq)).toEqual(results.map((_, i) => i + 1));
    expect(listed[199]?.bytes).toEqual(bytesOf(199));
  });

  it('answers duplicate with the first seq when one batch carries the same bundle twice', async () => {
    const store = open();
    const results = await Promise.all([
      store.putBundle(bundle('v1', 'a', bytesOf(1))),
      store.putBundle(bundle('v1', 'b', bytesOf(2))),
      store.putBundle(bundle('v1', 'a', bytesOf(1))),
      store.putBundle(bundle('v1', 'a', bytesOf(3))),
    ]);
    expect(results).toEqual([
      { status: 'stored', seq: 1 },
      { status: 'stored', seq: 2 },
      { status: 'duplicate', seq: 1 },
      { status: 'conflict' },
    ]);
    expect(store.commitStats.commits).toBe(1);
    expect(await store.usage('v1')).toBe(32);
  });

  it('applies the quota in call order inside one batch', async () => {
    const store = open();
    const quotaBytes = 100;
    const sizes = [40, 40, 30, 20, 1];
    const results = await Promise.all(
      sizes.map((size, i) =>
        store.putBundle(bundle('v1', `b${i}`, bytesOf(i, size), { quotaBytes })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['stored', 'stored', 'quota', 'stored', 'quota']);
    expect(results[3]).toEqual({ status: 'stored', seq: 3 });
    expect(await store.usage('v1')).toBe(100);
    expect(store.commitStats.commits).toBe(1);
  });

  it('orders mixed writes by call: the nonce replay and the vault race resolve in call order', async () => {
    const store = open();
    const [first, replay, put] = await Promise.all([
      store.rememberNonce('d1', 'n', 10_000, 0),
      store.rememberNonce('d1', 'n', 10_000, 0),
      store.putBundle(bundle('v1', 'b', bytesOf(1))),
    ]);
    expect([first, replay, put]).toEqual([true, false, { status: 'stored', seq: 1 }]);
    expect(store.commitStats).toEqual({ commits: 1, jobs: 3 });
  });

  it('commits sequential awaited calls in separate transactions', async () => {
    const store = open();
    await store.putBundle(bundle('v1', 'a', bytesOf(1)));
    await store.putBundle(bundle('v1', 'b', bytesOf(2)));
    expect(store.commitStats).toEqual({ commits: 2, jobs: 2 });
  });
});

describe('GroupCommit', () => {
  const newDir = useTempDirs();
  let db: Database.Database;
  afterEach(() => db.close());

  function setUp(maxBatch?: number): GroupCommit {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (v INTEGER PRIMARY KEY)');
    return new GroupCommit(db, maxBatch);
  }

  it('rolls back and rejects only the job that threw; the rest of the batch commits', async () => {
    const commit = setUp();
    const insert = db.prepare<[number]>('INSERT INTO t (v) VALUES (?)');
    const results = await Promise.allSettled([
      commit.run(() => insert.run(1).changes),
      commit.run(() => {
        insert.run(2);
        insert.run(1); // primary-key violation: the whole job, row 2 included, is undone
      }),
      commit.run(() => insert.run(3).changes),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT v FROM t ORDER BY v').pluck().all()).toEqual([1, 3]);
    expect(commit.stats).toEqual({ commits: 1, jobs: 3 });
  });

  it('splits a burst larger than maxBatch into several transactions', async () => {
    const commit = setUp(50);
    const insert = db.prepare<[number]>('INSERT INTO t (v) VALUES (?)');
    await Promise.all(Array.from({ length: 120 }, (_, i) => commit.run(() => insert.run(i))));
    expect(commit.stats).toEqual({ commits: 3, jobs: 120 });
  });

  it('rejects every job of a batch whose transaction cannot start, acknowledging none', async () => {
    const path = join(newDir(), 'locked.sqlite');
    db = new Database(path);
    db.pragma('busy_timeout = 0');
    db.exec('CREATE TABLE t (v INTEGER PRIMARY KEY)');
    const commit = new GroupCommit(db);
    const insert = db.prepare<[number]>('INSERT INTO t (v) VALUES (?)');
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE'); // another connection holds the write lock: SQLITE_BUSY
    const results = await Promise.allSettled([1, 2].map((v) => commit.run(() => insert.run(v))));
    other.exec('ROLLBACK');
    other.close();
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(commit.stats.commits).toBe(0);
    expect(commit.pending).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(0);
  });

  it('refuses to run inside a transaction opened by someone else (it could not commit)', async () => {
    const commit = setUp();
    db.exec('BEGIN');
    const result = commit.run(() => 1);
    await expect(result).rejects.toThrow(/open transaction/);
    db.exec('ROLLBACK');
  });
});
