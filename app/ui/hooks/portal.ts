/**
 * Transmission to the national portal, as the UI sees it: the portal configuration, the
 * staff member's portal session (tokens only in encrypted storage), the login popup and
 * the persistent submission queue. Runs only while a staff session is unlocked: in
 * patient mode the keys are wiped, so sending pauses until the next unlock (by design).
 */
import type { Keyring } from '../../crypto';
import type { Pharmacy, StaffMember, Visit } from '../../domain';
import {
  completeLogin,
  createLoginRequest,
  discoverIssuer,
  PortalError,
  refreshSession,
  SubmissionQueue,
  type AuthorizationServer,
  type PortalConfig,
  type PortalSession,
  type PortalSettings,
  type QueueStatus,
} from '../../portal';
import {
  readPortalSession,
  readPortalSettings,
  savePortalSession,
  savePortalSettings,
  type ComptoirDb,
} from '../../store';
import { fetchServerPortalConfig, resolvePortalConfig } from './portal-config';
import { CALLBACK_PATH, openLoginPopup, waitForCallback } from './portal-login';
import { Observable } from './store-signal';

/** What the portal part of the UI shows. */
export interface PortalView {
  configured: boolean;
  settings: PortalSettings;
  /** A portal session is stored for the current staff member (possibly expired). */
  hasSession: boolean;
  /** … and it is usable (not refused at the last refresh). */
  connected: boolean;
  queue: QueueStatus;
}

const IDLE_QUEUE: QueueStatus = { pending: 0, sending: 0, needsLogin: false, locked: true };

/** Everything the portal controller needs from the app (the unlocked session). */
export interface PortalHost {
  db: () => ComptoirDb;
  keyring: () => Keyring;
  staff: () => StaffMember | null;
  pharmacy: () => Pharmacy | null;
  /** Called after the queue changed visits (lists re-read). */
  changed: () => void;
  /** Called when a visit was transmitted or refused by the portal (audit log). */
  outcome?: (visitId: string, outcome: 'sent' | 'rejected') => void;
}

export class PortalController {
  readonly view = new Observable<PortalView>({
    configured: false,
    settings: { mode: 'auto' },
    hasSession: false,
    connected: false,
    queue: IDLE_QUEUE,
  });
  #queue: SubmissionQueue | null = null;
  #config: PortalConfig | null = null;
  #session: PortalSession | null = null;
  #server: AuthorizationServer | null = null;

  constructor(private readonly host: PortalHost) {}

  /** After unlock: loads settings and the staff member's session, starts the queue. */
  async start(): Promise<void> {
    const db = this.host.db();
    const keyring = this.host.keyring();
    const staff = this.host.staff();
    const settings = await readPortalSettings(db, keyring);
    this.#config = resolvePortalConfig(settings, await fetchServerPortalConfig());
    this.#session = staff ? await readPortalSession(db, keyring, staff.id) : null;
    this.#publish({ settings });
    if (!this.#config) return;
    this.#queue = new SubmissionQueue({
      db,
      keyring: this.host.keyring,
      pharmacy: () => this.#requirePharmacy(),
      session: () => {
        const current = this.host.staff();
        return current ? { staff: current, portal: this.#session } : null;
      },
      config: () => this.#requireConfig(),
      refresh: (session) => this.#refresh(session),
      fetchImpl: (input, init) => fetch(input, init),
      onlineEvents: (listener) => {
        window.addEventListener('online', listener);
        return () => window.removeEventListener('online', listener);
      },
      onChange: (queue) => {
        this.#publish({ queue });
        this.host.changed();
      },
      onOutcome: (visitId, outcome) => this.host.outcome?.(visitId, outcome),
    });
    this.#queue.start();
  }

  /** On lock / patient mode: stop sending; tokens stay only in encrypted storage. */
  stop(): void {
    void this.#queue?.stop();
    this.#queue = null;
    this.#session = null;
    this.#server = null;
    this.#publish({ hasSession: false, connected: false, queue: IDLE_QUEUE });
  }

  /** Queues a resulted (or corrected rejected) visit. Throws store errors. */
  async queue(visit: Visit): Promise<Visit> {
    if (!this.#queue) throw new PortalError('config');
    return this.#queue.queue(visit);
  }

  /**
   * Logs the current staff member in at the portal (popup). The provider's subject must be
   * this staff member's RPPS: a pharmacist transmits under their own identity only.
   * @throws PortalError (`config` incl. a blocked popup, `network`, `needs-login`)
   */
  async login(): Promise<void> {
    const popup = openLoginPopup();
    try {
      if (!popup) {
        throw new PortalError(
          'config',
          'La fenêtre de connexion au portail a été bloquée. Autorisez les fenêtres pop-up pour Comptoir, puis réessayez.',
        );
      }
      const config = this.#requireConfig();
      const server = await this.#discover();
      const client = { clientId: config.clientId, redirectUri: location.origin + CALLBACK_PATH };
      const request = await createLoginRequest(server, client);
      const callback = waitForCallback(request.state);
      popup.location.href = request.url;
      const session = await completeLogin(server, client, request, await callback);
      const staff = this.host.staff();
      if (!staff) throw new PortalError('needs-login');
      if (session.subject !== staff.rpps) {
        throw new PortalError(
          'needs-login',
          `Vous êtes connecté au portail avec le RPPS ${session.subject}, qui n'est pas le vôtre (${staff.rpps}). Reconnectez-vous avec votre propre identité.`,
        );
      }
      await savePortalSession(this.host.db(), this.host.keyring(), staff.id, session);
      this.#session = session;
      this.#publish({});
      this.#queue?.kick();
    } finally {
      popup?.close();
    }
  }

  /** Saves the submission mode / endpoints (admin), then restarts the queue. */
  async saveSettings(settings: PortalSettings): Promise<void> {
    await savePortalSettings(this.host.db(), this.host.keyring(), settings);
    this.stop();
    await this.start();
  }

  async #discover(): Promise<AuthorizationServer> {
    this.#server ??= await discoverIssuer(this.#requireConfig().issuer);
    return this.#server;
  }

  async #refresh(session: PortalSession): Promise<PortalSession> {
    const config = this.#requireConfig();
    const client = { clientId: config.clientId, redirectUri: location.origin + CALLBACK_PATH };
    const fresh = await refreshSession(await this.#discover(), client, session);
    const staff = this.host.staff();
    if (staff) await savePortalSession(this.host.db(), this.host.keyring(), staff.id, fresh);
    this.#session = fresh;
    return fresh;
  }

  #requireConfig(): PortalConfig {
    if (!this.#config) throw new PortalError('config');
    return this.#config;
  }

  #requirePharmacy(): Pharmacy {
    const pharmacy = this.host.pharmacy();
    if (!pharmacy) throw new PortalError('config');
    return pharmacy;
  }

  #publish(patch: Partial<PortalView>): void {
    this.view.set({
      ...this.view.value,
      configured: this.#config !== null,
      hasSession: this.#session !== null,
      connected: this.#session !== null && !(this.#queue?.status.needsLogin ?? false),
      ...patch,
    });
  }
}
