/**
 * Verification of the audit hash chains (one per device, see `audit.ts`). Pure: the hash
 * function is injected (the store passes SHA-256 from app/crypto), so this module stays
 * free of libsodium.
 *
 * What breaks where, for a device's entries sorted by `seq`:
 * - a deleted entry leaves a gap in the numbers → `missing`;
 * - a deleted tail is invisible in the numbers, but the device's known head (last seq and
 *   hash, kept apart by the store) is beyond the last entry → `truncated`;
 * - an edited entry no longer hashes to the `prev` its successor (or the head) recorded →
 *   `edited` (attribution: that entry, or the link of the next one);
 * - entries that swapped places (renumbered) have links pointing to entries that exist
 *   elsewhere in the chain → `reordered`;
 * - two different entries claiming one number → `forked`.
 * The store adds `unreadable` (an envelope that does not open) and `conflict` (another
 * device sent a different content for an entry already stored here: refused).
 */
import { AUDIT_GENESIS_HASH, auditEntryText, type AuditEntry, type AuditHead } from './audit';

/** One problem found in a device's chain. */
export type AuditProblem =
  | { readonly kind: 'missing'; readonly from: number; readonly to: number }
  | { readonly kind: 'truncated'; readonly last: number; readonly head: number }
  | {
      readonly kind: 'edited' | 'reordered' | 'forked' | 'unreadable' | 'conflict';
      readonly seq: number;
    };

/** The verdict on one device's chain. */
export interface AuditDeviceReport {
  readonly deviceId: string;
  /** Readable entries of this device. */
  readonly entries: number;
  /** Highest sequence number seen (readable or not), 0 when none. */
  readonly lastSeq: number;
  readonly problems: readonly AuditProblem[];
}

/** The verdict on every chain: `ok` when no device has a problem. */
export interface AuditChainReport {
  readonly ok: boolean;
  readonly devices: readonly AuditDeviceReport[];
}

/** Options of {@link verifyAuditChain}. */
export interface VerifyAuditOptions {
  /** Hex hash of a canonical entry text (SHA-256 in the app). */
  readonly hash: (text: string) => string;
  /** Known head of each device's chain (detects a deleted tail and an edited last entry). */
  readonly heads?: ReadonlyMap<string, AuditHead>;
  /** Entries that exist but could not be read: reported, and not counted as missing. */
  readonly unreadable?: readonly { readonly deviceId: string; readonly seq: number }[];
  /** Problems found elsewhere (e.g. refused remote rewrites), added to their device. */
  readonly extra?: readonly { readonly deviceId: string; readonly problem: AuditProblem }[];
}

/** How far (in entries) a moved entry is looked for when a link breaks. */
const MOVE_WINDOW = 8;
/** Broken links searched for a move; beyond, they are reported as edits (cost bound). */
const MAX_MOVE_SEARCHES = 64;

/** A device's entries with their hashes, for the link checks. */
interface Chain {
  readonly entries: readonly AuditEntry[];
  readonly hashes: ReadonlyMap<AuditEntry, string>;
  readonly byHash: ReadonlyMap<string, AuditEntry>;
  readonly hash: (text: string) => string;
}

/**
 * Whether `target` is the hash of another entry of the chain, as it is or as it was at a
 * nearby position (a renumbered entry hashes differently from where it was chained).
 */
function isMovedEntry(target: string, entry: AuditEntry, chain: Chain): boolean {
  const found = chain.byHash.get(target);
  if (found && found !== entry) return true;
  const near = entry.seq - 1;
  return chain.entries.some((other) => {
    if (other === entry || Math.abs(other.seq - near) > MOVE_WINDOW) return false;
    for (let s = Math.max(1, near - MOVE_WINDOW); s <= near + MOVE_WINDOW; s += 1) {
      if (s !== other.seq && chain.hash(auditEntryText({ ...other, seq: s })) === target) {
        return true;
      }
    }
    return false;
  });
}

/** What `entry.prev` must be, or undefined when its predecessor is not there to compare. */
function expectedPrev(entry: AuditEntry, previous: AuditEntry | undefined, chain: Chain) {
  if (entry.seq === 1) return AUDIT_GENESIS_HASH;
  return previous?.seq === entry.seq - 1 ? chain.hashes.get(previous) : undefined;
}

