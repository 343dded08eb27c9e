/**
 * Joining an existing pharmacy, as the app controller runs it: the pairing and catch-up
 * (`join.ts`), then this staff member's passphrase slot on this device; and the way out of
 * an interrupted pairing (erase this device's data, start over).
 */
import { calibrateKdf, type Keyring } from '../../crypto';
import type { StaffMember } from '../../domain';
import { addPassphraseSlot, deleteComptoirDb, type ComptoirDb } from '../../store';
import type { AuditController } from './audit';
import { joinPharmacy, type JoinStep } from './join';

/** What joining needs from the app controller. */
export interface JoinHost {
  readonly db: () => ComptoirDb;
  /** Holds the joined keyring in the key session (until a passphrase is set). */
  readonly hold: (keyring: Keyring) => Promise<void>;
  /** The held keyring (throws when none). */
  readonly keyring: () => Keyring;
  readonly audit: () => AuditController;
  readonly refreshSlots: () => Promise<void>;
  readonly enter: (keyring: Keyring, staff: StaffMember) => Promise<void>;
  /** Wipes the key session and closes the database. */
  readonly close: () => void;
}

/** The join flow of a new device. */
export class JoinActions {
  /** @param host - the app controller's parts joining uses */
  constructor(private readonly host: JoinHost) {}

  /**
   * Pairs this (new) device with the code shown by another device, then catches up.
   * The joined keyring is held in the key session until a passphrase is set.
   * @returns the synced staff members, to choose whose passphrase this device gets
   */
  async start(
    codeText: string,
    deviceName: string,
    signal: AbortSignal,
    onStep: (step: JoinStep) => void,
  ): Promise<StaffMember[]> {
    const { keyring, staff } = await joinPharmacy({
      db: this.host.db(),
      codeText,
      deviceName,
      signal,
      onStep,
    });
    await this.host.hold(keyring);
    return staff;
  }

  /** Last step: this staff member's passphrase slot on this device, then in. */
  async finish(staff: StaffMember, label: string, passphrase: string): Promise<void> {
    const { params } = calibrateKdf();
    const keyring = this.host.keyring();
    await addPassphraseSlot(this.host.db(), keyring, {
      staffId: staff.id,
      label,
      passphrase,
      kdf: params,
    });
    await this.host.refreshSlots();
    await this.host.enter(keyring, staff);
    await this.host.audit().log({ kind: 'setup', details: { method: 'join' } });
  }

  /** Erases this device's local data (an interrupted pairing), then starts over. */
  async resetDevice(): Promise<void> {
    this.host.close();
    await deleteComptoirDb();
    location.reload();
  }
}
