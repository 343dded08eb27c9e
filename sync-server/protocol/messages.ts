/**
 * JSON bodies of the relay routes (protocol v1 "Routes") with runtime parsers: the relay
 * parses requests, the app parses responses. Data from the network is unverified until parsed.
 */
import { decodeBase64Url } from './base64url';
import { parseDeviceLogEntry, type DeviceLogEntry } from './device-log';
import { ProtocolError } from './errors';
import { isId, type VaultId } from './ids';

/** `POST /v1/vaults` request. */
export interface CreateVaultRequest {
  readonly vault: VaultId;
  readonly genesis: DeviceLogEntry;
}
/** `POST /v1/vaults` → 201. */
export interface CreateVaultResponse {
  readonly vault: VaultId;
  readonly seq: 0;
}
/** `GET /v1/vaults/:vault/devices` → 200. */
export interface DeviceLogResponse {
  readonly entries: DeviceLogEntry[];
}
/** `POST /v1/vaults/:vault/devices` → 201. */
export interface AppendDeviceResponse {
  readonly seq: number;
}
/** `POST /v1/vaults/:vault/bundles` → 201 (stored) or 200 (duplicate). */
export interface PushBundleResponse {
  readonly seq: number;
  readonly duplicate: boolean;
}
/** One bundle of a pull: server seq and the bundle bytes in base64url. */
export interface PulledBundle {
  readonly seq: number;
  readonly data: string;
}
/** `GET /v1/vaults/:vault/bundles` → 200. */
export interface PullBundlesResponse {
  readonly bundles: PulledBundle[];
  /** seq of the last bundle returned, or `after` when none: the next `after`. */
  readonly next: number;
  /** More bundles wait after `next`. */
  readonly more: boolean;
}
/** `data` of an `event: bundle` server-sent event. */
export interface BundleEvent {
  readonly seq: number;
}
/** `GET /v1/health` → 200. */
export interface HealthResponse {
  readonly ok: true;
  readonly version: string;
}

/** Every `error` value the relay answers (bodies are `{ "error": code }`, nothing else). */
export type RelayErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'too_many_requests'
  | 'quota_exceeded'
  | 'internal';
export interface ErrorBody {
  readonly error: RelayErrorCode;
}

/** Name of the server-sent event announcing a new bundle. */
export const EVENT_BUNDLE = 'bundle';

/** @throws {ProtocolError} `malformed_message` or `invalid_entry`. */
export function parseCreateVaultRequest(value: unknown): CreateVaultRequest {
  const body = record(value, ['genesis', 'vault']);
  if (!isId(body.vault)) fail('vault');
  return { vault: body.vault as VaultId, genesis: parseDeviceLogEntry(body.genesis) };
}

/** @throws {ProtocolError} `malformed_message` or `invalid_entry`. */
export function parseDeviceLogResponse(value: unknown): DeviceLogResponse {
  const body = record(value, ['entries']);
  if (!Array.isArray(body.entries)) fail('entries');
  return { entries: body.entries.map(parseDeviceLogEntry) };
}

/** @throws {ProtocolError} `malformed_message`. */
export function parsePushBundleResponse(value: unknown): PushBundleResponse {
  const body = record(value, ['duplicate', 'seq']);
  if (!isSeq(body.seq) || typeof body.duplicate !== 'boolean') fail('push response');
  return { seq: body.seq, duplicate: body.duplicate };
}

/** @throws {ProtocolError} `malformed_message`. */
export function parsePullBundlesResponse(value: unknown): PullBundlesResponse {
  const body = record(value, ['bundles', 'more', 'next']);
  if (!Array.isArray(body.bundles) || !isCounter(body.next) || typeof body.more !== 'boolean') {
    fail('pull response');
  }
  const bundles = body.bundles.map((item: unknown) => {
    const b = record(item, ['data', 'seq']);
    if (!isSeq(b.seq) || typeof b.data !== 'string' || !decodeBase64Url(b.data)) fail('bundle');
    return { seq: b.seq, data: b.data };
  });
  return { bundles, next: body.next, more: body.more };
}

/** Parses the `data` line of an `event: bundle`. @throws {ProtocolError} `malformed_message`. */
export function parseBundleEvent(data: unknown): BundleEvent {
  if (typeof data !== 'string') fail('bundle event');
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (cause) {
    throw new ProtocolError('malformed_message', 'bundle event: not JSON', { cause });
  }
  const body = record(value, ['seq']);
  if (!isSeq(body.seq)) fail('bundle event');
  return { seq: body.seq };
}

function record(value: unknown, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('not an object');
  const own = Object.keys(value);
  if (own.length !== keys.length || !own.every((k) => keys.includes(k))) fail('keys');
  return value as Record<string, unknown>;
}

function isCounter(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function isSeq(n: unknown): n is number {
  return isCounter(n) && n >= 1;
}

function fail(what: string): never {
  throw new ProtocolError('malformed_message', `message: bad ${what}`);
}
