/**
 * A kit box GTIN remembered against the kit the staff picked for it (DESIGN.md "Kit": "A
 * GTIN is remembered against the kit the staff picks"), so the next scan of the same box
 * fills the kit. A synced record (kind `kit-link`): every device of the pharmacy learns it.
 *
 * Each link is its own record under a RANDOM record id (the GTIN stays inside the
 * envelope, DESIGN.md "IndexedDB": only random ids in clear). Two devices linking the same
 * GTIN while offline therefore make two records; {@link currentGtinLinks} keeps the latest
 * by clock, the same choice on every device once they have the same records.
 */
import { compareHlc, type Hlc } from './sync/hlc';

/** What is remembered for one GTIN. */
export interface KitLink {
  /** GTIN-14 as read from AI 01 (check digit valid). */
  readonly gtin: string;
  /** EU JRC device id of the kit. */
  readonly kitId: string;
  /**
   * The kit's name when it was linked: a device whose kit list lacks the kit (its list is
   * per device, e.g. the EU list not imported there) can still fill the test with it.
   */
  readonly kitName: string;
}

/** A stored link with its record id and the clock of its version. */
export interface StoredKitLink {
  /** Random record id (not the GTIN). */
  readonly id: string;
  readonly link: KitLink;
  readonly hlc: Hlc;
}

/**
 * The link in force for each GTIN: the latest version by clock, ties (same clock: only
 * for versions written before clocks existed) broken by the larger record id. The result
 * does not depend on the order of `stored`.
 */
export function currentGtinLinks(stored: readonly StoredKitLink[]): Map<string, StoredKitLink> {
  const byGtin = new Map<string, StoredKitLink>();
  for (const entry of stored) {
    const current = byGtin.get(entry.link.gtin);
    if (!current || isLater(entry, current)) byGtin.set(entry.link.gtin, entry);
  }
  return byGtin;
}

function isLater(a: StoredKitLink, b: StoredKitLink): boolean {
  const c = compareHlc(a.hlc, b.hlc);
  return c !== 0 ? c > 0 : a.id > b.id;
}
