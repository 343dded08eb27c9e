/**
 * The screens of the app and the session they show: what the app controller publishes and
 * the screens render.
 */
import type { Pharmacy, StaffMember } from '../../domain';

/** Why the session was locked (shown on the unlock screen). */
export type LockReason =
  | 'manual'
  | 'idle'
  | 'pagehide'
  | 'bfcache'
  | 'kiosk-exit'
  | 'startup'
  /** Another tab of the app renewed the vault key: this tab's copy is out of date. */
  | 'keys-renewed';

/** The screen the app shows; derived from vault existence and the session. */
export type Screen =
  | { name: 'loading' }
  | { name: 'fatal'; message: string }
  | { name: 'setup' }
  | { name: 'recovery-code'; code: string }
  | { name: 'locked'; reason: LockReason }
  | { name: 'recover' }
  | { name: 'counter' }
  | { name: 'kiosk' }
  | { name: 'join' }
  | { name: 'orphan' };

/** What an unlocked session knows besides the keys. */
export interface SessionInfo {
  staff: StaffMember;
  pharmacy: Pharmacy;
}