/** Problems of the links between consecutive entries and of the first entry's link. */
function linkProblems(chain: Chain): AuditProblem[] {
  const out: AuditProblem[] = [];
  let searches = 0;
  chain.entries.forEach((entry, i) => {
    const expected = expectedPrev(entry, chain.entries[i - 1], chain);
    if (expected === undefined || expected === entry.prev) return;
    const moved =
      (entry.prev === AUDIT_GENESIS_HASH && entry.seq > 1) ||
      (searches++ < MAX_MOVE_SEARCHES && isMovedEntry(entry.prev, entry, chain));
    out.push(
      moved
        ? { kind: 'reordered', seq: entry.seq }
        : { kind: 'edited', seq: Math.max(1, entry.seq - 1) },
    );
  });
  return out;
}

/** Gaps in 1..last not covered by `present`. */
function gaps(present: ReadonlySet<number>, last: number): AuditProblem[] {
  const out: AuditProblem[] = [];
  for (let seq = 1; seq <= last; seq += 1) {
    if (present.has(seq)) continue;
    let to = seq;
    while (to + 1 <= last && !present.has(to + 1)) to += 1;
    out.push({ kind: 'missing', from: seq, to });
    seq = to;
  }
  return out;
}

/** Verifies one device's readable entries (any order) against its head. */
function verifyDevice(
  deviceId: string,
  entries: readonly AuditEntry[],
  unreadable: readonly number[],
  options: VerifyAuditOptions,
): AuditDeviceReport {
  const hashes = new Map(entries.map((e) => [e, options.hash(auditEntryText(e))] as const));
  const bySeq = new Map<number, AuditEntry>();
  const problems: AuditProblem[] = unreadable.map((seq) => ({ kind: 'unreadable', seq }));
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    const same = bySeq.get(entry.seq);
    if (!same) {
      bySeq.set(entry.seq, entry);
    } else if (hashes.get(same) !== hashes.get(entry)) {
      problems.push({ kind: 'forked', seq: entry.seq });
    }
  }
  const chain: Chain = {
    entries: [...bySeq.values()],
    hashes,
    byHash: new Map(entries.map((e) => [hashes.get(e) ?? '', e] as const)),
    hash: options.hash,
  };
  const present = new Set([...bySeq.keys(), ...unreadable]);
  let last = 0;
  for (const seq of present) last = Math.max(last, seq);
  problems.push(...gaps(present, last), ...linkProblems(chain));
  const head = options.heads?.get(deviceId);
  if (head && head.seq > last) problems.push({ kind: 'truncated', last, head: head.seq });
  const atHead = head ? bySeq.get(head.seq) : undefined;
  if (head && atHead && hashes.get(atHead) !== head.hash) {
    problems.push({ kind: 'edited', seq: head.seq });
  }
  return { deviceId, entries: entries.length, lastSeq: last, problems: unique(problems) };
}

/** Drops repeated problems (a link can be blamed twice), keeping the first. */
function unique(problems: readonly AuditProblem[]): AuditProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Verifies every device's chain. Entries may come in any order; each device is checked on
 * its own (devices are sorted by id in the report).
 *
 * @param entries - readable, well-formed entries (`isAuditEntry`)
 */
export function verifyAuditChain(
  entries: readonly AuditEntry[],
  options: VerifyAuditOptions,
): AuditChainReport {
  const byDevice = new Map<string, AuditEntry[]>();
  const add = (deviceId: string): AuditEntry[] => {
    let list = byDevice.get(deviceId);
    if (!list) byDevice.set(deviceId, (list = []));
    return list;
  };
  for (const entry of entries) add(entry.deviceId).push(entry);
  for (const { deviceId } of options.unreadable ?? []) add(deviceId);
  for (const deviceId of options.heads?.keys() ?? []) add(deviceId);
  for (const { deviceId } of options.extra ?? []) add(deviceId);
  const devices = [...byDevice.keys()].sort().map((deviceId) => {
    const unreadable = (options.unreadable ?? []).filter((u) => u.deviceId === deviceId);
    const report = verifyDevice(
      deviceId,
      byDevice.get(deviceId) ?? [],
      unreadable.map((u) => u.seq),
      options,
    );
    const extra = (options.extra ?? []).filter((x) => x.deviceId === deviceId);
    return { ...report, problems: unique([...report.problems, ...extra.map((x) => x.problem)]) };
  });
  return { ok: devices.every((d) => d.problems.length === 0), devices };
}
