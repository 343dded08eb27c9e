/**
 * Per-author chain tracking of received bundles (DESIGN.md "Sync relay": detect a missing,
 * reordered or forked device chain — rollback or fork by a malicious relay — and say so).
 * Each author numbers its bundles 1, 2, 3… and chains each to the SHA-256 of the previous
 * one; the relay cannot forge bundles (they are signed) but can drop, reorder or replay.
 *
 * A snapshot bundle (flag bit 0) carries the author's whole state, so it may anchor a chain
 * whose earlier bundles expired (retention) or are gone: nothing before it is needed.
 * Signed ops are applied even when a warning is raised: the merge is order-independent and
 * idempotent, so applying them is always safe; the warning tells the staff something is off.
 */
import type { ChainHeadRow } from '../store';

/** The last received bundle of each author, by device id (mutated by {@link trackBundle}). */
export type ChainHeads = Map<string, ChainHeadRow>;

/** What the tracker needs from a verified bundle. */
export interface ChainLink {
  readonly deviceId: string;
  readonly deviceSeq: number;
  /** hex SHA-256 of the author's previous bundle (64 zeros for seq 1). */
  readonly prevHash: string;
  /** hex SHA-256 of this bundle. */
  readonly hash: string;
  readonly snapshot: boolean;
}

/** Verdict on one bundle. */
export interface ChainVerdict {
  /** False only for an exact duplicate (already applied). */
  readonly apply: boolean;
  /** A detected anomaly, with the French detail of which bundles. */
  readonly anomaly: {
    readonly kind: 'missing' | 'reordered' | 'forked';
    readonly extra: string;
  } | null;
}

const OK: ChainVerdict = { apply: true, anomaly: null };

function range(from: number, to: number): string {
  return from === to ? `lot ${from}` : `lots ${from} à ${to}`;
}

/**
 * Checks a verified bundle against its author's chain and advances the head.
 * @param heads - chain heads, updated in place
 * @returns whether to apply the bundle's ops and the anomaly, if any
 */
export function trackBundle(heads: ChainHeads, link: ChainLink): ChainVerdict {
  const head = heads.get(link.deviceId);
  const advance = (anchored: boolean) =>
    heads.set(link.deviceId, { seq: link.deviceSeq, hash: link.hash, anchored });
  if (!head) {
    // Unanchored until a snapshot arrives; reported by `unanchoredAuthors` if none does.
    advance(link.deviceSeq === 1 || link.snapshot);
    return OK;
  }
  const { deviceSeq: seq } = link;
  if (seq === head.seq) {
    if (link.hash === head.hash) return { apply: false, anomaly: null };
    return { apply: true, anomaly: { kind: 'forked', extra: `lot ${seq}` } };
  }
  if (seq < head.seq) {
    return {
      apply: true,
      anomaly: { kind: 'reordered', extra: `lot ${seq} après le lot ${head.seq}` },
    };
  }
  if (seq === head.seq + 1) {
    advance(head.anchored || link.snapshot);
    if (link.prevHash === head.hash) return OK;
    return { apply: true, anomaly: { kind: 'forked', extra: `lot ${seq}` } };
  }
  advance(head.anchored || link.snapshot);
  if (link.snapshot) return OK;
  return { apply: true, anomaly: { kind: 'missing', extra: range(head.seq + 1, seq - 1) } };
}

/**
 * Authors whose chain still starts after a gap that no snapshot covered (call at the end of
 * a catch-up). Marks them anchored so each is reported once.
 * @returns their device ids
 */
export function unanchoredAuthors(heads: ChainHeads): string[] {
  const out: string[] = [];
  for (const [deviceId, head] of heads) {
    if (head.anchored) continue;
    out.push(deviceId);
    heads.set(deviceId, { ...head, anchored: true });
  }
  return out;
}
