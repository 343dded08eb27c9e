/**
 * The in-memory keyring: vault keys per epoch, the intake key pair and this device's keys.
 * It lives only in memory (DESIGN.md "Keys") and is zeroed by {@link Keyring.wipe}.
 */
import { assertEpoch, assertIdentifier } from './associated-data';
import { randomBytes, randomId } from './encoding';
import { InvalidInputError, KeyringWipedError, UnknownEpochError } from './errors';
import { getSodium } from './sodium';

/** What a subkey is for; each purpose has its own `crypto_kdf` context. */
export type KeyPurpose = 'records' | 'bundles' | 'blind-index' | 'audit';

/** Every {@link KeyPurpose}, in a fixed order. */
export const KEY_PURPOSES: readonly KeyPurpose[] = ['records', 'bundles', 'blind-index', 'audit'];

/**
 * 8-byte `crypto_kdf` contexts (`crypto_kdf_CONTEXTBYTES`).
 * FROZEN: v1 format, must not change (changing one makes old data unreadable).
 */
const KDF_CONTEXTS: Readonly<Record<KeyPurpose, string>> = {
  records: 'cmpt-rec',
  bundles: 'cmpt-bdl',
  'blind-index': 'cmpt-bix',
  audit: 'cmpt-aud',
};
/** Subkey id under each context. FROZEN: v1 format, must not change. */
const SUBKEY_ID = 1;
/** Length of vault keys and subkeys (`crypto_kdf_KEYBYTES`, `crypto_kdf_BYTES_MAX` ≥ 32). */
export const VAULT_KEY_BYTES = 32;

/**
 * Derives the subkey of `purpose` from a vault key (`crypto_kdf_derive_from_key`, BLAKE2b).
 * @param vaultKey - 32-byte vault key of one epoch
 * @param purpose - one of {@link KEY_PURPOSES}
 * @returns a new 32-byte subkey; the caller owns it and must memzero it
 * @throws InvalidInputError on a wrong key length or unknown purpose
 * @see https://doc.libsodium.org/key_derivation#deriving-keys-from-a-single-high-entropy-key
 */
export function deriveSubkey(vaultKey: Uint8Array, purpose: KeyPurpose): Uint8Array {
  const context = KDF_CONTEXTS[purpose] as string | undefined;
  if (context === undefined) throw new InvalidInputError('Unknown key purpose.');
  if (vaultKey.length !== VAULT_KEY_BYTES)
    throw new InvalidInputError('Vault key must be 32 bytes.');
  return getSodium().crypto_kdf_derive_from_key(VAULT_KEY_BYTES, SUBKEY_ID, context, vaultKey);
}

/** A key pair whose secret half lives only inside a keyring. */
export type KeyPair = { publicKey: Uint8Array; secretKey: Uint8Array };

/**
 * Everything a keyring holds. @internal — only keyring-codec.ts and seal.ts read it,
 * through {@link keyringMaterial}; it is not re-exported from index.ts.
 */
export type KeyringMaterial = {
  vaultId: string;
  deviceId: string;
  currentEpoch: number;
  /** epoch → 32-byte vault key */
  vaultKeys: Map<number, Uint8Array>;
  /** X25519 (`crypto_box`) intake pair; patients seal to its public key. */
  intake: KeyPair;
  /** Ed25519 (`crypto_sign`) device pair; the secret key is libsodium's 64-byte seed‖pk. */
  deviceSign: KeyPair;
  /** X25519 (`crypto_box`) device pair; receives the keyring on pairing. */
  deviceBox: KeyPair;
};

let readMaterial!: (keyring: Keyring) => KeyringMaterial;
let storageKeyAccess!: (keyring: Keyring, replacement?: Uint8Array) => Uint8Array;

/**
 * Unlocked keys of one vault. Build with {@link createKeyring} or `parseKeyring`.
 * After {@link Keyring.wipe}, every member except `vaultId`, `deviceId` and `isWiped` throws
 * KeyringWipedError.
 */
export class Keyring {
  readonly #m: KeyringMaterial;
  /** `${purpose}@${epoch}` → cached subkey (zeroed on wipe / dropEpoch). */
  readonly #subkeys = new Map<string, Uint8Array>();
  /** Keyring key (slot-wrap.ts v2, keyring-box.ts): drawn on first use, or adopted on open. */
  #storageKey: Uint8Array | null = null;
  #wiped = false;

