/**
 * Staff actions of the app controller: the team list, adding a member (admin only), and
 * the recovery-code path (list the team, then set a new passphrase and enter). Every
 * passphrase slot gets the calibrated Argon2id cost of this device.
 */
import { calibrateKdf, type Keyring } from '../../crypto';
import type { StaffMember } from '../../domain';
import {
  addStaffMember,
  listStaff,
  resetPassphrase,
  unlockWithRecovery,
  type ComptoirDb,
} from '../../store';
import type { AuditController } from './audit';

/** What the staff actions need from the app controller. */
export interface StaffHost {
  readonly db: () => ComptoirDb;
  /** The unlocked session's keyring (throws when locked). */
  readonly keyring: () => Keyring;
  /** The unlocked staff member, or null. */
  readonly staff: () => StaffMember | null;
  readonly audit: () => AuditController;
  /** Re-reads the unlock slots (after one was added or replaced). */
  readonly refreshSlots: () => Promise<void>;
  /** Opens the session with `keyring` for `staff` (the counter screen). */
  readonly enter: (keyring: Keyring, staff: StaffMember) => Promise<void>;
}

/** Staff list, additions, and the recovery-code path. */
export class StaffActions {
  /** @param host - the app controller's parts these actions use */
  constructor(private readonly host: StaffHost) {}

  /** The team (needs an unlocked session). */
  async list(): Promise<StaffMember[]> {
    return listStaff(this.host.db(), this.host.keyring());
  }

  /** Adds a staff member with their own slot (admin only). */
  async add(input: {
    name: string;
    rpps: string;
    label: string;
    role: 'admin' | 'staff';
    passphrase: string;
  }): Promise<void> {
    if (this.host.staff()?.role !== 'admin') throw new Error('admin only');
    const { params } = calibrateKdf();
    const member = await addStaffMember(this.host.db(), this.host.keyring(), {
      ...input,
      kdf: params,
    });
    await this.host.audit().log({
      kind: 'staff-added',
      details: { staffId: member.id, role: member.role },
    });
    await this.host.refreshSlots();
  }

  /** Staff list, for the recovery screen (needs the keyring, so only after the code). */
  async forRecovery(code: string): Promise<StaffMember[]> {
    const { keyring } = await this.#openWithRecovery(code);
    try {
      return await listStaff(this.host.db(), keyring);
    } finally {
      keyring.wipe();
    }
  }

  /** Unlocks with the recovery code, then sets a new passphrase for `staffId` and enters. */
  async recover(code: string, staffId: string, newPassphrase: string): Promise<void> {
    const { keyring } = await this.#openWithRecovery(code);
    const { params } = calibrateKdf();
    try {
      await resetPassphrase(this.host.db(), keyring, staffId, newPassphrase, params);
      const staff = (await listStaff(this.host.db(), keyring)).find((s) => s.id === staffId);
      if (!staff) throw new Error('staff member not found');
      await this.host.refreshSlots();
      await this.host.enter(keyring, staff);
      await this.host.audit().unlocked('recovery', false);
    } catch (error) {
      keyring.wipe();
      throw error;
    }
  }

  #openWithRecovery(code: string) {
    const db = this.host.db();
    return this.host.audit().countingFailures(() => unlockWithRecovery(db, code));
  }
}
