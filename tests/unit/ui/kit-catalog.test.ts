/**
 * The kit picker as the staff sees it: which list is in use, option texts, withdrawn kits
 * refused for new tests but kept for an existing one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_KITS,
  parseEuDeviceValueSet,
  validateTest,
  type EuDeviceList,
  type Kit,
} from '../../../app/domain';
import {
  kitCatalog,
  kitChoiceText,
  kitChoices,
  kitsForValidation,
} from '../../../app/ui/kit-catalog';
import { referenceUrl } from '../reference';

// The reference copy lives outside the repository (DESIGN.md "Kit"): read, never copied.
const REFERENCE = referenceUrl('eu-rat-devices-2021-07-01.json');
const official = parseEuDeviceValueSet(JSON.parse(readFileSync(REFERENCE, 'utf8')));
const kit = (id: string, active = true, manufacturer = 'Fabricant'): Kit => ({
  id,
  name: `Test ${id}`,
  manufacturer,
  readingMinutes: 15,
  active,
});
const list = (kits: Kit[], valueSetDate = '2022-03-15'): EuDeviceList => ({ valueSetDate, kits });
const NOW = new Date('2021-07-10T10:00:00+02:00');
const RAW = { lot: 'AB12', expiry: '2022-01-31', specimen: '697989009' };
const rawTest = (kitId: string) => ({ ...RAW, kitId, sampledAt: '2021-07-10T09:50:00+02:00' });

describe('kitCatalog', () => {
  it('names the built-in list when nothing was imported', () => {
    expect(kitCatalog(null)).toEqual({
      kits: BUILTIN_KITS,
      label: 'Liste intégrée (11 tests)',
      imported: false,
    });
  });

  it('names the official list by its date, with its tests and withdrawn ones', () => {
    const catalog = kitCatalog(official);
    expect(catalog.label).toBe(
      "Liste officielle de l'UE du 1er juillet 2021 (88 tests, 2 retirés)",
    );
    expect(catalog.imported).toBe(true);
    expect(catalog.kits.find((k) => k.id === '1065')?.active).toBe(false);
  });

  it.each([
    ['one withdrawn kit', [kit('9001')], '(12 tests, 1 retiré)'],
    ['no withdrawn kit', [kit('9001'), { ...kit('1065'), active: true }], '(12 tests)'],
  ])('counts in French with %s', (_, kits, counts) => {
    expect(kitCatalog(list(kits)).label).toBe(`Liste officielle de l'UE du 15 mars 2022 ${counts}`);
  });
});

describe('kit choices', () => {
  it('writes name, manufacturer, EU reference, and « (retiré) » for a withdrawn kit', () => {
    expect(kitChoiceText(kit('1232'))).toBe('Test 1232 (Fabricant) — réf. UE 1232');
    expect(kitChoiceText(kit('1065', false))).toBe('Test 1065 (Fabricant) — réf. UE 1065 (retiré)');
    expect(kitChoiceText(kit('2001', true, ''))).toBe('Test 2001 — réf. UE 2001');
  });

  it('disables withdrawn kits for a new test', () => {
    const choices = kitChoices([kit('1'), kit('2', false)]);
    expect(choices.map((c) => [c.kit.id, c.disabled])).toEqual([
      ['1', false],
      ['2', true],
    ]);
    const result = validateTest(rawTest('2'), NOW, kitsForValidation([kit('1'), kit('2', false)]));
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'kitId', code: 'kit.inactive' }] });
  });

  it('keeps the withdrawn kit of an existing test selectable and valid', () => {
    const kits = [kit('1'), kit('2', false)];
    const keep = [kit('2', false)];
    expect(kitChoices(kits, keep).find((c) => c.kit.id === '2')?.disabled).toBe(false);
    expect(validateTest(rawTest('2'), NOW, kitsForValidation(kits, keep)).ok).toBe(true);
    expect(kits[1]?.active).toBe(false); // the list itself is not modified
  });

  it('adds a kept kit missing from the list once, and validates it', () => {
    const kits = [kit('1')];
    const unlisted = kit('2001', true, '');
    const choices = kitChoices(kits, [unlisted, unlisted]);
    expect(choices.map((c) => c.kit.id)).toEqual(['1', '2001']);
    expect(validateTest(rawTest('2001'), NOW, kits).ok).toBe(false);
    const result = validateTest(rawTest('2001'), NOW, kitsForValidation(kits, [unlisted]));
    expect(result).toMatchObject({ ok: true, value: { kitId: '2001', kitName: 'Test 2001' } });
  });

  it('returns the list itself when nothing is kept', () => {
    expect(kitsForValidation(BUILTIN_KITS)).toBe(BUILTIN_KITS);
  });
});
