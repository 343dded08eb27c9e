/**
 * Constants of the relay wire protocol v1 (/tmp/spec/protocol.md, DESIGN.md "Sync relay").
 * Shared by the relay and the app: this folder imports nothing from Node or the server.
 */

/** Version of the wire protocol (URL prefix `/v1`, bundle byte 0, device-log `v`). */
export const PROTOCOL_VERSION = 1;

/** Largest accepted clock difference between a signed request and the relay (5 min). */
export const CLOCK_SKEW_MS = 300_000;

/** How long the relay remembers a request nonce (2 × skew covers every accepted timestamp). */
export const NONCE_TTL_MS = 2 * CLOCK_SKEW_MS;

/** Largest request body, and so largest bundle (1 MiB), counted while streaming. */
export const MAX_BODY_BYTES = 1_048_576;

/** Largest pairing-mailbox message (64 KiB). */
export const MAX_PAIRING_BYTES = 65_536;

/** Lifetime of a filled pairing mailbox (10 min). */
export const PAIRING_TTL_MS = 600_000;

/** Bundles older than this (received time) are deleted by the relay's sweep. */
export const DEFAULT_RETENTION_DAYS = 30;

/** Default per-vault storage quota of stored bundles (512 MiB). */
export const DEFAULT_QUOTA_BYTES = 512 * 1_048_576;

/** Default per-device rate limit: sustained requests per second, and burst. */
export const DEFAULT_RATE_PER_SECOND = 50;
export const DEFAULT_RATE_BURST = 200;

/** `limit` of `GET …/bundles`: default and bounds (inclusive). */
export const DEFAULT_PULL_LIMIT = 500;
export const MIN_PULL_LIMIT = 1;
export const MAX_PULL_LIMIT = 1000;

/** Interval of the `: ping` comment on the event stream (25 s). */
export const EVENTS_HEARTBEAT_MS = 25_000;

/** Longest device name in a device-log entry, in Unicode code points. */
export const MAX_DEVICE_NAME_CHARS = 64;

/** Raw sizes in bytes. */
export const ID_BYTES = 16;
export const NONCE_BYTES = 16;
export const ED25519_PUBLIC_KEY_BYTES = 32;
export const X25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;
export const SHA256_BYTES = 32;

/** First line of every canonical request string (domain separation of request signatures). */
export const REQUEST_SIGNING_DOMAIN = 'comptoir-relay/v1';

/** Request headers of a signed request (lowercase; HTTP field names are case-insensitive, RFC 9110 §5.1). */
export const HEADER_DEVICE = 'comptoir-device';
export const HEADER_TIMESTAMP = 'comptoir-timestamp';
export const HEADER_NONCE = 'comptoir-nonce';
export const HEADER_SIGNATURE = 'comptoir-signature';

/** hex SHA-256 of the empty string: the body digest of a request without body. */
export const EMPTY_BODY_SHA256_HEX =
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
