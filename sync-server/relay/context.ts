/** What every relay route shares: the store, the clock, the limits and the event hub. */
import type { DeviceRecord, BundleStore } from '../store/bundle-store';
import type { EventHub } from './event-hub';
import type { TokenBucketLimiter } from './rate-limit';
import type { SignatureVerifier } from './verify-pool';

/** Options of `createRelay` (every limit defaults to protocol v1's value). */
export interface RelayOptions {
  store: BundleStore;
  /** Clock in Unix ms (tests inject one). */
  now?: () => number;
  /** Per-vault bytes of stored bundles (default 512 MiB). */
  quotaBytes?: number;
  /** Per-device token bucket (default 50/s, burst 200). */
  rateLimit?: { perSecond: number; burst: number };
  /** Retention used by the sweep started next to the relay (default 30 days). */
  retentionDays?: number;
  /** Relay log sink: route pattern, status and the verified device id, nothing else. */
  log?: (line: string) => void;
  /** Interval of the event-stream heartbeat (default 25 s). */
  heartbeatMs?: number;
  /** Where new bundles are announced (default: an in-process hub). */
  events?: EventHub;
  /** Ed25519 verification of requests and bundles (default: inline, on the event loop). */
  verifier?: SignatureVerifier;
}

/** The resolved options, shared by the route files. */
export interface RelayContext {
  readonly store: BundleStore;
  readonly now: () => number;
  readonly quotaBytes: number;
  readonly limiter: TokenBucketLimiter;
  readonly heartbeatMs: number;
  readonly events: EventHub;
  readonly verifier: SignatureVerifier;
  readonly log: (line: string) => void;
}

/** Hono variables set by the auth middleware. */
export interface RelayEnv {
  Variables: {
    /** The verified caller. */
    device: DeviceRecord;
    /** The request body, read within the limit and covered by the signature. */
    body: Uint8Array;
  };
}
