/**
 * The audit log as the app uses it: logging events of the unlocked staff member on this
 * device (DESIGN.md "Retention, audit, reports"), the keyless events of lock and patient
 * mode, unlock failures, and reading / exporting the log for the « Journal d'audit »
 * screen.
 *
 * Logging from elsewhere (reports, purge): with the app controller at hand,
 * `await controller.audit.log({ kind: 'exported', details: { report: 'month', period:
 * '2021-05', rows: 31 } })` or `{ kind: 'purged', details: { visits: n } }`; inside a store
 * transaction, `writeAuditEntry` (app/store/audit-repo.ts) so the change and its entry
 * commit together.
 */
import { WrongPassphraseError, type Keyring } from '../../crypto';
import {
  auditCsv,
  auditCsvFileName,
  localDay,
  type AuditActor,
  type AuditEntry,
  type AuditEvent,
  type AuditNames,
} from '../../domain';
import {
  appendAudit,
  appendPendingAudit,
  appendUnlockAudit,
  readAuditLog,
  recordUnlockFailure,
  type AuditInput,
  type AuditLog,
  type ComptoirDb,
  type PortalSettings,
} from '../../store';

/** Everything the audit controller needs from the app. */
export interface AuditHost {
  db: () => ComptoirDb;
  /** The unlocked keyring; throws when locked. */
  keyring: () => Keyring;
  /** The vault's intake public key (keyless events are sealed to it). */
  intakePublicKey: () => Uint8Array;
  /** The unlocked staff member, or null. */
  actor: () => AuditActor;
  /** The clock (injectable for tests). */
  now: () => Date;
  /** A new entry waits in the outbox: sync soon, without re-reading the lists. */
  logged: () => void;
}

/** Failures are reported by error name only: never a payload, never a staff name. */
function warn(what: string, error: unknown): void {
  console.warn(what, error instanceof Error ? error.name : '');
}

export class AuditController {
  constructor(private readonly host: AuditHost) {}

  /** The entry input of `event` by the current staff member, now (for `putVisit`). */
  input(event: AuditEvent): AuditInput {
    return { event, actor: this.host.actor(), at: this.host.now() };
  }

  /**
   * Logs `event` by the unlocked staff member. Never throws: an action is not undone
   * because its entry could not be written (the failure is reported by name).
   */
  async log(event: AuditEvent): Promise<void> {
    try {
      await appendAudit(this.host.db(), this.host.keyring(), this.input(event));
      this.host.logged();
    } catch (error) {
      warn('audit log failed', error);
    }
  }

  /**
   * Logs a lock or patient-mode entry while the keys are being wiped: sealed to the intake
   * key at once (no key needed), chained at the next unlock. Never rejects. Call it
   * BEFORE the session is dropped: the staff member is read synchronously.
   */
  logKeyless(event: AuditEvent): Promise<void> {
    const input = this.input(event);
    return appendPendingAudit(this.host.db(), this.host.intakePublicKey(), input).catch(
      (error: unknown) => warn('audit log failed', error),
    );
  }

  /** Runs an unlock; a wrong passphrase or recovery code is counted, then rethrown. */
  async countingFailures<T>(unlock: () => Promise<T>): Promise<T> {
    try {
      return await unlock();
    } catch (error) {
      if (error instanceof WrongPassphraseError) {
        await recordUnlockFailure(this.host.db()).catch((e: unknown) => warn('audit count', e));
      }
      throw error;
    }
  }

  /** After a successful unlock: chains the keyless events, logs the unlock (and exit). */
  async unlocked(method: 'passphrase' | 'recovery', fromKiosk: boolean): Promise<void> {
    try {
      const input = { actor: this.host.actor(), at: this.host.now(), method, fromKiosk };
      await appendUnlockAudit(this.host.db(), this.host.keyring(), input);
      this.host.logged();
    } catch (error) {
      warn('audit log failed', error);
    }
  }

  /** The whole log and its integrity verdict. Throws store errors (the screen shows them). */
  async read(): Promise<AuditLog> {
    return readAuditLog(this.host.db(), this.host.keyring());
  }

  /**
   * The CSV of `entries` (as filtered on screen) and its file name; logs the export.
   * @param names - names of staff members and devices for the details and device column
   */
  async exportCsv(
    entries: readonly AuditEntry[],
    names: AuditNames & { readonly deviceName: (deviceId: string) => string },
  ): Promise<{ text: string; fileName: string }> {
    const now = this.host.now();
    const text = auditCsv(entries, names);
    const period = entries.length > 0 ? exportPeriod(entries) : '';
    await this.log({
      kind: 'exported',
      details: { report: 'audit', period, rows: entries.length },
    });
    return { text, fileName: auditCsvFileName(localDay(now)) };
  }
}

/** Portal settings fields → the setting names of `settings-changed` entries. */
const PORTAL_SETTING_NAMES = {
  mode: 'portal-mode',
  issuer: 'portal-issuer',
  fhirBase: 'portal-fhir',
  clientId: 'portal-client',
} as const;

/** Names of the portal settings that differ (never their values). */
export function changedPortalSettings(before: PortalSettings, after: PortalSettings): string[] {
  return (Object.keys(PORTAL_SETTING_NAMES) as (keyof typeof PORTAL_SETTING_NAMES)[])
    .filter((field) => (before[field] ?? '') !== (after[field] ?? ''))
    .map((field) => PORTAL_SETTING_NAMES[field]);
}

/** `AAAA-MM-JJ/AAAA-MM-JJ`: the local days of the oldest and newest exported entries. */
function exportPeriod(entries: readonly AuditEntry[]): string {
  const days = entries.map((e) => localDay(new Date(e.at))).sort();
  return `${days[0] ?? ''}/${days[days.length - 1] ?? ''}`;
}
