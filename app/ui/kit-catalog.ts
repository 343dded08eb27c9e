/**
 * The kit list the staff picks from (DESIGN.md "Kit"), as the screens show it: the built-in
 * list, or the built-in list updated by the imported EU value set. Pure (no store).
 */
import { BUILTIN_KITS, mergeKitLists, type EuDeviceList, type Kit } from '../domain';

/** The kits in use on this device and how to name that list. */
export interface KitCatalog {
  readonly kits: readonly Kit[];
  /** « Liste intégrée (11 tests) », « Liste officielle de l'UE du 1er juillet 2021 (…) ». */
  readonly label: string;
  /** Whether an imported EU list is in use. */
  readonly imported: boolean;
}

const LONG_DATE = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** « 1er juillet 2021 »: French writes the first of the month as an ordinal (Intl does not). */
function longDateFr(day: string): string {
  const text = LONG_DATE.format(new Date(`${day}T00:00:00Z`));
  return text.replace(/^1 /, '1er ');
}

const plural = (n: number, word: string): string => `${n} ${word}${n > 1 ? 's' : ''}`;

/** The catalog for an imported list, or the built-in one when `imported` is null. */
export function kitCatalog(imported: EuDeviceList | null): KitCatalog {
  if (!imported) {
    return {
      kits: BUILTIN_KITS,
      label: `Liste intégrée (${plural(BUILTIN_KITS.length, 'test')})`,
      imported: false,
    };
  }
  const kits = mergeKitLists(BUILTIN_KITS, imported.kits);
  const retired = kits.filter((k) => !k.active).length;
  const date = longDateFr(imported.valueSetDate);
  const counts = [plural(kits.length, 'test'), ...(retired ? [plural(retired, 'retiré')] : [])];
  return {
    kits,
    label: `Liste officielle de l'UE du ${date} (${counts.join(', ')})`,
    imported: true,
  };
}

/** One option of the kit picker. */
export interface KitChoice {
  readonly kit: Kit;
  readonly text: string;
  /** Withdrawn kits cannot be chosen for a new test. */
  readonly disabled: boolean;
}

/** « name (manufacturer) — réf. UE id », « (retiré) » for a withdrawn kit. */
export function kitChoiceText(kit: Kit): string {
  const maker = kit.manufacturer ? ` (${kit.manufacturer})` : '';
  return `${kit.name}${maker} — réf. UE ${kit.id}${kit.active ? '' : ' (retiré)'}`;
}

/**
 * The picker's options: every kit of the list, withdrawn ones disabled. `keep` are kits
 * that must stay selectable although missing from the list or withdrawn: the kit of an
 * existing test, or a linked kit this device's list lacks. Missing ones are added.
 */
export function kitChoices(kits: readonly Kit[], keep: readonly Kit[] = []): KitChoice[] {
  const kept = new Set(keep.map((k) => k.id));
  const choices = kits.map((kit) => ({
    kit,
    text: kitChoiceText(kit),
    disabled: !kit.active && !kept.has(kit.id),
  }));
  for (const kit of withoutDuplicates(keep)) {
    if (!kits.some((k) => k.id === kit.id)) {
      choices.push({ kit, text: kitChoiceText(kit), disabled: false });
    }
  }
  return choices;
}

/**
 * The list a test is validated against: `kits` with the `keep` kits (see
 * {@link kitChoices}) added, or made active when withdrawn after the test was recorded.
 */
export function kitsForValidation(kits: readonly Kit[], keep: readonly Kit[] = []): readonly Kit[] {
  if (keep.length === 0) return kits;
  const kept = new Set(keep.map((k) => k.id));
  const extra = withoutDuplicates(keep).map((kit) => ({ ...kit, active: true }));
  return [...kits.filter((k) => !kept.has(k.id)), ...extra];
}

function withoutDuplicates(kits: readonly Kit[]): Kit[] {
  return kits.filter((kit, i) => kits.findIndex((k) => k.id === kit.id) === i);
}
