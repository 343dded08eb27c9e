/**
 * Harness of the portal tests: the REAL server app with the sandbox portal on a real port
 * of 127.0.0.1 (dropped connections need a socket), a vault on fake-indexeddb with real
 * crypto at the KDF floor, and the OIDC login done as a browser would (GET the login page,
 * POST the practitioner form, follow nothing: read the Location header).
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { randomId, type Keyring } from '../../../app/crypto';
import { visitFromIntake, type StaffMember, type Visit } from '../../../app/domain';
import {
  completeLogin,
  createLoginRequest,
  discoverIssuer,
  refreshSession,
  type AuthorizationServer,
  type PortalClient,
  type PortalConfig,
  type QueueDeps,
} from '../../../app/portal';
import { createVault, listStaff, putVisit, type PortalSession } from '../../../app/store';
import { createApp } from '../../../sync-server/app';
import {
  KDF,
  PASSPHRASE,
  PHARMACY as STORE_PHARMACY,
  freshDb,
  intakeEntry,
  resultedVisit,
} from '../store/fixtures';

/** A sandbox test practitioner (valid RPPS Luhn key). */
export const PRACTITIONER = { rpps: '10001234565', name: 'Claire Dupont' };
/** The store fixtures' pharmacy with a FINESS whose Luhn key the portal checks. */
export const PHARMACY = { ...STORE_PHARMACY, finess: '750000002' };
export const CLIENT: PortalClient = {
  clientId: 'comptoir',
  redirectUri: 'http://127.0.0.1/portail/retour',
};

/** A running server with the sandbox portal. */
export interface Sandbox {
  readonly origin: string;
  readonly config: PortalConfig;
  close(): Promise<void>;
  faults(plan: Record<string, unknown>): Promise<void>;
  reset(): Promise<void>;
  received(): Promise<{
    transactions: number;
    observations: { id: string; identifier: string; rpps: string }[];
    creates: number;
    duplicatesPrevented: number;
  }>;
}

/** Starts `createApp` with the sandbox on 127.0.0.1:<random port>. */
export async function startSandbox(
  sandboxPortal: Parameters<typeof createApp>[0]['sandboxPortal'] = true,
): Promise<Sandbox> {
  const app = createApp({ staticDir: null, version: 't', sandboxPortal });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const config = ((await (await fetch(`${origin}/v1/config`)).json()) as { portal: PortalConfig })
    .portal;
  const control = (path: string, body?: unknown) =>
    fetch(`${config.issuer}/_control/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    }).then((r) => {
      if (!r.ok) throw new Error(`control ${path}: ${r.status}`);
    });
  return {
    origin,
    config,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    faults: (plan) => control('faults', plan),
    reset: () => control('reset'),
    received: async () => (await fetch(`${config.issuer}/_control/received`)).json(),
  };
}

/** The full login flow, without a browser. */
export async function login(
  as: AuthorizationServer,
  rpps = PRACTITIONER.rpps,
): Promise<PortalSession> {
  const request = await createLoginRequest(as, CLIENT);
  const page = await fetch(request.url);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(decodeEntities(m[1] ?? ''), decodeEntities(m[2] ?? ''));
  }
  form.set('rpps', rpps);
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '';
  const posted = await fetch(decodeEntities(action), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = posted.headers.get('Location');
  if (posted.status !== 302 || !location) throw new Error(`authorize: ${posted.status}`);
  return completeLogin(as, CLIENT, request, location);
}

function decodeEntities(s: string): string {
  return s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

/** A vault whose admin is the sandbox practitioner, and an app-like session holder. */
export async function portalVault() {
  const t = await freshDb();
  const created = await createVault(t.db, {
    pharmacy: PHARMACY,
    admin: { name: PRACTITIONER.name, rpps: PRACTITIONER.rpps, label: 'Claire' },
    passphrase: PASSPHRASE,
    kdf: KDF,
  });
  const [staff] = await listStaff(t.db, created.keyring);
  if (!staff) throw new Error('no staff');
  return Object.assign(t, created, { staff });
}

/** Stores `count` resulted visits read by `staff`; returns them. */
export async function resultedVisits(
  db: Parameters<typeof putVisit>[0],
  keyring: Keyring,
  staff: StaffMember,
  count: number,
): Promise<Visit[]> {
  const visits: Visit[] = [];
  for (let i = 0; i < count; i += 1) {
    const base = resultedVisit(visitFromIntake(intakeEntry(randomId())));
    if (!base.result) throw new Error('fixture without result');
    const visit: Visit = {
      ...base,
      result: {
        ...base.result,
        readBy: { staffId: staff.id, name: staff.name, rpps: staff.rpps },
      },
    };
    await putVisit(db, keyring, { ...visit, state: 'sampled', result: undefined });
    await putVisit(db, keyring, visit);
    visits.push(visit);
  }
  return visits;
}

/** Queue dependencies against the sandbox; `holder.portal` is the mutable app session. */
export function queueDeps(
  v: Awaited<ReturnType<typeof portalVault>>,
  sandbox: Sandbox,
  as: AuthorizationServer,
  holder: { portal: PortalSession | null; locked?: boolean },
  extra: Partial<QueueDeps> = {},
): QueueDeps {
  return {
    db: v.db,
    keyring: () => {
      if (holder.locked) throw new Error('locked');
      return v.keyring;
    },
    pharmacy: () => PHARMACY,
    session: () => ({ staff: v.staff, portal: holder.portal }),
    config: () => sandbox.config,
    refresh: async (s) => {
      const next = await refreshSession(as, CLIENT, s);
      holder.portal = next;
      return next;
    },
    fetchImpl: fetch,
    ...extra,
  };
}

export { discoverIssuer };
