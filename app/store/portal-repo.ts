/**
 * The national-portal session of each staff member (OAuth 2.0 / OpenID Connect tokens) and
 * the portal settings, stored ONLY as encrypted records (`records` table, see `rows.ts`):
 * kind `'portal-session'` with record id = staff id, kind `'portal-settings'` with record id
 * `'portal'`. DESIGN.md "Transmission to the national portal": tokens live in the keyring's
 * protection, never in clear on disk, never in logs.
 */
import type { Keyring } from '../crypto';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import { openRecordRow, sealRecordRow } from './record-rows';
import { recordKey } from './rows';
import { syncWriteTables, writeSyncedRecord } from './sync-write';

/**
 * A staff member's session at the portal's OpenID provider.
 * Secrets: `accessToken` and `refreshToken` are bearer credentials (RFC 6750): never log them.
 */
export interface PortalSession {
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** When the access token expires, epoch milliseconds. */
  readonly expiresAt: number;
  /** The id_token `sub` (the practitioner's RPPS at the sandbox / Pro Santé Connect). */
  readonly subject: string;
  /** The id_token `name`, when the provider gives one. */
  readonly name?: string;
  /** Issuer identifier the tokens come from (RFC 8414 `issuer`). */
  readonly issuer: string;
}

/** How results leave the tablet: automatically once resulted, or after a confirmation tap. */
export type SubmissionMode = 'auto' | 'confirm';

/** The portal settings of the vault (one record). Unset endpoints mean "use the server's". */
export interface PortalSettings {
  readonly mode: SubmissionMode;
  readonly issuer?: string;
  readonly fhirBase?: string;
  readonly clientId?: string;
}

/** What {@link readPortalSettings} returns when nothing was saved yet. */
export const DEFAULT_PORTAL_SETTINGS: PortalSettings = { mode: 'auto' };

/** Record id of the single portal-settings record. */
export const PORTAL_SETTINGS_ID = 'portal';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isOptStr = (x: unknown): boolean => x === undefined || typeof x === 'string';

/** Shape of a decrypted {@link PortalSession}. */
function isPortalSession(x: unknown): x is PortalSession {
  return (
    isObj(x) &&
    typeof x.accessToken === 'string' &&
    typeof x.subject === 'string' &&
    typeof x.issuer === 'string' &&
    typeof x.expiresAt === 'number' &&
    Number.isFinite(x.expiresAt) &&
    isOptStr(x.refreshToken) &&
    isOptStr(x.name)
  );
}

/** Shape of decrypted {@link PortalSettings}. Internal to the store (sync checks too). */
export function isPortalSettings(x: unknown): x is PortalSettings {
  return (
    isObj(x) &&
    (x.mode === 'auto' || x.mode === 'confirm') &&
    isOptStr(x.issuer) &&
    isOptStr(x.fhirBase) &&
    isOptStr(x.clientId)
  );
}

/**
 * Stores (replaces) the portal session of one staff member, encrypted.
 *
 * @param staffId the staff member's random id (the record id)
 * @throws StorageError `missing` (no vault / another vault), `quota`, `corrupt` (malformed);
 *   KeyringWipedError when the keyring was locked meanwhile
 */
export async function savePortalSession(
  db: ComptoirDb,
  keyring: Keyring,
  staffId: string,
  session: PortalSession,
): Promise<void> {
  return guard(db, async () => {
    if (!isPortalSession(session)) throw new StorageError('corrupt', 'malformed portal session');
    const row = sealRecordRow(keyring, 'portal-session', staffId, session);
    await db.transaction('rw', [db.meta, db.records], async () => {
      await requireMeta(db, keyring.vaultId);
      await db.records.put(row);
    });
  });
}

/**
 * Reads and decrypts the portal session of one staff member.
 *
 * @returns the session, or `null` when this staff member never logged in (or logged out)
 * @throws StorageError `missing`, `corrupt`; IntegrityError when the record was tampered
 *   with or moved from another staff member's id
 */
export async function readPortalSession(
  db: ComptoirDb,
  keyring: Keyring,
  staffId: string,
): Promise<PortalSession | null> {
  return guard(db, async () => {
    await requireMeta(db, keyring.vaultId);
    const row = await db.records.get(recordKey('portal-session', staffId));
    return row ? openRecordRow(keyring, row, isPortalSession) : null;
  });
}

/**
 * Forgets the portal session of one staff member (logout). Deleting a missing one is fine.
 *
 * @throws StorageError `missing`…
 */
export async function deletePortalSession(
  db: ComptoirDb,
  keyring: Keyring,
  staffId: string,
): Promise<void> {
  return guard(db, async () => {
    await db.transaction('rw', [db.meta, db.records], async () => {
      await requireMeta(db, keyring.vaultId);
      await db.records.delete(recordKey('portal-session', staffId));
    });
  });
}

/**
 * The portal settings; {@link DEFAULT_PORTAL_SETTINGS} (`mode: 'auto'`) when never saved.
 *
 * @throws StorageError `missing`, `corrupt`; IntegrityError when tampered with
 */
export async function readPortalSettings(
  db: ComptoirDb,
  keyring: Keyring,
): Promise<PortalSettings> {
  return guard(db, async () => {
    await requireMeta(db, keyring.vaultId);
    const row = await db.records.get(recordKey('portal-settings', PORTAL_SETTINGS_ID));
    return row ? openRecordRow(keyring, row, isPortalSettings) : DEFAULT_PORTAL_SETTINGS;
  });
}

/**
 * Replaces the portal settings (encrypted: the endpoints say which portal a pharmacy uses).
 * A synced record (outbox entry when sync is enabled); sessions never sync.
 *
 * @throws StorageError `missing`, `quota`, `corrupt` (not one of the known modes)
 */
export async function savePortalSettings(
  db: ComptoirDb,
  keyring: Keyring,
  settings: PortalSettings,
): Promise<void> {
  return guard(db, async () => {
    if (!isPortalSettings(settings)) throw new StorageError('corrupt', 'malformed portal settings');
    const row = sealRecordRow(keyring, 'portal-settings', PORTAL_SETTINGS_ID, settings);
    await db.transaction('rw', syncWriteTables(db), async () => {
      await requireMeta(db, keyring.vaultId);
      await writeSyncedRecord(db, keyring, 'portal-settings', PORTAL_SETTINGS_ID, settings, row);
    });
  });
}
