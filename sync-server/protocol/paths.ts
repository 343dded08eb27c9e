/**
 * Paths of the relay routes, and the `after`/`limit` query of a pull. The client signs the
 * path with query exactly as sent, so both sides build it here.
 */
import { DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, MIN_PULL_LIMIT } from './constants';
import type { MailboxId, VaultId } from './ids';

/** Mount point of protocol v1. */
export const RELAY_PREFIX = '/v1';

export const vaultsPath = (): string => `${RELAY_PREFIX}/vaults`;
export const devicesPath = (vault: VaultId): string => `${RELAY_PREFIX}/vaults/${vault}/devices`;
export const bundlesPath = (vault: VaultId): string => `${RELAY_PREFIX}/vaults/${vault}/bundles`;
export const eventsPath = (vault: VaultId): string => `${RELAY_PREFIX}/vaults/${vault}/events`;
export const pairingPath = (mailbox: MailboxId): string => `${RELAY_PREFIX}/pairing/${mailbox}`;

/** `GET …/bundles?after=<after>&limit=<limit>` (both always written, in this order). */
export function pullPath(vault: VaultId, after: number, limit = DEFAULT_PULL_LIMIT): string {
  return `${bundlesPath(vault)}?after=${after}&limit=${limit}`;
}

/** A validated pull query. */
export interface PullQuery {
  readonly after: number;
  readonly limit: number;
}

const DECIMAL = /^(0|[1-9][0-9]{0,15})$/;

/**
 * Parses `after` (default 0, a non-negative integer) and `limit` (default 500, 1..1000) from
 * the query's values per name (as `URLSearchParams.getAll` gives them). Other names are
 * ignored; a repeated name, a sign, a fraction or leading zeros is refused.
 * @returns null when a value is invalid.
 */
export function parsePullQuery(query: Record<string, readonly string[]>): PullQuery | null {
  const after = decimal(query.after, 0);
  const limit = decimal(query.limit, DEFAULT_PULL_LIMIT);
  if (after === null || limit === null) return null;
  if (!Number.isSafeInteger(after) || limit < MIN_PULL_LIMIT || limit > MAX_PULL_LIMIT) {
    return null;
  }
  return { after, limit };
}

function decimal(values: readonly string[] | undefined, fallback: number): number | null {
  if (values === undefined || values.length === 0) return fallback;
  const [only] = values;
  if (values.length !== 1 || only === undefined || !DECIMAL.test(only)) return null;
  return Number(only);
}
