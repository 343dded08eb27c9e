/**
 * Device pairing (DESIGN.md "Sync relay" → Pairing), in the order the screens call it.
 *
 * Device A (unlocked, sync enabled):
 *   1. `startPairing({ keyring, relayUrl })` → `{ code, session }`: show `code` as a QR
 *      and as text (« Coller le code »).
 *   2. `awaitJoiner(session, { takeMailbox: relay.takeMailbox, signal })` → `{ joiner, sas }`:
 *      show `sas` and `joiner.name`; staff compare the 6 digits with B's screen.
 *   3. On « Les codes sont identiques »: `approveJoiner(session, joiner, { relay, keyring })`.
 *   4. Always: `endPairing(session)`.
 *
 * Device B (no vault yet):
 *   1. `parsePairingCode(text)` (from `startQrScanner` or a paste), then
 *      `joinWithCode(code, { name, putMailbox: createPairingMailbox(code.relayUrl, fetch).putMailbox })`
 *      → `{ joinSession, sas }`: show `sas`.
 *   2. `awaitKeyring(joinSession, { takeMailbox, signal })` → `{ keyring, pin }`.
 *   3. `verifyJoinedDeviceLog(keyring, pin, await relayClientOfB.deviceLog())` → log; then
 *      store the keyring locally, `saveDeviceLog(db, log)`, `enableSync(db, keyring, relayUrl)`
 *      and run the engine: B catches up from the snapshot bundles (cursor 0).
 *   4. Always: `endPairing(joinSession)`; on failure also `joinSession.identity.wipe()`.
 */
export { approveJoiner } from './pairing-approve';
export type { ApproveDeps, ApproveRelay } from './pairing-approve';
export { awaitJoiner } from './pairing-await-joiner';
export { awaitKeyring } from './pairing-await-keyring';
export type { JoinedDevice } from './pairing-await-keyring';
export {
  MAX_RELAY_URL_BYTES,
  PAIRING_CODE_PREFIX,
  PAIRING_CODE_V1,
  assertRelayUrl,
  encodePairingCode,
  parsePairingCode,
} from './pairing-code';
export type { PairingCode } from './pairing-code';
export { PAIRING_ERROR_MESSAGES, PairingError, isPairingError } from './pairing-errors';
export type { PairingErrorCode } from './pairing-errors';
export { joinWithCode } from './pairing-join';
export type { JoinDeps } from './pairing-join';
export { createPairingMailbox } from './pairing-mailbox';
export type { PairingMailbox } from './pairing-mailbox';
export { isDeviceName } from './pairing-messages';
export { DEFAULT_PAIRING_POLL_MS } from './pairing-poll';
export type { PollOptions, PutMailbox, TakeMailbox } from './pairing-poll';
export { endPairing } from './pairing-session';
export type { DeviceLogPin, JoinSession, Joiner, PairingSession } from './pairing-session';
export { startPairing } from './pairing-start';
export type { StartPairingInput } from './pairing-start';
export { verifyJoinedDeviceLog } from './pairing-verify-log';
