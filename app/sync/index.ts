/**
 * Public API of the sync layer (DESIGN.md "Sync relay"). The pure merge core lives in
 * `app/domain/sync` (so the store can apply it without importing this layer); it is
 * re-exported here for the sync engine. Keep this file a plain list of `export … from`.
 */
export * from '../domain/sync';
// Sync client engine: bundles, device log, relay client, chain checks, engine.
export { SYNC_ERROR_MESSAGES, SyncError, isSyncError, syncErrorFromStatus } from './errors';
export type { SyncErrorCode, SyncErrorOptions } from './errors';
export { BUNDLE_KIND, encodeBundle } from './encode-bundle';
export type { EncodeBundleInput } from './encode-bundle';
export { BundleIntegrityError, openBundle } from './decode-bundle';
export type { BundleRejection, OpenBundleContext, OpenedBundle } from './decode-bundle';
export { bundleIdFor } from './bundle-id';
export { createGenesisEntry, createMemberEntry } from './device-log-entries';
export type { DevicePublicKeys } from './device-log-entries';
export { DEVICE_LOG_CRYPTO, compareDeviceLogs, verifyDeviceLog } from './device-log';
export type { DeviceMember, LogRelation, VerifiedDeviceLog } from './device-log';
export { loadDeviceLog, saveDeviceLog } from './local-device-log';
export { refreshDeviceLog } from './refresh-device-log';
export type { RefreshedDeviceLog } from './refresh-device-log';
export { createRelayVault } from './create-relay-vault';
export { changeMembership } from './change-membership';
export { activeMembers, epochStep } from './epoch-step';
export { createRelayClient } from './relay-client';
export type { PulledBundleBytes, RelayClient, RelayClientOptions } from './relay-client';
export { parseRetryAfter } from './relay-fetch';
export { signRequest } from './sign-request';
export type { RequestSigner } from './sign-request';
export { trackBundle, unanchoredAuthors } from './chain';
export type { ChainHeads, ChainLink, ChainVerdict } from './chain';
export { integrityWarning } from './warnings';
export type { IntegrityWarning, IntegrityWarningKind } from './warnings';
export { MAX_BUNDLE_JSON_BYTES, MAX_OPS_PER_BUNDLE, cutBatches } from './batch-ops';
export { MAX_PARTS_PER_BUNDLE, opsPart, opsParts } from './bundle-parts';
export { flushPendingBundle, pushBundle } from './push-bundle';
export { SNAPSHOT_INTERVAL_MS, pushStep } from './push-step';
export { PULL_PAGE_SIZE, pullStep } from './pull-step';
export { runSyncCycle } from './sync-cycle';
export type { SyncCycleContext, SyncCycleResult } from './sync-cycle';
export { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelay } from './backoff';
export { INITIAL_SYNC_STATUS } from './status';
export type { SyncStatus } from './status';
export { MAX_WARNINGS, POLL_INTERVAL_MS, SyncEngine } from './engine';
export type { OnlineEvents, SyncEngineDeps } from './engine';
export * from './pairing-api';
