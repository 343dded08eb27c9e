/**
 * The application controller: which screen is up, the key session, and every action a
 * screen can take. Screens never touch crypto or storage directly; they call this.
 *
 * Key handling (DESIGN.md "Session"): the unwrapped keyring lives only in `#session`; it is
 * wiped (memzero) and dropped on lock, on entering patient mode, after idle, on `pagehide`
 * and on a bfcache restore.
 */
import { calibrateKdf, initCrypto, KeySession, type Keyring } from '../../crypto';
import type { Pharmacy, StaffMember } from '../../domain';
import {
  createVault,
  listUnlockSlots,
  openComptoirDb,
  readPharmacy,
  readVaultMeta,
  requestPersistentStorage,
  unlockWithPassphrase,
  absorbIntakeEntries,
  isOrphanVault,
  type ComptoirDb,
  type VaultMeta,
  type UnlockSlot,
  watchKeyring,
} from '../../store';
import { AuditController } from './audit';
import { JoinActions } from './join-actions';
import { SessionServices } from './session-services';
import type { LockReason, Screen, SessionInfo } from './screen';
import { StaffActions } from './staff-actions';
import { Observable } from './store-signal';
import { describeError } from '../errors';

/** Lock reasons the audit log records (the others happen with no session open). */
const AUDITED_LOCKS = ['manual', 'idle', 'pagehide', 'bfcache'] as const;

/** Idle time before the staff session locks itself (DESIGN.md: 5 min). */
export const STAFF_IDLE_LOCK_MS = 5 * 60 * 1000;

export class AppController {
  /** @param now - the clock of audit entries (tests inject one) */
  constructor(readonly now: () => Date = () => new Date()) {}

  readonly screen = new Observable<Screen>({ name: 'loading' });
  readonly session = new Observable<SessionInfo | null>(null);
  readonly slots = new Observable<UnlockSlot[]>([]);
  /**
   * Due times (epoch ms) of the running tests. Deliberately kept across a lock: a
   * timestamp identifies no one, and the lock screen must still say "1 test à lire" when
   * the tablet locked itself during a 15-minute reading time.
   */
  readonly readingDue = new Observable<number[]>([]);
  /** Bumped after every write so lists re-read. */
  readonly revision = new Observable(0);
  readonly #keys = new KeySession();
  /** Stops watching the stored keyring (another tab may renew it). */
  #unwatchKeys: (() => void) | null = null;
  /** Sync, transmission and retention purge: they run only while unlocked. */
  readonly services = new SessionServices({
    db: () => this.db,
    keyring: () => this.keyring,
    staff: () => this.session.value?.staff ?? null,
    pharmacy: () => this.session.value?.pharmacy ?? null,
    bump: () => this.bump(),
    audit: (event) => void this.audit.log(event),
  });
  /** Sync with the pharmacy's other devices. */
  readonly sync = this.services.sync;
  /** Transmission to the national portal. */
  readonly portal = this.services.portal;
  /** Purge of identity data past the retention delay. */
  readonly retention = this.services.retention;
  /** The audit log: who unlocked, viewed, edited… on this device (DESIGN.md "audit"). */
  readonly audit = new AuditController({
    db: () => this.db,
    keyring: () => this.keyring,
    intakePublicKey: () => this.meta.intakePublicKey,
    actor: () => {
      const staff = this.session.value?.staff;
      return staff ? { id: staff.id, name: staff.name } : null;
    },
    now: () => this.now(),
    logged: () => this.services.syncSoon(),
  });
  /** The team, and the recovery-code path. */
  readonly staff = new StaffActions({
    db: () => this.db,
    keyring: () => this.keyring,
    staff: () => this.session.value?.staff ?? null,
    audit: () => this.audit,
    refreshSlots: () => this.#refreshSlots(),
    enter: (keyring, staff) => this.#enter(keyring, staff),
  });
  /** Joining an existing pharmacy from this (new) device. */
  readonly joining = new JoinActions({
    db: () => this.db,
    hold: async (keyring) => {
      this.#keys.open(keyring);
      this.#meta = await readVaultMeta(this.db);
    },
    keyring: () => this.keyring,
    audit: () => this.audit,
    refreshSlots: () => this.#refreshSlots(),
    enter: (keyring, staff) => this.#enter(keyring, staff),
    close: () => {
      this.#keys.lock();
      this.#db?.close();
    },
  });
  #db: ComptoirDb | null = null;
  #meta: VaultMeta | null = null;

