/**
 * The one place HTTP answers of the portal become receipts or PortalErrors, checked with
 * a scripted fetch (statuses the sandbox does not produce on demand) and the real sandbox.
 */
import { visitFromIntake } from '../../../app/domain';
import { describe, expect, it } from 'vitest';
import { PortalError, submitVisit, type SubmitContext } from '../../../app/portal';
import { intakeEntry, resultedVisit } from '../store/fixtures';
import { PHARMACY, PRACTITIONER } from './harness';

const visit = {
  ...resultedVisit(visitFromIntake(intakeEntry('kX2m9Qv7Rt3nLp8WzYc4Aa'))),
  state: 'queued' as const,
};

function ctx(answer: () => Response | Promise<Response>): SubmitContext & { seen: RequestInit[] } {
  const seen: RequestInit[] = [];
  return {
    seen,
    fhirBase: 'https://portail.example/fhir',
    accessToken: 'SECRET_TOKEN',
    pharmacy: PHARMACY,
    performer: PRACTITIONER,
    now: () => Date.UTC(2021, 4, 3, 8, 0, 0),
    fetchImpl: async (_url, init) => {
      seen.push(init ?? {});
      return answer();
    },
  };
}

async function failure(c: SubmitContext): Promise<PortalError> {
  const e: unknown = await submitVisit(visit, c).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PortalError);
  expect(String((e as Error).message)).not.toContain('SECRET_TOKEN');
  return e as PortalError;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers });

describe('submitVisit', () => {
  it('POSTs a FHIR transaction with the bearer token and FHIR media types', async () => {
    const c = ctx(() => json(401, {}));
    await failure(c);
    const headers = new Headers(c.seen[0]?.headers);
    expect(c.seen[0]?.method).toBe('POST');
    expect(headers.get('Content-Type')).toBe('application/fhir+json');
    expect(headers.get('Accept')).toBe('application/fhir+json');
    expect(headers.get('Authorization')).toBe('Bearer SECRET_TOKEN');
    expect(JSON.parse(String(c.seen[0]?.body))).toMatchObject({ type: 'transaction' });
  });

  it.each([
    [401, 'needs-login'],
    [500, 'server'],
    [502, 'server'],
    [404, 'rejected'],
  ])('maps HTTP %i to %s', async (status, code) => {
    expect((await failure(ctx(() => json(status, {})))).code).toBe(code);
  });

  it('maps 429 and 503 to throttled with Retry-After in ms (seconds or HTTP-date)', async () => {
    const a = await failure(ctx(() => json(429, {}, { 'Retry-After': '3' })));
    expect(a).toMatchObject({ code: 'throttled', retryAfterMs: 3000, status: 429 });
    const b = await failure(
      ctx(() => json(503, {}, { 'Retry-After': 'Mon, 03 May 2021 08:01:00 GMT' })),
    );
    expect(b).toMatchObject({ code: 'throttled', retryAfterMs: 60_000 });
    expect((await failure(ctx(() => json(503, {})))).retryAfterMs).toBeUndefined();
  });

  it('turns a 4xx OperationOutcome into the French summary, else a generic French text', async () => {
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'value',
          diagnostics: 'Code postal inconnu',
          expression: ['Patient.address.postalCode'],
        },
      ],
    };
    const e = await failure(ctx(() => json(422, outcome)));
    expect(e.code).toBe('rejected');
    expect(e.message).toMatch(/Code postal inconnu/);
    expect((await failure(ctx(() => new Response('<html>', { status: 400 })))).message).toMatch(
      /refusé ce résultat/,
    );
  });

  it('says network on a fetch failure or abort, bad-response on a 2xx that is no receipt', async () => {
    const offline = ctx(() => Promise.reject(new TypeError('fetch failed')));
    expect((await failure(offline)).code).toBe('network');
    const aborted = ctx(() => Promise.reject(new DOMException('x', 'TimeoutError')));
    expect((await failure(aborted)).code).toBe('network');
    expect((await failure(ctx(() => json(200, { resourceType: 'Bundle' })))).code).toBe(
      'bad-response',
    );
  });

  it('refuses a visit without result as rejected (needs completing), without sending', async () => {
    const c = ctx(() => json(200, {}));
    const e: unknown = await submitVisit({ ...visit, result: undefined }, c).catch(
      (x: unknown) => x,
    );
    expect(e).toMatchObject({ code: 'rejected' });
    expect(c.seen).toHaveLength(0);
  });
});
