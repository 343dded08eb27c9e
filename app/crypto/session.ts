/**
 * The key session: the one place an unwrapped keyring lives while staff work
 * (DESIGN.md "Session"). `lock()` zeroes every secret buffer (`sodium.memzero` through
 * `Keyring.wipe`) and drops the reference, so nothing can reach the keys afterwards —
 * used on lock, on entering patient mode, after idle, on `pagehide` and bfcache restore.
 */
import { KeyringWipedError } from './errors';
import type { Keyring } from './keyring';

export class KeySession {
  #keyring: Keyring | null = null;

  /** Takes ownership of `keyring`; a previously open keyring is wiped first. */
  open(keyring: Keyring): void {
    if (this.#keyring !== null && this.#keyring !== keyring) this.#keyring.wipe();
    this.#keyring = keyring;
  }

  /** True while a keyring is held. */
  get isOpen(): boolean {
    return this.#keyring !== null;
  }

  /** The open keyring; throws {@link KeyringWipedError} when locked. */
  get keyring(): Keyring {
    if (this.#keyring === null) throw new KeyringWipedError('session is locked');
    return this.#keyring;
  }

  /** Wipes the keyring's secrets and forgets it. Idempotent. */
  lock(): void {
    const keyring = this.#keyring;
    this.#keyring = null;
    if (keyring !== null && !keyring.isWiped) keyring.wipe();
  }
}
