/**
 * A device's own key pairs before it holds a vault's keys (pairing): Ed25519 to sign relay
 * requests and device-log entries, X25519 to receive the shared keyring sealed to it.
 * One purpose per key (DESIGN.md "Keys"). The secrets never leave app/crypto.
 */
import { randomId } from './encoding';
import { KeyringWipedError } from './errors';
import type { KeyPair } from './keyring';
import { getSodium } from './sodium';

type Pairs = { sign: KeyPair; box: KeyPair };
let readPairs!: (identity: DeviceIdentity) => Pairs;

/** A device id with its key pairs; build with {@link createDeviceIdentity}. */
export class DeviceIdentity {
  readonly #pairs: Pairs;
  #wiped = false;
  /** Random device id (base64url of 16 bytes; not secret). */
  readonly deviceId: string;

  static {
    readPairs = (identity) => identity.#live();
  }

  /** @internal use {@link createDeviceIdentity} */
  constructor(deviceId: string, pairs: Pairs) {
    this.deviceId = deviceId;
    this.#pairs = pairs;
  }

  #live(): Pairs {
    if (this.#wiped) throw new KeyringWipedError('The device identity was wiped.');
    return this.#pairs;
  }

  /** Ed25519 public key (32 bytes, a copy). @throws KeyringWipedError after wipe */
  get signPublicKey(): Uint8Array {
    return this.#live().sign.publicKey.slice();
  }
  /** X25519 public key (32 bytes, a copy). @throws KeyringWipedError after wipe */
  get boxPublicKey(): Uint8Array {
    return this.#live().box.publicKey.slice();
  }

  /** Ed25519 detached signature (`crypto_sign_detached`). @throws KeyringWipedError */
  signDetached(message: Uint8Array): Uint8Array {
    return getSodium().crypto_sign_detached(message, this.#live().sign.secretKey);
  }

  /** Zeroes both secret keys (`sodium_memzero`). Idempotent. */
  wipe(): void {
    if (this.#wiped) return;
    getSodium().memzero(this.#pairs.sign.secretKey);
    getSodium().memzero(this.#pairs.box.secretKey);
    this.#wiped = true;
  }
}

/**
 * A fresh device identity: `randomId()`, `crypto_sign_keypair`, `crypto_box_keypair`.
 * @throws CryptoNotReadyError before initCrypto()
 */
export function createDeviceIdentity(): DeviceIdentity {
  const s = getSodium();
  const pair = (kp: { publicKey: Uint8Array; privateKey: Uint8Array }): KeyPair => ({
    publicKey: kp.publicKey,
    secretKey: kp.privateKey,
  });
  return new DeviceIdentity(randomId(), {
    sign: pair(s.crypto_sign_keypair()),
    box: pair(s.crypto_box_keypair()),
  });
}

/** @internal the live pairs, for share.ts only. @throws KeyringWipedError after wipe */
export function deviceIdentityPairs(identity: DeviceIdentity): Pairs {
  return readPairs(identity);
}
