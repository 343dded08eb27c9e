/**
 * The submission queue against the REAL sandbox portal on 127.0.0.1: transmission,
 * retries after drops and outages without duplicates, Retry-After, rejections and
 * correction, token refresh, crash recovery, the concurrency bound.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IDBKeyRange } from 'fake-indexeddb';
import {
  SubmissionQueue,
  discoverIssuer,
  type AuthorizationServer,
  type QueueStatus,
} from '../../../app/portal';
import {
  countPendingSubmissions,
  dueSubmissions,
  getVisit,
  openComptoirDb,
  type PortalSession,
} from '../../../app/store';
import {
  login,
  portalVault,
  queueDeps,
  resultedVisits,
  startSandbox,
  type Sandbox,
} from './harness';

let sandbox: Sandbox;
let as: AuthorizationServer;

beforeAll(async () => {
  sandbox = await startSandbox();
  as = await discoverIssuer(sandbox.config.issuer);
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

function must<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('missing');
  return x;
}

async function setup(count: number) {
  const v = await portalVault();
  const visits = await resultedVisits(v.db, v.keyring, v.staff, count);
  const session = await login(as);
  const holder: { portal: PortalSession | null; locked?: boolean } = { portal: session };
  const [one] = visits;
  if (!one) throw new Error('no visit');
  return { v, visits, holder, one, session };
}

describe('SubmissionQueue', () => {
  it('transmits one result and stores the portal receipt', async () => {
    const { v, holder, one } = await setup(1);
    const statuses: QueueStatus[] = [];
    const q = new SubmissionQueue(
      queueDeps(v, sandbox, as, holder, { onChange: (s) => statuses.push(s) }),
    );
    await q.queue(one);
    expect(await q.drainOnce()).toEqual({ sent: 1, failed: 0, rejected: 0 });
    const stored = await getVisit(v.db, v.keyring, one.id);
    expect(stored.state).toBe('transmitted');
    expect(stored.transmission?.receipt).toMatch(/^Observation\/[^/]+/);
    expect(stored.transmission?.attempts).toBe(1);
    const received = await sandbox.received();
    expect(received.observations).toHaveLength(1);
    expect(received.observations[0]?.identifier).toContain(one.id);
    expect(q.status).toMatchObject({ pending: 0, sending: 0, needsLogin: false, locked: false });
    expect(statuses.some((s) => s.sending === 1)).toBe(true);
  });

  it('retries after a dropped connection and a 503: exactly one Observation', async () => {
    const { v, holder, one } = await setup(1);
    let t = Date.now();
    const q = new SubmissionQueue(
      queueDeps(v, sandbox, as, holder, { now: () => t, random: () => 0.5 }),
    );
    await q.queue(one);
    await sandbox.faults({ drop: { count: 1, afterCommit: true } });
    expect(await q.drainOnce()).toEqual({ sent: 0, failed: 1, rejected: 0 });
    expect(q.status.lastError).toMatch(/injoignable/);
    const [row] = await dueSubmissions(v.db, t + 600_000, 10);
    expect(row?.attempts).toBe(1);
    expect(must(row).nextAttemptAt - t).toBe(1000); // 0.5 × min(cap, 2 s × 2^0)
    t = must(row).nextAttemptAt;
    await sandbox.faults({ fail: { status: 503, count: 1 } });
    expect(await q.drainOnce()).toMatchObject({ failed: 1 });
    t += 10_000;
    expect(await q.drainOnce()).toEqual({ sent: 1, failed: 0, rejected: 0 });
    const received = await sandbox.received();
    expect(received.observations).toHaveLength(1);
    expect(received.duplicatesPrevented).toBeGreaterThanOrEqual(1);
    expect((await getVisit(v.db, v.keyring, one.id)).transmission?.attempts).toBe(3);
  });

  it('honours Retry-After on 429: the next attempt is not before it', async () => {
    const { v, visits, holder } = await setup(2);
    const t = Date.now();
    const q = new SubmissionQueue(
      queueDeps(v, sandbox, as, holder, { now: () => t, random: () => 0, concurrency: 1 }),
    );
    for (const visit of visits) await q.queue(visit);
    await sandbox.faults({ fail: { status: 429, count: 1, retryAfterSeconds: 7 } });
    expect(await q.drainOnce()).toEqual({ sent: 0, failed: 1, rejected: 0 });
    const rows = await dueSubmissions(v.db, t + 3_600_000, 10);
    const failed = rows.find((r) => r.attempts === 1);
    expect(must(failed).nextAttemptAt).toBeGreaterThanOrEqual(t + 7000);
    // The whole queue paused: the other visit was not sent into the throttle.
    expect(rows).toHaveLength(2);
    expect((await sandbox.received()).transactions).toBe(0);
  });

  it('moves a refused visit to rejected with the portal’s French message; corrected, it goes', async () => {
    const { v, holder, one } = await setup(1);
    const q = new SubmissionQueue(queueDeps(v, sandbox, as, holder));
    await q.queue(one);
    await sandbox.faults({
      reject: {
        count: 1,
        status: 422,
        diagnostics: 'Date de naissance incohérente',
        expression: 'Patient.birthDate',
      },
    });
    expect(await q.drainOnce()).toEqual({ sent: 0, failed: 0, rejected: 1 });
    const rejected = await getVisit(v.db, v.keyring, one.id);
    expect(rejected.state).toBe('rejected');
    expect(rejected.transmission?.lastError).toMatch(/Date de naissance incohérente/);
    expect(await countPendingSubmissions(v.db)).toBe(0);

    const corrected = { ...rejected, identity: { ...rejected.identity, birthDate: '1980-03-01' } };
    await q.queue(corrected);
    expect(await q.drainOnce()).toEqual({ sent: 1, failed: 0, rejected: 0 });
    const sent = await getVisit(v.db, v.keyring, one.id);
    expect(sent.state).toBe('transmitted');
    expect(sent.identity.birthDate).toBe('1980-03-01');
    expect(sent.transmission?.lastError).toBeUndefined();
    expect((await sandbox.received()).observations).toHaveLength(1);
  });

  it('refreshes an expired token once and transmits', async () => {
    const { v, visits, holder, session } = await setup(3);
    holder.portal = { ...session, accessToken: 'garbage-token' };
    let refreshes = 0;
    const deps = queueDeps(v, sandbox, as, holder);
    const q = new SubmissionQueue({
      ...deps,
      refresh: (s) => {
        refreshes += 1;
        return deps.refresh(s);
      },
    });
    for (const visit of visits) await q.queue(visit);
    expect(await q.drainOnce()).toEqual({ sent: 3, failed: 0, rejected: 0 });
    expect(refreshes).toBe(1); // three parallel 401s share one refresh
    expect(holder.portal?.accessToken).not.toBe('garbage-token');
  });

  it('when the refresh fails: needs login, keeps the visit queued, resumes with a new session', async () => {
    const { v, holder, one, session } = await setup(1);
    holder.portal = { ...session, accessToken: 'garbage', refreshToken: 'garbage' };
    const q = new SubmissionQueue(queueDeps(v, sandbox, as, holder));
    await q.queue(one);
    expect(await q.drainOnce()).toEqual({ sent: 0, failed: 1, rejected: 0 });
    expect(q.status.needsLogin).toBe(true);
    expect(q.status.lastError).toMatch(/reconnectez-vous/);
    expect((await getVisit(v.db, v.keyring, one.id)).state).toBe('queued');
    // Same dead session: nothing is attempted.
    expect(await q.drainOnce()).toEqual({ sent: 0, failed: 0, rejected: 0 });
    holder.portal = await login(as);
    expect(await q.drainOnce()).toEqual({ sent: 1, failed: 0, rejected: 0 });
    expect(q.status.needsLogin).toBe(false);
  });

  it('does nothing while locked, and says so', async () => {
    const { v, holder, one } = await setup(1);
    const q = new SubmissionQueue(queueDeps(v, sandbox, as, holder));
    await q.queue(one);
    holder.locked = true;
    expect(await q.drainOnce()).toEqual({ sent: 0, failed: 0, rejected: 0 });
    expect(q.status.locked).toBe(true);
    holder.locked = false;
    expect(await q.drainOnce()).toMatchObject({ sent: 1 });
  });

  it('does not send with the portal session of another practitioner', async () => {
    const { v, holder, one } = await setup(1);
    holder.portal = await login(as, '10007654329');
    const q = new SubmissionQueue(queueDeps(v, sandbox, as, holder));
    await q.queue(one);
    expect(await q.drainOnce()).toEqual({ sent: 0, failed: 0, rejected: 0 });
    expect(q.status.needsLogin).toBe(true);
    expect((await sandbox.received()).transactions).toBe(0);
  });

  it('resumes after a crash and transmits exactly once', async () => {
    const { v, visits, holder } = await setup(2);
    const first = new SubmissionQueue(queueDeps(v, sandbox, as, holder));
    for (const visit of visits) await first.queue(visit);
    // The portal stores the first one, but the tablet never hears back; then the tab dies.
    await sandbox.faults({ drop: { count: 1, afterCommit: true } });
    await first.drainOnce();
    v.db.close();
    const db = await openComptoirDb({ name: v.name, indexedDB: v.factory, IDBKeyRange });
    const second = new SubmissionQueue(
      queueDeps({ ...v, db }, sandbox, as, holder, { now: () => Date.now() + 60_000 }),
    );
    expect((await second.drainOnce()).sent).toBeGreaterThanOrEqual(1);
    expect(await countPendingSubmissions(db)).toBe(0);
    const received = await sandbox.received();
    expect(received.observations.map((o) => o.identifier).sort()).toHaveLength(2);
    for (const visit of visits) {
      expect((await getVisit(db, v.keyring, visit.id)).state).toBe('transmitted');
    }
  });

  it('never has more than `concurrency` requests in flight', async () => {
    const { v, visits, holder } = await setup(10);
    let inFlight = 0;
    let max = 0;
    const counting: typeof fetch = async (input, init) => {
      inFlight += 1;
      max = Math.max(max, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight -= 1;
      }
    };
    const q = new SubmissionQueue(
      queueDeps(v, sandbox, as, holder, { fetchImpl: counting, concurrency: 3 }),
    );
    for (const visit of visits) await q.queue(visit);
    await sandbox.faults({ latencyMs: 50 });
    expect(await q.drainOnce()).toEqual({ sent: 10, failed: 0, rejected: 0 });
    expect(max).toBe(3);
  });

  it('runs on its own with start(): a timer at the next due time', async () => {
    const { v, holder, one } = await setup(1);
    let resolve: () => void = () => undefined;
    const done = new Promise<void>((r) => (resolve = r));
    let seen = false;
    const q = new SubmissionQueue(
      queueDeps(v, sandbox, as, holder, {
        random: () => 0,
        onChange: (s) => {
          if (s.pending > 0) seen = true;
          else if (seen && s.sending === 0) resolve();
        },
      }),
    );
    q.start();
    await sandbox.faults({ fail: { status: 503, count: 1, retryAfterSeconds: 0 } });
    await q.queue(one);
    await done;
    await q.stop();
    expect((await getVisit(v.db, v.keyring, one.id)).state).toBe('transmitted');
  });
});
