/**
 * Public API of the storage layer (DESIGN.md "IndexedDB (Dexie)"). Dexie itself is reached
 * only through `db.ts`; callers get repositories that encrypt before writing and check
 * after reading. Row layouts: `rows.ts` (FROZEN v1).
 */
export { ComptoirDb, DEFAULT_DB_NAME, deleteComptoirDb, openComptoirDb } from './db';
export type { ComptoirDbOptions, LostReason } from './db';
export { StorageError, isStorageError, toStorageError } from './errors';
export type { StorageErrorCode } from './errors';
export { estimateStorage, requestPersistentStorage } from './persistence';
export type { PersistenceOutcome, StorageEstimate, StorageNavigator } from './persistence';
export { decodeRecord, encodeRecord } from './codec';
export type {
  ClockRow,
  MetaRow,
  OutboxRow,
  RecordRow,
  SlotRow,
  SubmissionRow,
  SyncMetaRow,
  TombstoneRow,
  VaultMeta,
  VisitRow,
} from './rows';
export {
  createVault,
  listUnlockSlots,
  readVaultMeta,
  resetPassphrase,
  unlockWithPassphrase,
  unlockWithRecovery,
} from './vault-repo';
export type { CreateVaultInput, UnlockSlot } from './vault-repo';
export { addStaffMember, listStaff, readPharmacy, savePharmacy } from './staff-repo';
export type { AddStaffInput } from './staff-repo';
export {
  absorbIntakeEntries,
  countByState,
  getVisit,
  listDayVisits,
  putVisit,
  saveIntakeEntry,
} from './visit-repo';
export type { DayVisits } from './visit-repo';
export { addPhoneEntry } from './phone-repo';
export {
  DEFAULT_PORTAL_SETTINGS,
  deletePortalSession,
  readPortalSession,
  readPortalSettings,
  savePortalSession,
  savePortalSettings,
} from './portal-repo';
export type { PortalSession, PortalSettings, SubmissionMode } from './portal-repo';
export { findGtinLink, linkGtin, listGtinLinks } from './kit-link-repo';
export { TALLY_KIND, listMonthTallies, readDayTallies, readMonthTallies } from './report-repo';
export type { PeriodTallies } from './report-repo';
export { KIT_LIST_RECORD_ID, deleteKitList, readKitList, saveKitList } from './kit-list-repo';
export {
  completeSubmission,
  countPendingSubmissions,
  dropSubmission,
  dueSubmissions,
  enqueueSubmission,
  nextSubmissionAt,
  rejectSubmission,
  rescheduleSubmission,
} from './submission-repo';
export { deleteSyncState, readSyncState, writeSyncState } from './sync-state-repo';
export type { ChainHeadRow, SyncStateKey, SyncStateRow } from './sync-state-repo';
export { readSyncMeta, updateSyncMeta } from './sync-meta';
export type { SyncMetaPatch } from './sync-meta';
export {
  countOutbox,
  deleteOutboxThrough,
  enableSync,
  readOutbox,
  readOutboxParts,
  snapshotOps,
} from './outbox-repo';
export { applyRemoteChanges, applyRemoteOps } from './sync-apply';
export { appendAudit, listAudit, readAuditLog, verifyAudit } from './audit-repo';
export type { AuditInput, AuditLog } from './audit-repo';
export { appendPendingAudit, appendUnlockAudit, recordUnlockFailure } from './audit-pending';
export { addPassphraseSlot, adoptVault, isOrphanVault } from './join-repo';
export { saveKeyring, watchKeyring } from './keyring-repo';
export { PURGE_CHUNK, eraseVisit, findUnsentTooLong, purgeExpiredVisits } from './purge-repo';
export type { PurgeOptions, PurgeOutcome, UnsentWarning } from './purge-repo';
export { PATIENT_SEARCH_LIMIT, findVisitsByName } from './patient-search';
export type { PatientSearchOptions, PatientSearchResult } from './patient-search';
export { RETENTION_RECORD_ID, readRetentionPolicy, saveRetentionPolicy } from './retention-repo';
export { RESEAL_BUDGET, maintainEpochs, maintainLocalEpochs, readKeyStatus } from './epoch-repo';
export type { EpochMember, EpochStepOptions, EpochStepResult, KeyStatus } from './epoch-repo';
