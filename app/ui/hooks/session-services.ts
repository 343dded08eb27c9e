/**
 * The background work of an unlocked session: sync with the pharmacy's other devices,
 * transmission to the national portal, and the retention purge. All three need the keys,
 * so they start at unlock and stop on lock and in patient mode; none blocks the unlock (a
 * failure shows in its own status).
 */
import type { Keyring } from '../../crypto';
import type { AuditEvent, Pharmacy, StaffMember } from '../../domain';
import type { ComptoirDb } from '../../store';
import { PortalController } from './portal';
import { RetentionController } from './retention';
import { SyncController } from './sync';

/** Local writes are pushed to the relay this long after the last one of a burst. */
const LOCAL_SYNC_DEBOUNCE_MS = 300;

/** What the services need from the app controller. */
export interface SessionHost {
  db: () => ComptoirDb;
  keyring: () => Keyring;
  staff: () => StaffMember | null;
  pharmacy: () => Pharmacy | null;
  /** Lists re-read (after any write, local or received). */
  bump: () => void;
  /** Logs an audit event (never throws). */
  audit: (event: AuditEvent) => void;
}

export class SessionServices {
  readonly #host: SessionHost;
  #syncTimer: ReturnType<typeof setTimeout> | null = null;
  /** Sync with the pharmacy's other devices. */
  readonly sync: SyncController;
  /** Transmission to the national portal. */
  readonly portal: PortalController;
  /** Purge of identity data past the retention delay. */
  readonly retention: RetentionController;

  constructor(host: SessionHost) {
    this.#host = host;
    const { db, keyring, audit } = host;
    this.sync = new SyncController({ db, keyring, changed: host.bump, audit });
    this.portal = new PortalController({
      db,
      keyring,
      staff: host.staff,
      pharmacy: host.pharmacy,
      changed: () => this.localChange(),
      outcome: (visitId, outcome) => {
        const kind = outcome === 'sent' ? 'visit-transmitted' : 'visit-rejected';
        audit({ kind, details: { visitId } });
      },
    });
    this.retention = new RetentionController({
      db,
      keyring,
      changed: () => this.localChange(),
      purged: (ids) => audit({ kind: 'purged', details: { visits: ids.length } }),
    });
  }

  /** At unlock: transmission, sync and the purge start in the background. */
  start(): void {
    this.portal.start().catch((error: unknown) => {
      console.warn('portal start failed', error instanceof Error ? error.name : '');
    });
    this.sync.start().catch((error: unknown) => {
      console.warn('sync start failed', error instanceof Error ? error.name : '');
    });
    // Never rejects: failures show in retention.view.
    void this.retention.start();
  }

  /** On lock and patient mode, before the keys are wiped. */
  stop(): void {
    this.portal.stop();
    this.sync.stop();
    this.retention.stop();
  }

  /**
   * After a local write: lists re-read and the change leaves for the other devices
   * (debounced: a burst of writes, e.g. the portal queue draining, makes one sync cycle).
   */
  localChange(): void {
    this.#host.bump();
    this.syncSoon();
  }

  /** Pushes local changes soon (debounced), without re-reading the lists. */
  syncSoon(): void {
    if (this.#syncTimer !== null) return;
    this.#syncTimer = setTimeout(() => {
      this.#syncTimer = null;
      this.sync.syncNow();
    }, LOCAL_SYNC_DEBOUNCE_MS);
  }
}
