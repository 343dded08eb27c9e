/**
 * Shared helpers of the sandbox portal tests: a portal mounted at `/sandbox-portal`, the
 * OIDC code flow with PKCE, and a valid screening-result transaction Bundle.
 */
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { Hono } from 'hono';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  createSandboxPortal,
  type SandboxControl,
  type SandboxPortalOptions,
} from '../../../sync-server/sandbox-portal';

export const ORIGIN = 'http://localhost';
export const ISS = `${ORIGIN}/sandbox-portal`;
export const REDIRECT_URI = 'http://localhost:5173/portail/retour';
export const CLAIRE = { rpps: '10001234565', name: 'Claire Dupont' };
export const MARC = { rpps: '10007654329', name: 'Marc Leroy' };

/** A fresh portal mounted like the server does, with a settable clock. */
export function mountPortal(options: SandboxPortalOptions = {}) {
  const clock = { ms: Date.parse('2025-03-10T10:00:00Z') };
  const portal = createSandboxPortal({ now: () => clock.ms, ...options });
  const app = new Hono().route('/sandbox-portal', portal.app);
  const request = (path: string, init?: RequestInit) => app.request(`${ISS}${path}`, init);
  return { app, control: portal.control as SandboxControl, clock, request };
}

export type Mounted = ReturnType<typeof mountPortal>;

/** A PKCE verifier and its S256 challenge (RFC 7636 §4.1–4.2). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeParams(challenge: string, extra: Record<string, string> = {}) {
  return new URLSearchParams({
    response_type: 'code',
    client_id: 'comptoir',
    redirect_uri: REDIRECT_URI,
    state: 'st-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    scope: 'openid profile',
    nonce: 'n-456',
    ...extra,
  });
}

export const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** Logs in as `rpps` and returns the redirect URL carrying code, state and iss. */
export async function authorize(m: Mounted, challenge: string, rpps = CLAIRE.rpps): Promise<URL> {
  const params = Object.fromEntries(authorizeParams(challenge));
  const res = await m.request('/authorize', form({ ...params, rpps }));
  if (res.status !== 302) throw new Error(`authorize answered ${res.status}`);
  return new URL(res.headers.get('location') ?? '');
}

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
  id_token: string;
  scope: string;
}

/** The whole code flow; returns the token response. */
export async function login(m: Mounted, rpps = CLAIRE.rpps): Promise<TokenResponse> {
  const { verifier, challenge } = pkcePair();
  const code = (await authorize(m, challenge, rpps)).searchParams.get('code') ?? '';
  const res = await m.request(
    '/token',
    form({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      client_id: 'comptoir',
    }),
  );
  if (res.status !== 200) throw new Error(`token answered ${res.status}`);
  return (await res.json()) as TokenResponse;
}

/** POSTs `bundle` (object or raw text) to the FHIR endpoint. */
export function postTransaction(m: Mounted, token: string | null, bundle: unknown) {
  const headers: Record<string, string> = { 'Content-Type': 'application/fhir+json' };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const body = typeof bundle === 'string' ? bundle : JSON.stringify(bundle);
  return m.request('/fhir', { method: 'POST', headers, body });
}

function entry(resource: Resource, ifNoneExist?: string): BundleEntry & { fullUrl: string } {
  const request: NonNullable<BundleEntry['request']> = {
    method: 'POST',
    url: resource.resourceType,
  };
  if (ifNoneExist) request.ifNoneExist = ifNoneExist;
  return { fullUrl: `urn:uuid:${randomUUID()}`, resource, request };
}

/** A valid transaction for one visit, performed by `rpps`. */
export function resultBundle(visitId: string = randomUUID(), rpps = CLAIRE.rpps): Bundle {
  const patient = entry({
    resourceType: 'Patient',
    name: [{ family: 'Martin', given: ['Julie'] }],
    gender: 'female',
    birthDate: '1985-04-12',
  });
  const practitioner = entry(
    {
      resourceType: 'Practitioner',
      identifier: [{ system: 'urn:oid:1.2.250.1.71.4.2.1', value: rpps }],
      name: [{ text: 'Claire Dupont' }],
    },
    `identifier=urn:oid:1.2.250.1.71.4.2.1|${rpps}`,
  );
  const organization = entry(
    {
      resourceType: 'Organization',
      identifier: [{ system: 'urn:oid:1.2.250.1.71.4.2.2', value: '750001232' }],
      name: 'Pharmacie du Marché',
    },
    'identifier=urn:oid:1.2.250.1.71.4.2.2|750001232',
  );
  const specimen = entry({
    resourceType: 'Specimen',
    type: { coding: [{ system: 'http://snomed.info/sct', code: '697989009' }] },
    subject: { reference: patient.fullUrl },
    collection: { collectedDateTime: '2025-03-10T09:30:00+01:00' },
  });
  const device = entry({
    resourceType: 'Device',
    identifier: [
      { system: 'https://covid-19-diagnostics.jrc.ec.europa.eu/devices', value: '1232' },
    ],
  });
  const observation = entry(
    {
      resourceType: 'Observation',
      identifier: [{ system: 'urn:comptoir:visit', value: visitId }],
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '94558-4' }] },
      subject: { reference: patient.fullUrl },
      effectiveDateTime: '2025-03-10T09:30:00+01:00',
      performer: [{ reference: practitioner.fullUrl }, { reference: organization.fullUrl }],
      valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260415000' }] },
      specimen: { reference: specimen.fullUrl },
      device: { reference: device.fullUrl },
    },
    `identifier=urn:comptoir:visit|${visitId}`,
  );
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [patient, practitioner, organization, specimen, device, observation],
  };
}

/** The resource of the first entry of `type` in `bundle` (for targeted corruption). */
export function resourceOf<T extends Resource>(bundle: Bundle, type: T['resourceType']): T {
  const found = bundle.entry?.find((e) => e.resource?.resourceType === type)?.resource;
  if (!found) throw new Error(`no ${type} in bundle`);
  return found as T;
}
