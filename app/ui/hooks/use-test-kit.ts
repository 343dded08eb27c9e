/**
 * The kit part of the test form (DESIGN.md "Kit"): the kit picker's options from the list
 * in use, a scanned box code turned into form values, and the GTIN remembered against the
 * kit the test is started with.
 */
import { useState } from 'preact/hooks';
import {
  DEFAULT_READING_MINUTES,
  findKit,
  kitFromScan,
  type Kit,
  type TestInfo,
} from '../../domain';
import { kitChoices, kitsForValidation, type KitCatalog, type KitChoice } from '../kit-catalog';
import type { AppController } from './controller';
import {
  readKitBoxCode,
  rememberGtin,
  useGtinLinks,
  useKitCatalog,
  type KitCodeFeedback,
} from './kits';

/** Form values a usable scan sets (kit and reading time only when the GTIN is linked). */
export type KitFill = Partial<
  Record<'kitId' | 'readingMinutes' | 'gtin' | 'lot' | 'expiry' | 'serial', string>
>;

/** What {@link useTestKit} gives the test form. */
export interface TestKit {
  readonly catalog: KitCatalog;
  readonly choices: KitChoice[];
  /** The list `validateTest` checks the chosen kit against. */
  readonly validationKits: readonly Kit[];
  /** Field-level hint of the kit picker after an unknown box (pick the kit once). */
  readonly hint: string | null;
  readingMinutesOf(kitId: string): string;
  /** Reads a box code: the values to fill, or why nothing is filled. */
  scan(text: string): Promise<{ feedback: KitCodeFeedback; fill?: KitFill }>;
  /** After a valid submit: remembers the test's GTIN against its kit (in the background). */
  remember(test: TestInfo): void;
  clearHint(): void;
}

/** The kit of an existing test, also when this device's list lacks it. */
function kitOfTest(test: TestInfo | undefined, kits: readonly Kit[]): Kit[] {
  if (!test) return [];
  const listed = findKit(test.kitId, kits);
  if (listed) return [listed];
  const { kitId: id, kitName: name, readingMinutes } = test;
  return [{ id, name, manufacturer: '', readingMinutes, active: true }];
}

/** Kit list, GTIN links and scanning for the test form. */
export function useTestKit(controller: AppController, initial?: TestInfo): TestKit {
  const { catalog } = useKitCatalog(controller);
  const links = useGtinLinks(controller);
  const [scanned, setScanned] = useState<Kit | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const keep = [...kitOfTest(initial, catalog.kits), ...(scanned ? [scanned] : [])];
  const validationKits = kitsForValidation(catalog.kits, keep);

  const scan: TestKit['scan'] = async (text) => {
    const now = new Date();
    const read = await readKitBoxCode(text, now);
    if ('error' in read) return { feedback: { ok: false, message: read.error } };
    const result = kitFromScan(read.box, links, catalog.kits, now);
    if (result.status === 'expired' || result.status === 'retired') {
      return { feedback: { ok: false, message: result.message } };
    }
    const feedback = { ok: true, message: result.message };
    const fill: KitFill = { ...result.fill };
    if (result.status === 'unknown') {
      setHint(result.message);
      return { feedback, fill: { ...fill, kitId: '' } };
    }
    setHint(null);
    if (!findKit(result.kit.id, catalog.kits)) setScanned(result.kit);
    const readingMinutes = String(result.kit.readingMinutes);
    return { feedback, fill: { ...fill, kitId: result.kit.id, readingMinutes } };
  };

  const remember: TestKit['remember'] = (test) => {
    if (test.gtin === undefined || links.get(test.gtin)?.kitId === test.kitId) return;
    // A withdrawn kit kept for an existing test is not a kit to suggest for new boxes.
    if (findKit(test.kitId, catalog.kits)?.active === false) return;
    const link = { gtin: test.gtin, kitId: test.kitId, kitName: test.kitName };
    rememberGtin(controller, link).catch((error: unknown) => {
      // Not worth blocking the test: the staff will be asked again at the next box.
      console.warn('GTIN link not saved', error instanceof Error ? error.name : '');
    });
  };

  return {
    catalog,
    choices: kitChoices(catalog.kits, keep),
    validationKits,
    hint,
    readingMinutesOf: (kitId) =>
      String(findKit(kitId, validationKits)?.readingMinutes ?? DEFAULT_READING_MINUTES),
    scan,
    remember,
    clearHint: () => setHint(null),
  };
}
