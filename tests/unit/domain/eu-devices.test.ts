import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_KITS,
  DEFAULT_READING_MINUTES,
  findKit,
  kitDisplayName,
  type Kit,
} from '../../../app/domain';
import {
  EU_DEVICE_VALUE_SET_ID,
  EuDeviceImportError,
  MAX_DEVICE_DISPLAY_CHARS,
  MAX_EU_DEVICES,
  mergeKitLists,
  parseEuDeviceValueSet,
  splitDeviceDisplay,
  type EuDeviceProblem,
} from '../../../app/domain/eu-devices';
import { referenceUrl } from '../reference';

// The reference copy lives outside the repository (DESIGN.md "Kit"): read, never copied.
const REFERENCE_URL = referenceUrl('eu-rat-devices-2021-07-01.json');
type Entry = { display: string; lang: string; active: boolean; system: string; version: string };
type ValueSet = { valueSetId: string; valueSetDate: string; valueSetValues: Record<string, Entry> };
const reference = JSON.parse(readFileSync(REFERENCE_URL, 'utf8')) as ValueSet;

const entry = (display: string, active = true): Entry => ({
  display,
  lang: 'en',
  active,
  system: 'https://covid-19-diagnostics.jrc.ec.europa.eu/devices',
  version: '2021-05-17',
});
const valueSet = (values: Record<string, unknown>): Record<string, unknown> => ({
  valueSetId: EU_DEVICE_VALUE_SET_ID,
  valueSetDate: '2021-07-01',
  valueSetValues: values,
});
const manyDevices = (count: number): Record<string, Entry> =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [String(i + 1), entry(`M, T${i}`)]));
const kit = (id: string, name: string, manufacturer: string, minutes = 15, active = true): Kit => ({
  id,
  name,
  manufacturer,
  readingMinutes: minutes,
  active,
});

