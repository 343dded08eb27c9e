/**
 * BundleStore: everything the relay persists, behind one interface so the embedded SQLite
 * store, the PostgreSQL store (several stateless relays) and the in-memory test store are
 * interchangeable. Every method is async (PostgreSQL is). Byte arrays are stored verbatim.
 *
 * Durability contract: when a write method resolves, the data survive a crash (`kill -9`)
 * of the relay process. Implementations may group concurrent writes into one commit.
 */

/** One signed device-log entry as stored (the relay verified it before storing). */
export interface StoredDeviceEntry {
  readonly vaultId: string;
  readonly seq: number;
  /** Device the entry is about. */
  readonly deviceId: string;
  readonly kind: 'genesis' | 'add' | 'revoke';
  /** Ed25519 public key of `deviceId` (raw 32 bytes). */
  readonly signPublicKey: Uint8Array;
  /** hex SHA-256 of the entry's canonical JSON including its signature. */
  readonly hash: string;
  /** The entry's canonical JSON, exactly as verified (returned to devices as is). */
  readonly json: string;
}

/** What the relay knows of a device: its vault, key and whether it was revoked. */
export interface DeviceRecord {
  readonly deviceId: string;
  readonly vaultId: string;
  readonly signPublicKey: Uint8Array;
  readonly revoked: boolean;
}

/** A stored bundle, by server sequence number. */
export interface StoredBundle {
  readonly seq: number;
  readonly bytes: Uint8Array;
}

/** Result of {@link BundleStore.putBundle}. */
export type PutBundleResult =
  | { readonly status: 'stored'; readonly seq: number }
  | { readonly status: 'duplicate'; readonly seq: number }
  /** Same bundle id, different bytes. */
  | { readonly status: 'conflict' }
  | { readonly status: 'quota' };

export interface BundleStore {
  /** Creates a vault with its genesis entry. Resolves 'exists' when the vault id is taken. */
  createVault(genesis: StoredDeviceEntry, createdAt: number): Promise<'created' | 'exists'>;
  /** The device log of a vault, ordered by seq ([] when no such vault). */
  deviceLog(vaultId: string): Promise<StoredDeviceEntry[]>;
  /**
   * Appends `entry` if its seq is exactly last + 1 (optimistic concurrency; the relay
   * already checked prev hash and signature against the log it read).
   */
  appendDeviceEntry(entry: StoredDeviceEntry): Promise<'appended' | 'conflict'>;
  /** The device (any vault), or null. */
  device(deviceId: string): Promise<DeviceRecord | null>;
  /**
   * Stores a bundle (idempotent by bundle id within the vault), assigning the vault's next
   * server sequence number; refuses with 'quota' when the vault would exceed `quotaBytes`.
   */
  putBundle(input: {
    vaultId: string;
    bundleId: string;
    deviceId: string;
    bytes: Uint8Array;
    receivedAt: number;
    quotaBytes: number;
  }): Promise<PutBundleResult>;
  /** Bundles with seq > `after`, ascending, at most `limit`. */
  listBundles(vaultId: string, after: number, limit: number): Promise<StoredBundle[]>;
  /**
   * Highest server seq ever assigned in the vault (0 when none). Never decreases, also after
   * retention deleted bundles: a seq is never reused (contract: sync-server/store/contract.ts).
   */
  lastSeq(vaultId: string): Promise<number>;
  /** Bytes of bundles currently stored for the vault. */
  usage(vaultId: string): Promise<number>;
  /** Deletes bundles received before `before` (retention); resolves how many. */
  deleteBundlesReceivedBefore(before: number): Promise<number>;
  /**
   * Records a request nonce; resolves false when (deviceId, nonce) was already seen and has
   * not expired (replay; alive while now < expiresAt). Expired nonces may be purged lazily.
   */
  rememberNonce(deviceId: string, nonce: string, expiresAt: number, now: number): Promise<boolean>;
  /** Fills a one-shot pairing mailbox; false when already filled (and not expired). */
  putMailbox(id: string, bytes: Uint8Array, expiresAt: number, now: number): Promise<boolean>;
  /** Takes (reads and deletes) a mailbox's content; null when empty or expired (now ≥ expiresAt). */
  takeMailbox(id: string, now: number): Promise<Uint8Array | null>;
  close(): Promise<void>;
}
