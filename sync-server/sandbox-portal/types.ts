/**
 * Public types of the sandbox portal: its options, the test practitioners, the fault plan
 * and the control surface that tests and benchmarks drive.
 */

/** A test practitioner offered on the sandbox login page. */
export interface SandboxPractitioner {
  /** 11-digit RPPS number (Luhn key), the `sub` of every token issued for them. */
  rpps: string;
  /** Display name, e.g. "Claire Dupont". */
  name: string;
}

/** Options of {@link createSandboxPortal}; every field has a development default. */
export interface SandboxPortalOptions {
  /** Public OAuth clients allowed to log in (default `['comptoir']`). */
  clientIds?: string[];
  /** Practitioners offered on the login page (default: three test practitioners). */
  practitioners?: SandboxPractitioner[];
  /** Lifetime of access and ID tokens in seconds (default 600). */
  accessTokenTtlSeconds?: number;
  /** Clock in milliseconds since the epoch (default `Date.now`); tests inject it. */
  now?: () => number;
  /** FHIR transactions per second and per practitioner (token bucket, default 100). */
  rateLimitPerSecond?: number;
}

/**
 * Faults for the next FHIR transaction requests (`POST _control/faults`). Each counted
 * fault applies to the next `count` requests that pass authentication and rate limiting;
 * `latencyMs` applies to every request until changed or reset.
 */
export interface FaultPlan {
  latencyMs?: number;
  fail?: { status: 429 | 503 | 500; count: number; retryAfterSeconds?: number };
  /** Destroys the socket without a response (real port only). `afterCommit` stores first. */
  drop?: { count: number; afterCommit?: boolean };
  reject?: { count: number; status: 400 | 422; diagnostics: string; expression?: string };
}

/** One Observation the sandbox stored, as reported by `GET _control/received`. */
export interface ReceivedObservation {
  id: string;
  /** `<system>|<value>` of the Observation's first identifier. */
  identifier: string;
  /** RPPS of the authenticated practitioner who sent it. */
  rpps: string;
  /** ISO 8601 time of creation by the sandbox clock. */
  createdAt: string;
}

/** What the sandbox received since start or the last reset. */
export interface ReceivedSummary {
  /** Transactions accepted (answered 200 with a transaction-response). */
  transactions: number;
  observations: ReceivedObservation[];
  /** Resources created (201). */
  creates: number;
  /** Conditional creates that matched an existing resource (200 OK, nothing stored). */
  duplicatesPrevented: number;
}

/** In-process control of the sandbox, mirrored by the `/_control/…` routes. */
export interface SandboxControl {
  received(): ReceivedSummary;
  /** Replaces the fault plan (counters restart). */
  setFaults(plan: FaultPlan): void;
  /** Clears stored resources, counters, faults, codes and tokens. */
  reset(): void;
  setRateLimit(perSecond: number): void;
}
