/**
 * What a scanned kit box does to the test form (DESIGN.md "Kit"): an expired box is
 * refused; a GTIN linked to a kit fills the kit, the lot and the expiry; an unknown GTIN
 * fills the lot and the expiry and asks the staff to pick the kit once. Pure: the caller
 * parses the code (app/scan `parseGs1`) and passes the links, the kit list and `today`.
 */
import { formatDateFr, type DayInput } from './day';
import { fieldError } from './errors';
import type { KitLink } from './kit-link';
import { DEFAULT_READING_MINUTES, findKit, type Kit } from './kits';
import { isKitExpired } from './test-info';

/** What a kit box code says: the shape of app/scan's `Gs1Kit` (the domain imports no scan). */
export interface ScannedKitBox {
  /** GTIN-14 (AI 01). */
  readonly gtin: string;
  /** `YYYY-MM-DD` (AI 17). */
  readonly expiry?: string;
  /** AI 10. */
  readonly lot?: string;
  /** AI 21. */
  readonly serial?: string;
}

/** Test form values a scan sets; `''` where the code says nothing (typed from the box). */
export interface KitBoxFill {
  readonly gtin: string;
  readonly lot: string;
  readonly expiry: string;
  readonly serial: string;
}

/** The outcome of one scan; `message` is the French sentence to announce. */
export type KitScan =
  /** Refused: the box is past its expiry date. Nothing is filled. */
  | { readonly status: 'expired'; readonly expiry: string; readonly message: string }
  /** Refused: the GTIN's kit was removed from the EU list. Nothing is filled. */
  | { readonly status: 'retired'; readonly kit: Kit; readonly message: string }
  /** The GTIN is linked: kit, lot and expiry are filled. */
  | {
      readonly status: 'linked';
      readonly kit: Kit;
      readonly fill: KitBoxFill;
      readonly message: string;
    }
  /** The GTIN is not linked yet: lot and expiry are filled, the staff picks the kit. */
  | { readonly status: 'unknown'; readonly fill: KitBoxFill; readonly message: string };

/** Said when a box's GTIN is not linked to a kit yet. */
export const UNKNOWN_BOX_MESSAGE =
  'Boîte inconnue : choisissez le test correspondant dans la liste, il sera retenu pour les prochaines boîtes.';

/**
 * Decides what a scanned box fills.
 * @param box the parsed code
 * @param links the links in force, by GTIN (see `currentGtinLinks`)
 * @param kits the kit list in use on this device
 * @param today the day the kit is used (a `Date` is taken as its Paris day)
 */
export function kitFromScan(
  box: ScannedKitBox,
  links: ReadonlyMap<string, KitLink>,
  kits: readonly Kit[],
  today: DayInput,
): KitScan {
  if (box.expiry !== undefined && isKitExpired(box.expiry, today)) {
    const { message } = fieldError('expiry', 'expiry.expired', { date: formatDateFr(box.expiry) });
    return { status: 'expired', expiry: box.expiry, message };
  }
  const fill: KitBoxFill = {
    gtin: box.gtin,
    lot: box.lot ?? '',
    expiry: box.expiry ?? '',
    serial: box.serial ?? '',
  };
  const missing = missingParts(box);
  const link = links.get(box.gtin);
  if (!link) return { status: 'unknown', fill, message: join(UNKNOWN_BOX_MESSAGE, missing) };
  const kit = findKit(link.kitId, kits) ?? unlistedKit(link);
  if (!kit.active) {
    return { status: 'retired', kit, message: fieldError('kitId', 'kit.inactive').message };
  }
  const filled = missing || 'Le test, le lot et la date de péremption sont remplis.';
  return { status: 'linked', kit, fill, message: `Boîte reconnue : ${kit.name}. ${filled}` };
}

/**
 * A linked kit that this device's list does not have (the EU list imported on another
 * device only): usable under its linked name, with the default reading time.
 */
function unlistedKit(link: KitLink): Kit {
  return {
    id: link.kitId,
    name: link.kitName,
    manufacturer: '',
    readingMinutes: DEFAULT_READING_MINUTES,
    active: true,
  };
}

function missingParts(box: ScannedKitBox): string {
  if (box.lot === undefined && box.expiry === undefined) {
    return 'Le code ne donne ni le lot ni la date de péremption : recopiez-les depuis la boîte.';
  }
  if (box.lot === undefined) return 'Le code ne donne pas le lot : recopiez-le depuis la boîte.';
  if (box.expiry === undefined) {
    return 'Le code ne donne pas la date de péremption : recopiez-la depuis la boîte.';
  }
  return '';
}

function join(first: string, second: string): string {
  return second ? `${first} ${second}` : first;
}
