/**
 * Ids of the protocol: 16 random bytes, base64url without padding (22 characters) in JSON
 * and URLs, raw inside binary layouts. Branded so a device id is never passed as a vault id.
 */
import { decodeBase64UrlOfLength } from './base64url';
import { ID_BYTES } from './constants';

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type VaultId = Brand<string, 'VaultId'>;
export type DeviceId = Brand<string, 'DeviceId'>;
export type BundleId = Brand<string, 'BundleId'>;
export type MailboxId = Brand<string, 'MailboxId'>;

/** Text length of an id (16 bytes in unpadded base64url). */
export const ID_TEXT_LENGTH = 22;

/** True when `value` is the canonical text of a 16-byte id. */
export function isId(value: unknown): value is string {
  return decodeBase64UrlOfLength(value, ID_BYTES) !== null;
}

/** `value` as a vault id, or null. */
export function parseVaultId(value: unknown): VaultId | null {
  return isId(value) ? (value as VaultId) : null;
}

/** `value` as a device id, or null. */
export function parseDeviceId(value: unknown): DeviceId | null {
  return isId(value) ? (value as DeviceId) : null;
}

/** `value` as a mailbox id, or null. */
export function parseMailboxId(value: unknown): MailboxId | null {
  return isId(value) ? (value as MailboxId) : null;
}
