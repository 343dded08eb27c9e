/**
 * One signed HTTP exchange with the relay: builds the URL, signs the path with query
 * exactly as sent, sends, and maps failures to {@link SyncError} (network errors here,
 * statuses in `syncErrorFromStatus`). Bodies are never logged.
 */
import type { Keyring } from '../crypto';
import { SyncError, syncErrorFromStatus } from './errors';
import { signRequest } from './sign-request';

/** What {@link relayFetch} needs from the client. */
export interface RelayFetchDeps {
  readonly baseUrl: string;
  readonly keyring: () => Keyring;
  readonly fetchImpl: typeof fetch;
  readonly now: () => number;
}

/** One request. */
export interface RelayFetchOptions {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Path and query, starting with `/v1`. */
  readonly path: string;
  readonly body?: Uint8Array;
  /** Body is JSON (else `application/octet-stream`). */
  readonly json?: boolean;
  /** Pairing mailboxes are not signed (the 128-bit id is the capability). */
  readonly unsigned?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Parses `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 * @returns milliseconds to wait, or undefined when absent or unreadable
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Sends one request.
 * @returns the 2xx response (body unread)
 * @throws SyncError 'network' when fetch fails (offline, DNS, reset), else by status
 * @throws KeyringWipedError when the keyring was wiped
 */
export async function relayFetch(deps: RelayFetchDeps, o: RelayFetchOptions): Promise<Response> {
  const url = new URL(o.path, deps.baseUrl);
  const body = o.body ?? new Uint8Array(0);
  const headers: Record<string, string> = o.unsigned
    ? {}
    : signRequest(deps.keyring(), o.method, url.pathname + url.search, body, deps.now());
  if (o.body) headers['content-type'] = o.json ? 'application/json' : 'application/octet-stream';
  let response: Response;
  try {
    response = await deps.fetchImpl(url, {
      method: o.method,
      headers,
      ...(o.body ? { body: o.body as Uint8Array<ArrayBuffer> } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
  } catch (cause) {
    throw new SyncError('network', undefined, { cause });
  }
  if (response.ok) return response;
  // Drain the generic error body so the connection can be reused.
  await response.body?.cancel();
  throw syncErrorFromStatus(
    response.status,
    parseRetryAfter(response.headers.get('retry-after'), deps.now()),
  );
}