  /** Opens the database and picks the first screen. */
  async start(): Promise<void> {
    try {
      await initCrypto();
      this.#db = await openComptoirDb();
      this.#meta = await readVaultMeta(this.#db);
      if (this.#meta === null) return this.screen.set({ name: 'setup' });
      // A pairing interrupted before a passphrase was set: nothing can open this vault.
      if (await isOrphanVault(this.#db)) return this.screen.set({ name: 'orphan' });
      await this.#refreshSlots();
      this.screen.set({ name: 'locked', reason: 'startup' });
    } catch (error) {
      this.screen.set({ name: 'fatal', message: describeError(error) });
    }
  }

  get db(): ComptoirDb {
    if (this.#db === null) throw new Error('database not open');
    return this.#db;
  }

  get meta(): VaultMeta {
    if (this.#meta === null) throw new Error('no vault');
    return this.#meta;
  }

  /** The keyring of the unlocked session; throws when locked (patient mode, idle…). */
  get keyring(): Keyring {
    return this.#keys.keyring;
  }

  /** First-run setup: creates the vault, shows the recovery code once. */
  async setup(input: {
    pharmacy: Pharmacy;
    admin: { name: string; rpps: string; label: string };
    passphrase: string;
  }): Promise<void> {
    const { params } = calibrateKdf();
    const created = await createVault(this.db, { ...input, kdf: params });
    this.#meta = await readVaultMeta(this.db);
    this.#keys.open(created.keyring);
    this.session.set({ staff: created.staff, pharmacy: input.pharmacy });
    await this.audit.log({ kind: 'setup', details: { method: 'create' } });
    await this.#refreshSlots();
    void requestPersistentStorage();
    this.screen.set({ name: 'recovery-code', code: created.recoveryCode });
  }

  /** Unlocks with a staff member's passphrase; absorbs patient-mode entries. */
  async unlock(slotId: string, passphrase: string): Promise<void> {
    const fromKiosk = this.screen.value.name === 'kiosk';
    const { keyring, staff } = await this.audit.countingFailures(() =>
      unlockWithPassphrase(this.db, slotId, passphrase),
    );
    await this.#enter(keyring, staff);
    await this.audit.unlocked('passphrase', fromKiosk);
  }

  /** Wipes the keys and shows the unlock screen. */
  lock(reason: LockReason): void {
    const wasOpen = this.#keys.isOpen;
    const audited = AUDITED_LOCKS.find((r) => r === reason);
    if (wasOpen && audited) {
      void this.audit.logKeyless({ kind: 'lock', details: { reason: audited } });
    }
    this.#closeSession();
    if (this.screen.value.name === 'kiosk' && reason !== 'kiosk-exit') return;
    if (wasOpen || reason === 'kiosk-exit') this.screen.set({ name: 'locked', reason });
  }

  /** Patient mode: keys are wiped first, then only the sealing form is shown. */
  enterKiosk(): void {
    if (this.#keys.isOpen) {
      void this.audit.logKeyless({ kind: 'kiosk-enter', details: {} });
    }
    this.#closeSession();
    this.screen.set({ name: 'kiosk' });
  }

  /** Stops the session's services and wipes its keys. */
  #closeSession(): void {
    this.services.stop();
    this.#stopWatchingKeys();
    this.#keys.lock();
    this.session.set(null);
  }

  #stopWatchingKeys(): void {
    this.#unwatchKeys?.();
    this.#unwatchKeys = null;
  }

  /** Leaving patient mode needs a staff unlock. */
  async leaveKiosk(slotId: string, passphrase: string): Promise<void> {
    await this.unlock(slotId, passphrase);
  }

  showRecover(): void {
    this.screen.set({ name: 'recover' });
  }

  showUnlock(): void {
    this.screen.set({ name: 'locked', reason: 'manual' });
  }

  /** After the recovery code was acknowledged. */
  finishSetup(): void {
    this.screen.set({ name: 'counter' });
    this.services.start();
  }

  /** Replaces the due times of the running tests (from the day list). */
  setReadingDue(dues: number[]): void {
    const current = this.readingDue.value;
    if (dues.length === current.length && dues.every((d, i) => d === current[i])) return;
    this.readingDue.set(dues);
  }

  bump(): void {
    this.revision.set(this.revision.value + 1);
  }

  /**
   * After a local write: lists re-read and the change leaves for the other devices
   * (debounced: a burst of writes, e.g. the portal queue draining, makes one sync cycle).
   */
  localChange(): void {
    this.services.localChange();
  }

  /** True while a keyring is open (tests and guards). */
  get isUnlocked(): boolean {
    return this.#keys.isOpen;
  }

  async #enter(keyring: Keyring, staff: StaffMember): Promise<void> {
    this.#keys.open(keyring);
    this.#stopWatchingKeys();
    this.#unwatchKeys = watchKeyring(this.db, keyring, () => this.lock('keys-renewed'));
    const pharmacy = await readPharmacy(this.db, keyring);
    await absorbIntakeEntries(this.db, keyring);
    this.session.set({ staff, pharmacy });
    void requestPersistentStorage();
    this.screen.set({ name: 'counter' });
    this.bump();
    this.services.start();
  }

  /** First run on a new device: join an existing pharmacy instead of creating one. */
  showJoin(): void {
    this.screen.set({ name: 'join' });
  }

  showSetup(): void {
    this.screen.set({ name: 'setup' });
  }

  async #refreshSlots(): Promise<void> {
    this.slots.set(await listUnlockSlots(this.db));
  }
}
