/**
 * Browsing the audit log: newest first, filtered by event kind, staff member, device and
 * a range of days (the pharmacy's local days). Pure.
 */
import type { AuditEntry, AuditKind } from './audit';
import { DEFAULT_TIME_ZONE, localDay } from './day';

/** What the « Journal d'audit » screen filters on; absent members do not filter. */
export interface AuditFilter {
  /** Event kinds to keep (empty or absent: all). */
  readonly kinds?: readonly AuditKind[];
  readonly staffId?: string;
  readonly deviceId?: string;
  /** First local day kept, `YYYY-MM-DD` (inclusive). */
  readonly fromDay?: string;
  /** Last local day kept, `YYYY-MM-DD` (inclusive). */
  readonly toDay?: string;
}

/** Newest first: by time, then device, then sequence number (a stable, total order). */
export function compareAuditNewestFirst(a: AuditEntry, b: AuditEntry): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? 1 : -1;
  return b.seq - a.seq;
}

/**
 * The entries matching `filter`, newest first (a new array).
 * @param timeZone - zone of the days of `fromDay` / `toDay` (the pharmacy's)
 */
export function filterAuditEntries(
  entries: readonly AuditEntry[],
  filter: AuditFilter,
  timeZone: string = DEFAULT_TIME_ZONE,
): AuditEntry[] {
  const kinds = filter.kinds && filter.kinds.length > 0 ? new Set(filter.kinds) : null;
  const dayed = filter.fromDay !== undefined || filter.toDay !== undefined;
  return entries
    .filter((e) => {
      if (kinds && !kinds.has(e.kind)) return false;
      if (filter.staffId !== undefined && e.staffId !== filter.staffId) return false;
      if (filter.deviceId !== undefined && e.deviceId !== filter.deviceId) return false;
      if (!dayed) return true;
      const day = localDay(new Date(e.at), timeZone);
      return (
        (filter.fromDay === undefined || day >= filter.fromDay) &&
        (filter.toDay === undefined || day <= filter.toDay)
      );
    })
    .sort(compareAuditNewestFirst);
}

/** The staff members named in the entries (id → latest name), for the filter's list. */
export function auditStaff(entries: readonly AuditEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of [...entries].sort(compareAuditNewestFirst)) {
    if (e.staffId !== null && e.staffName !== null && !out.has(e.staffId)) {
      out.set(e.staffId, e.staffName);
    }
  }
  return out;
}
