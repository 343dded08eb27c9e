/**
 * Which portal the tablet talks to: the pharmacy's saved settings win, else the server's
 * public `/v1/config` (the sandbox portal under `npm start`). The server's answer is kept in
 * localStorage (public URLs only, never patient data) so the queue still knows its
 * endpoints after an offline restart.
 */
import type { PortalConfig, PortalSettings } from '../../portal';

const CACHE_KEY = 'comptoir.portal-config';

/** Parses a `{ issuer, fhirBase, clientId }` object, or null. */
function parseConfig(value: unknown): PortalConfig | null {
  if (typeof value !== 'object' || value === null) return null;
  const { issuer, fhirBase, clientId } = value as Record<string, unknown>;
  if (typeof issuer !== 'string' || typeof fhirBase !== 'string' || typeof clientId !== 'string') {
    return null;
  }
  return { issuer, fhirBase, clientId };
}

/** The server's portal configuration (network first, then the cached copy). */
export async function fetchServerPortalConfig(): Promise<PortalConfig | null> {
  try {
    const res = await fetch('/v1/config', { cache: 'no-store' });
    if (res.ok) {
      const body = (await res.json()) as { portal?: unknown };
      const config = parseConfig(body.portal);
      if (config) localStorage.setItem(CACHE_KEY, JSON.stringify(config));
      return config;
    }
  } catch {
    // offline: fall back to the last known configuration
  }
  try {
    return parseConfig(JSON.parse(localStorage.getItem(CACHE_KEY) ?? 'null'));
  } catch {
    return null;
  }
}

/** Settings override the server's defaults field by field. */
export function resolvePortalConfig(
  settings: PortalSettings,
  server: PortalConfig | null,
): PortalConfig | null {
  const issuer = settings.issuer ?? server?.issuer;
  const fhirBase = settings.fhirBase ?? server?.fhirBase;
  const clientId = settings.clientId ?? server?.clientId;
  return issuer && fhirBase && clientId ? { issuer, fhirBase, clientId } : null;
}