/** The error `parse` throws on `json`, checked to be a well-formed import error. */
function importError(json: unknown): EuDeviceImportError {
  try {
    parseEuDeviceValueSet(json);
  } catch (error) {
    expect(error).toBeInstanceOf(EuDeviceImportError);
    const e = error as EuDeviceImportError;
    expect(e.code).toBe('invalid-value-set');
    expect(e.message).toMatch(/^Ce fichier n'est pas la liste officielle des tests antigéniques/);
    expect(e.message).toContain("aucune modification n'a été faite");
    return e;
  }
  throw new Error('expected parseEuDeviceValueSet to throw');
}

describe('parseEuDeviceValueSet on the official list of 2021-07-01', () => {
  const list = parseEuDeviceValueSet(reference);
  const byId = new Map(list.kits.map((k) => [k.id, k]));

  it('reads every device and the date of the list', () => {
    expect(list.valueSetDate).toBe('2021-07-01');
    expect(list.kits).toHaveLength(88);
    expect(byId.size).toBe(88);
  });

  it('keeps the two withdrawn devices, marked inactive', () => {
    expect(list.kits.filter((k) => !k.active).map((k) => k.id)).toEqual(['1065', '1242']);
  });

  it('gives back exactly the original display of every entry', () => {
    for (const [id, { display, active }] of Object.entries(reference.valueSetValues)) {
      const k = byId.get(id);
      expect(k && kitDisplayName(k)).toBe(display);
      expect(k?.active).toBe(active);
      expect(k?.readingMinutes).toBe(DEFAULT_READING_MINUTES);
    }
  });

  it.each([
    ['1468', 'ACON Laboratories, Inc', 'Flowflex SARS-CoV-2 Antigen rapid test'],
    ['2130', 'Affimedix, Inc.', 'TestNOW® - COVID-19 Antigen Test'],
    [
      '1870',
      'Beijing Hotgen Biotech Co., Ltd',
      'Novel Coronavirus 2019-nCoV Antigen Test (Colloidal Gold)',
    ],
    ['1654', 'Asan Pharmaceutical CO., LTD', 'Asan Easy Test COVID-19 Ag'],
    [
      '2074',
      'Triplex International Biosciences (China) Co., LTD.',
      'SARS-CoV-2 Antigen Rapid Test Kit',
    ],
    [
      '1844',
      'Hangzhou Immuno Biotech Co.,Ltd',
      'Immunobio SARS-CoV-2 Antigen ANTERIOR NASAL Rapid Test Kit (minimal invasive)',
    ],
    ['2108', 'AESKU.DIAGNOSTICS GmbH & Co. KG', 'AESKU.RAPID SARS-CoV-2'],
    ['1199', 'Oncosem Onkolojik Sistemler San. ve Tic. A.S.', 'CAT'],
    ['1833', 'AAZ-LMB', 'COVID-VIRO'],
  ])('splits device %s into manufacturer %j and name %j', (id, manufacturer, name) => {
    expect(byId.get(id)).toMatchObject({ manufacturer, name });
  });

  it('agrees with the built-in list on the manufacturer of every built-in kit', () => {
    for (const builtin of BUILTIN_KITS) {
      expect(byId.get(builtin.id)?.manufacturer).toBe(builtin.manufacturer);
    }
  });

  it('sorts the kits by display name in French order', () => {
    const names = list.kits.map(kitDisplayName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr')));
    expect(names[0]).toBe('AAZ-LMB, COVID-VIRO');
  });

  it('returns frozen data', () => {
    expect(Object.isFrozen(list)).toBe(true);
    expect(Object.isFrozen(list.kits)).toBe(true);
    expect(Object.isFrozen(list.kits[0])).toBe(true);
  });
});

describe('parseEuDeviceValueSet on other input', () => {
  it('drops leading zeros from ids, as findKit does', () => {
    const list = parseEuDeviceValueSet(valueSet({ '0345': entry('SD BIOSENSOR Inc, Q') }));
    expect(list.kits.map((k) => k.id)).toEqual(['345']);
    expect(findKit('345', list.kits)?.name).toBe('Q');
  });

  it.each([
    [MAX_EU_DEVICES - 1, true],
    [MAX_EU_DEVICES, true],
    [MAX_EU_DEVICES + 1, false],
  ])('with %i devices, accepts the file: %s', (count, accepted) => {
    const json = valueSet(manyDevices(count));
    if (accepted) expect(parseEuDeviceValueSet(json).kits).toHaveLength(count);
    else expect(importError(json)).toMatchObject({ problem: 'too-many' });
  });

  it.each([
    [MAX_DEVICE_DISPLAY_CHARS - 1, true],
    [MAX_DEVICE_DISPLAY_CHARS, true],
    [MAX_DEVICE_DISPLAY_CHARS + 1, false],
  ])('with a display of %i characters, accepts the file: %s', (length, accepted) => {
    const json = valueSet({ '1': entry(`M, ${'x'.repeat(length - 3)}`) });
    if (accepted) expect(parseEuDeviceValueSet(json).kits).toHaveLength(1);
    else expect(importError(json)).toMatchObject({ problem: 'display' });
  });

  it.each([
    ['1234567890', true],
    ['12345678901', false],
  ])('with the id %s, accepts the file: %s', (id, accepted) => {
    const json = valueSet({ [id]: entry('M, T') });
    if (accepted) expect(parseEuDeviceValueSet(json).kits[0]?.id).toBe(id);
    else expect(importError(json)).toMatchObject({ problem: 'id' });
  });

  const good = (): Record<string, unknown> => valueSet({ '1232': entry('Abbott, Panbio') });
  const withEntry = (value: unknown): unknown => valueSet({ '1232': value });
  it.each<[string, unknown, EuDeviceProblem, string]>([
    ['null', null, 'not-an-object', 'objet JSON'],
    ['an array', [good()], 'not-an-object', 'objet JSON'],
    ['a string', 'covid', 'not-an-object', 'objet JSON'],
    [
      'another value set',
      { ...good(), valueSetId: 'covid-19-lab-result' },
      'value-set-id',
      '« covid-19-lab-result »',
    ],
    ['no valueSetId', { ...good(), valueSetId: undefined }, 'value-set-id', '(absent)'],
    ['no date', { ...good(), valueSetDate: undefined }, 'date', 'valueSetDate'],
    ['a date as a number', { ...good(), valueSetDate: 20210701 }, 'date', 'valueSetDate'],
    [
      'a date in another format',
      { ...good(), valueSetDate: '01/07/2021' },
      'date',
      '« 01/07/2021 »',
    ],
    [
      'a date missing from the calendar',
      { ...good(), valueSetDate: '2021-02-29' },
      'date',
      '2021-02-29',
    ],
    ['no valueSetValues', { ...good(), valueSetValues: undefined }, 'values', 'valueSetValues'],
    ['valueSetValues as an array', { ...good(), valueSetValues: [] }, 'values', 'valueSetValues'],
    ['no device at all', valueSet({}), 'empty', 'aucun test'],
    ['a device that is null', withEntry(null), 'entry', 'n° 1232'],
    ['a device that is a string', withEntry('Abbott, Panbio'), 'entry', 'n° 1232'],
    ['a device that is an array', withEntry([]), 'entry', 'n° 1232'],
    ['an id with a letter', valueSet({ '12a': entry('M, T') }), 'id', '« 12a »'],
    ['a negative id', valueSet({ '-1': entry('M, T') }), 'id', '« -1 »'],
    ['an id with a space', valueSet({ ' 12': entry('M, T') }), 'id', 'un nombre'],
    ['an empty id', valueSet({ '': entry('M, T') }), 'id', 'un nombre'],
    [
      'an id written twice',
      valueSet({ '123': entry('M, T'), '0123': entry('M, U') }),
      'duplicate-id',
      '« 123 » et « 0123 »',
    ],
    ['no display', withEntry({ ...entry('x'), display: undefined }), 'display', 'n° 1232'],
    ['an empty display', withEntry(entry('')), 'display', 'n° 1232'],
    ['a blank display', withEntry(entry('   ')), 'display', 'n° 1232'],
    ['a display as a number', withEntry({ ...entry('x'), display: 1 }), 'display', 'n° 1232'],
    [
      'a display without manufacturer',
      withEntry(entry('Panbio')),
      'display',
      'fabricant, nom du test',
    ],
    ['a display with a blank manufacturer', withEntry(entry(' , Panbio')), 'display', 'fabricant'],
    ['a display with a blank name', withEntry(entry('Abbott, ')), 'display', 'fabricant'],
    [
      'a display with a control character',
      withEntry(entry('Abbott, Pan\u0000bio')),
      'display',
      'fabricant',
    ],
    ['no active flag', withEntry({ ...entry('M, T'), active: undefined }), 'active', 'autorisé'],
    [
      'an active flag as a string',
      withEntry({ ...entry('M, T'), active: 'true' }),
      'active',
      'n° 1232',
    ],
    ['an active flag as a number', withEntry({ ...entry('M, T'), active: 1 }), 'active', 'n° 1232'],
    [
      'a lang that is not text',
      withEntry({ ...entry('M, T'), lang: 42 }),
      'field-type',
      '« lang »',
    ],
    [
      'a version that is not text',
      withEntry({ ...entry('M, T'), version: null }),
      'field-type',
      '« version »',
    ],
  ])('refuses %s and names the problem in French', (_name, json, problem, detail) => {
    const error = importError(json);
    expect(error.problem).toBe(problem);
    expect(error.message).toContain(detail);
  });

  it('refuses a file even when only its last device is wrong', () => {
    const values = { ...reference.valueSetValues, '9999': entry('no separator') };
    expect(importError({ ...reference, valueSetValues: values }).problem).toBe('display');
  });

  it('quotes at most 60 characters of a value from the file', () => {
    const error = importError({ ...valueSet({}), valueSetId: 'x'.repeat(10_000) });
    expect(error.message).toContain(`« ${'x'.repeat(60)}… »`);
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('splitDeviceDisplay', () => {
  it.each([
    ['Abbott Rapid Diagnostics, Panbio', 'Abbott Rapid Diagnostics', 'Panbio'],
    ['Foo Co., Ltd, Bar', 'Foo Co., Ltd', 'Bar'],
    ['Foo, Inc., Bar, with a comma', 'Foo, Inc.', 'Bar, with a comma'],
    ['Foo, S.A., Bar', 'Foo, S.A.', 'Bar'],
    ['Foo, Pty. Ltd., Bar', 'Foo, Pty. Ltd.', 'Bar'],
    ['Foo, Inc', 'Foo', 'Inc'], // the name keeps the last segment
    ['Foo, Incredible Test', 'Foo', 'Incredible Test'],
  ])('splits %j into %j and %j', (display, manufacturer, name) => {
    expect(splitDeviceDisplay(display)).toEqual({ manufacturer, name });
  });

  it.each(['Panbio', 'Abbott,Panbio', ', Panbio', 'Abbott, ', ''])('refuses %j', (display) => {
    expect(splitDeviceDisplay(display)).toBeNull();
  });

  it('always joins back to the display it split', () => {
    const segment = fc.oneof(fc.constantFrom('Inc', 'Ltd.', 'S.A.', 'Co.', ' ', ''), fc.string());
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (segments) => {
        const display = segments.join(', ');
        const parts = splitDeviceDisplay(display);
        if (parts) expect(kitDisplayName({ ...kit('1', '', ''), ...parts })).toBe(display);
      }),
    );
  });
});

describe('mergeKitLists', () => {
  const builtin = [kit('1232', 'Panbio', 'Abbott', 20), kit('345', 'Q', 'SD BIOSENSOR Inc')];

  it.each<[string, Kit[], Kit[]]>([
    [
      'an imported kit unknown to the app is added',
      [kit('9', 'New', 'Acme')],
      [
        kit('1232', 'Panbio', 'Abbott', 20),
        kit('9', 'New', 'Acme'),
        kit('345', 'Q', 'SD BIOSENSOR Inc'),
      ],
    ],
    [
      'an imported kit renames a built-in one but keeps its reading time',
      [kit('1232', 'Panbio Ag', 'Abbott RD')],
      [kit('1232', 'Panbio Ag', 'Abbott RD', 20), kit('345', 'Q', 'SD BIOSENSOR Inc')],
    ],
    [
      'a withdrawn device stays, marked inactive',
      [kit('345', 'Q', 'SD BIOSENSOR Inc', 15, false)],
      [kit('1232', 'Panbio', 'Abbott', 20), kit('345', 'Q', 'SD BIOSENSOR Inc', 15, false)],
    ],
    [
      'a leading zero does not make another kit',
      [kit('01232', 'Panbio', 'Abbott')],
      [kit('1232', 'Panbio', 'Abbott', 20), kit('345', 'Q', 'SD BIOSENSOR Inc')],
    ],
    ['an empty import leaves the built-in list', [], builtin],
  ])('%s', (_name, imported, expected) => {
    expect(mergeKitLists(builtin, imported)).toEqual(expected);
  });

  it('gives the same list whatever the order of its inputs', () => {
    const imported = parseEuDeviceValueSet(reference).kits;
    const expected = mergeKitLists(BUILTIN_KITS, imported);
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...BUILTIN_KITS], { minLength: BUILTIN_KITS.length }),
        fc.shuffledSubarray([...imported], { minLength: imported.length }),
        (b, i) => {
          expect(mergeKitLists(b, i)).toEqual(expected);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('merges the built-in list with the official list of 2021-07-01', () => {
    const merged = mergeKitLists(BUILTIN_KITS, parseEuDeviceValueSet(reference).kits);
    expect(merged).toHaveLength(88); // every built-in kit is in that list
    expect(findKit('1065', merged)).toMatchObject({
      name: 'BD Veritor™ System for Rapid Detection of SARS CoV 2',
      active: false,
    });
    expect(Object.isFrozen(merged)).toBe(true);
  });

  it('does not modify its inputs', () => {
    const imported = [kit('1232', 'Panbio Ag', 'Abbott RD')];
    mergeKitLists(builtin, imported);
    expect(imported).toEqual([kit('1232', 'Panbio Ag', 'Abbott RD')]);
    expect(builtin[0]).toEqual(kit('1232', 'Panbio', 'Abbott', 20));
  });
});
