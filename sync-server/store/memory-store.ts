/**
 * MemoryBundleStore: the BundleStore in process memory, for unit tests and throwaway
 * development relays. Nothing survives a restart, so it does NOT meet the durability
 * contract of {@link BundleStore}; production uses the SQLite or PostgreSQL store.
 */
import type {
  BundleStore,
  DeviceRecord,
  PutBundleResult,
  StoredBundle,
  StoredDeviceEntry,
} from './bundle-store';

interface MemoryBundle extends StoredBundle {
  readonly bundleId: string;
  readonly receivedAt: number;
}

interface MemoryVault {
  readonly log: StoredDeviceEntry[];
  readonly bundles: MemoryBundle[];
  /** Highest seq ever assigned: never reused, also after retention deletes. */
  lastSeq: number;
  usage: number;
}

/** An in-memory {@link BundleStore}. */
export class MemoryBundleStore implements BundleStore {
  private readonly vaults = new Map<string, MemoryVault>();
  private readonly devices = new Map<string, DeviceRecord>();
  private readonly nonces = new Map<string, number>();
  private readonly mailboxes = new Map<string, { bytes: Uint8Array; expiresAt: number }>();

  async createVault(genesis: StoredDeviceEntry): Promise<'created' | 'exists'> {
    if (this.vaults.has(genesis.vaultId)) return 'exists';
    this.vaults.set(genesis.vaultId, { log: [genesis], bundles: [], lastSeq: 0, usage: 0 });
    this.register(genesis);
    return 'created';
  }

  async deviceLog(vaultId: string): Promise<StoredDeviceEntry[]> {
    return [...(this.vaults.get(vaultId)?.log ?? [])];
  }

  async appendDeviceEntry(entry: StoredDeviceEntry): Promise<'appended' | 'conflict'> {
    const vault = this.vaults.get(entry.vaultId);
    if (!vault || entry.seq !== vault.log.length) return 'conflict';
    vault.log.push(entry);
    this.register(entry);
    return 'appended';
  }

  async device(deviceId: string): Promise<DeviceRecord | null> {
    return this.devices.get(deviceId) ?? null;
  }

  async putBundle(input: {
    vaultId: string;
    bundleId: string;
    deviceId: string;
    bytes: Uint8Array;
    receivedAt: number;
    quotaBytes: number;
  }): Promise<PutBundleResult> {
    const vault = this.vaults.get(input.vaultId);
    if (!vault) throw new Error('putBundle: no such vault');
    const existing = vault.bundles.find((b) => b.bundleId === input.bundleId);
    if (existing) {
      return sameBytes(existing.bytes, input.bytes)
        ? { status: 'duplicate', seq: existing.seq }
        : { status: 'conflict' };
    }
    if (vault.usage + input.bytes.length > input.quotaBytes) return { status: 'quota' };
    const seq = ++vault.lastSeq;
    vault.bundles.push({
      seq,
      bundleId: input.bundleId,
      bytes: new Uint8Array(input.bytes),
      receivedAt: input.receivedAt,
    });
    vault.usage += input.bytes.length;
    return { status: 'stored', seq };
  }

  async listBundles(vaultId: string, after: number, limit: number): Promise<StoredBundle[]> {
    const bundles = this.vaults.get(vaultId)?.bundles ?? [];
    return bundles
      .filter((b) => b.seq > after)
      .slice(0, limit)
      .map((b) => ({ seq: b.seq, bytes: b.bytes }));
  }

  async lastSeq(vaultId: string): Promise<number> {
    return this.vaults.get(vaultId)?.lastSeq ?? 0;
  }

  async usage(vaultId: string): Promise<number> {
    return this.vaults.get(vaultId)?.usage ?? 0;
  }

  async deleteBundlesReceivedBefore(before: number): Promise<number> {
    let deleted = 0;
    for (const vault of this.vaults.values()) {
      const kept = vault.bundles.filter((b) => b.receivedAt >= before);
      deleted += vault.bundles.length - kept.length;
      vault.bundles.splice(0, vault.bundles.length, ...kept);
      vault.usage = kept.reduce((sum, b) => sum + b.bytes.length, 0);
    }
    return deleted;
  }

  async rememberNonce(
    deviceId: string,
    nonce: string,
    expiresAt: number,
    now: number,
  ): Promise<boolean> {
    for (const [key, expiry] of this.nonces) if (expiry <= now) this.nonces.delete(key);
    const key = `${deviceId}\n${nonce}`;
    if (this.nonces.has(key)) return false;
    this.nonces.set(key, expiresAt);
    return true;
  }

  async putMailbox(
    id: string,
    bytes: Uint8Array,
    expiresAt: number,
    now: number,
  ): Promise<boolean> {
    const current = this.mailboxes.get(id);
    if (current && current.expiresAt > now) return false;
    this.mailboxes.set(id, { bytes: new Uint8Array(bytes), expiresAt });
    return true;
  }

  async takeMailbox(id: string, now: number): Promise<Uint8Array | null> {
    const current = this.mailboxes.get(id);
    this.mailboxes.delete(id);
    return current && current.expiresAt > now ? current.bytes : null;
  }

  async close(): Promise<void> {}

  private register(entry: StoredDeviceEntry): void {
    this.devices.set(entry.deviceId, {
      deviceId: entry.deviceId,
      vaultId: entry.vaultId,
      signPublicKey: entry.signPublicKey,
      revoked: entry.kind === 'revoke',
    });
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
