/** Shared helpers of the SQLite store tests: temp files and store records. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { StoredDeviceEntry } from '../../../sync-server/store/bundle-store';
import { SqliteBundleStore } from '../../../sync-server/store/sqlite-store';

/** A fresh temp folder per call, removed after the test. */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-sqlite-'));
    dirs.push(dir);
    return dir;
  };
}

/** Opens stores on temp files and closes them after the test. */
export function useStores(): {
  open: (path?: string) => SqliteBundleStore;
  tempPath: () => string;
} {
  const newDir = useTempDirs();
  const stores: SqliteBundleStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });
  const tempPath = (): string => join(newDir(), 'relay.sqlite');
  return {
    tempPath,
    open: (path = tempPath()) => {
      const store = new SqliteBundleStore({ path });
      stores.push(store);
      return store;
    },
  };
}

/** A device-log entry with recognisable bytes. */
export function entry(
  vaultId: string,
  seq: number,
  deviceId: string,
  kind: StoredDeviceEntry['kind'] = seq === 0 ? 'genesis' : 'add',
): StoredDeviceEntry {
  return {
    vaultId,
    seq,
    deviceId,
    kind,
    signPublicKey: new Uint8Array(32).fill(seq + 1),
    hash: `${seq}`.padStart(64, '0'),
    json: JSON.stringify({ vault: vaultId, seq, device: deviceId, kind }),
  };
}

/** `size` bytes derived from `tag`, so two bundles never share bytes by accident. */
export function bytesOf(tag: number, size = 16): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (tag * 31 + i) & 0xff);
}

/** putBundle input with defaults. */
export function bundle(
  vaultId: string,
  bundleId: string,
  bytes: Uint8Array,
  extra: { receivedAt?: number; quotaBytes?: number; deviceId?: string } = {},
) {
  return {
    vaultId,
    bundleId,
    deviceId: extra.deviceId ?? 'device-a',
    bytes,
    receivedAt: extra.receivedAt ?? 1_000,
    quotaBytes: extra.quotaBytes ?? 1_000_000,
  };
}