  static {
    readMaterial = (keyring) => keyring.#live();
    storageKeyAccess = (keyring, replacement) => {
      keyring.#live();
      if (replacement !== undefined) {
        if (keyring.#storageKey) getSodium().memzero(keyring.#storageKey);
        keyring.#storageKey = replacement;
      }
      keyring.#storageKey ??= randomBytes(VAULT_KEY_BYTES);
      return keyring.#storageKey;
    };
  }

  /** @internal Takes ownership of `material`; use createKeyring / parseKeyring instead. */
  constructor(material: KeyringMaterial) {
    assertIdentifier('vaultId', material.vaultId);
    assertIdentifier('deviceId', material.deviceId);
    if (!material.vaultKeys.has(material.currentEpoch)) {
      throw new InvalidInputError('The current epoch has no vault key.');
    }
    this.#m = material;
  }

  #live(): KeyringMaterial {
    if (this.#wiped) throw new KeyringWipedError();
    return this.#m;
  }

  /** Id of the vault these keys open (not secret; readable after wipe). */
  get vaultId(): string {
    return this.#m.vaultId;
  }
  /** Random id of this device (base64url; not secret; readable after wipe). */
  get deviceId(): string {
    return this.#m.deviceId;
  }
  /** True once {@link Keyring.wipe} ran. */
  get isWiped(): boolean {
    return this.#wiped;
  }
  /** Epoch used for new encryptions. @throws KeyringWipedError */
  get currentEpoch(): number {
    return this.#live().currentEpoch;
  }
  /** X25519 intake public key (32 bytes, a copy), printed on the poster. @throws KeyringWipedError */
  get intakePublicKey(): Uint8Array {
    return this.#live().intake.publicKey.slice();
  }
  /** Ed25519 public key of this device (32 bytes, a copy). @throws KeyringWipedError */
  get deviceSignPublicKey(): Uint8Array {
    return this.#live().deviceSign.publicKey.slice();
  }
  /** X25519 public key of this device (32 bytes, a copy). @throws KeyringWipedError */
  get deviceBoxPublicKey(): Uint8Array {
    return this.#live().deviceBox.publicKey.slice();
  }

  /** Epochs held, ascending. @throws KeyringWipedError */
  epochs(): number[] {
    return [...this.#live().vaultKeys.keys()].sort((a, b) => a - b);
  }

  /** @returns whether vault key `epoch` is held. @throws KeyringWipedError */
  hasEpoch(epoch: number): boolean {
    return this.#live().vaultKeys.has(epoch);
  }

  /**
   * The 32-byte subkey of `purpose` at `epoch`, derived once then cached. The returned buffer
   * is shared: do not mutate or keep it; it is zeroed by wipe() and dropEpoch().
   * @throws UnknownEpochError when `epoch` is not held; KeyringWipedError after wipe
   */
  subkey(purpose: KeyPurpose, epoch: number = this.currentEpoch): Uint8Array {
    const vaultKey = this.#live().vaultKeys.get(epoch);
    if (vaultKey === undefined) throw new UnknownEpochError(`No vault key for epoch ${epoch}.`);
    const cacheKey = `${purpose}@${epoch}`;
    let subkey = this.#subkeys.get(cacheKey);
    if (subkey === undefined) {
      subkey = deriveSubkey(vaultKey, purpose);
      this.#subkeys.set(cacheKey, subkey);
    }
    return subkey;
  }

  /**
   * Adds a fresh random vault key under a new random epoch number (2 … 2³²−1, not held), so
   * two devices that start an epoch at the same time do not pick the same number.
   * @param options.current - make it the current epoch (default true)
   * @returns the new epoch. @throws KeyringWipedError
   */
  addEpoch(options: { current?: boolean } = {}): number {
    const m = this.#live();
    let epoch = 0;
    while (epoch < 2 || m.vaultKeys.has(epoch)) {
      const [a = 0, b = 0, c = 0, d = 0] = randomBytes(4);
      epoch = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
    }
    m.vaultKeys.set(epoch, randomBytes(VAULT_KEY_BYTES));
    if (options.current ?? true) m.currentEpoch = epoch;
    return epoch;
  }

  /**
   * Makes a held epoch the one new encryptions use.
   * @throws UnknownEpochError when not held; KeyringWipedError
   */
  setCurrentEpoch(epoch: number): void {
    const m = this.#live();
    if (!m.vaultKeys.has(epoch)) throw new UnknownEpochError(`No vault key for epoch ${epoch}.`);
    m.currentEpoch = epoch;
  }

  /**
   * Zeroes and forgets vault key `epoch` and its subkeys (data of that epoch become
   * unreadable here). @throws InvalidInputError for the current epoch; UnknownEpochError
   * when not held; KeyringWipedError after wipe
   */
  dropEpoch(epoch: number): void {
    const m = this.#live();
    assertEpoch(epoch);
    if (epoch === m.currentEpoch) throw new InvalidInputError('Cannot drop the current epoch.');
    const vaultKey = m.vaultKeys.get(epoch);
    if (vaultKey === undefined) throw new UnknownEpochError(`No vault key for epoch ${epoch}.`);
    const s = getSodium();
    for (const [cacheKey, subkey] of this.#subkeys) {
      if (cacheKey.endsWith(`@${epoch}`)) {
        s.memzero(subkey);
        this.#subkeys.delete(cacheKey);
      }
    }
    s.memzero(vaultKey);
    m.vaultKeys.delete(epoch);
  }

  /**
   * Ed25519 detached signature (`crypto_sign_detached`, 64 bytes) with the device key.
   * @see https://doc.libsodium.org/public-key_cryptography/public-key_signatures
   * @throws KeyringWipedError
   */
  signDetached(message: Uint8Array): Uint8Array {
    return getSodium().crypto_sign_detached(message, this.#live().deviceSign.secretKey);
  }

  /** @internal test hook: the live secret buffers (vault keys, cached subkeys, secret keys). */
  secretBuffersForTest(): Uint8Array[] {
    const m = this.#live();
    return [
      ...m.vaultKeys.values(),
      ...this.#subkeys.values(),
      m.intake.secretKey,
      m.deviceSign.secretKey,
      m.deviceBox.secretKey,
      ...(this.#storageKey ? [this.#storageKey] : []),
    ];
  }

  /** Zeroes every secret buffer (`sodium_memzero`) and marks the keyring wiped. Idempotent. */
  wipe(): void {
    if (this.#wiped) return;
    const s = getSodium();
    for (const secret of this.secretBuffersForTest()) s.memzero(secret);
    this.#subkeys.clear();
    this.#m.vaultKeys.clear();
    this.#storageKey = null;
    this.#wiped = true;
  }
}

/**
 * @internal Raw material of a live keyring, for keyring-codec.ts and seal.ts only
 * (not re-exported from index.ts). @throws KeyringWipedError
 */
export function keyringMaterial(keyring: Keyring): KeyringMaterial {
  return readMaterial(keyring);
}

/**
 * @internal The keyring key that slots wrap and that seals the keyring at rest
 * (keyring-box.ts): 32 random bytes drawn on first use for a new or imported keyring, or
 * `replacement` (owned from then on; the previous key is zeroed) when a stored keyring is
 * opened. The returned buffer is shared: do not keep or mutate it. Not re-exported.
 * @throws KeyringWipedError
 */
export function keyringStorageKey(keyring: Keyring, replacement?: Uint8Array): Uint8Array {
  return storageKeyAccess(keyring, replacement);
}

/**
 * A new keyring: epoch 1 with a random vault key, fresh intake and device key pairs
 * (`crypto_box_keypair`, `crypto_sign_keypair`) and deviceId = randomId().
 * @param vaultId - non-empty id without `|`
 * @throws InvalidInputError on a bad vaultId
 */
export function createKeyring(vaultId: string): Keyring {
  assertIdentifier('vaultId', vaultId);
  const s = getSodium();
  const pair = (kp: { publicKey: Uint8Array; privateKey: Uint8Array }): KeyPair => ({
    publicKey: kp.publicKey,
    secretKey: kp.privateKey,
  });
  return new Keyring({
    vaultId,
    deviceId: randomId(),
    currentEpoch: 1,
    vaultKeys: new Map([[1, randomBytes(VAULT_KEY_BYTES)]]),
    intake: pair(s.crypto_box_keypair()),
    deviceSign: pair(s.crypto_sign_keypair()),
    deviceBox: pair(s.crypto_box_keypair()),
  });
}
