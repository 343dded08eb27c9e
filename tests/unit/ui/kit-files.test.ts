/**
 * The UI's kit inputs that come from outside: a box code typed by a keyboard-wedge scanner
 * or pasted, and the EU list file chosen in the settings (refused whole, or stored).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readKitList } from '../../../app/store';
import type { AppController } from '../../../app/ui/hooks/controller';
import {
  MAX_KIT_LIST_FILE_BYTES,
  describeImportError,
  importKitListFile,
  readKitBoxCode,
} from '../../../app/ui/hooks/kits';
import { vaultDb } from '../store/fixtures';
import { referenceUrl } from '../reference';

const REFERENCE = referenceUrl('eu-rat-devices-2021-07-01.json');
const TODAY = new Date('2025-06-15T10:00:00+02:00');
const GS = '\x1d';

describe('readKitBoxCode', () => {
  it.each([
    ['the parenthesised form', '(01)03401234567890(17)261231(10)AB12'],
    ['GS separators and a symbology id', `]d2010340123456789017261231${GS}10AB12`],
    ['no GS after a last variable field (what many wedges send)', '01034012345678901726123110AB12'],
    ['spaces around a pasted code', '  (01)03401234567890(17)261231(10)AB12\n'],
  ])('reads %s', async (_, text) => {
    expect(await readKitBoxCode(text, TODAY)).toEqual({
      box: { gtin: '03401234567890', expiry: '2026-12-31', lot: 'AB12' },
    });
  });

  it('returns the parser’s French message for a code that is not a box code', async () => {
    expect(await readKitBoxCode('https://example.org', TODAY)).toEqual({
      error: expect.stringMatching(/^Ce code n'est pas un code GS1 de boîte de test/),
    });
    expect(await readKitBoxCode('(01)03401234567891', TODAY)).toEqual({
      error: expect.stringContaining('la clé du code produit est fausse'),
    });
  });
});

async function settingsDevice() {
  const v = await vaultDb();
  let bumps = 0;
  const controller = {
    db: v.db,
    keyring: v.keyring,
    bump: () => {
      bumps += 1;
    },
  } as unknown as AppController;
  return { v, controller, bumps: () => bumps };
}

const file = (text: string) => new File([text], 'liste.json', { type: 'application/json' });

describe('importKitListFile', () => {
  it('stores the official list and asks the lists to re-read', async () => {
    const { v, controller, bumps } = await settingsDevice();
    const list = await importKitListFile(controller, file(readFileSync(REFERENCE, 'utf8')));
    expect(list.kits).toHaveLength(88);
    expect(await readKitList(v.db, v.keyring)).toEqual(list);
    expect(bumps()).toBe(1);
  });

  it.each([
    ['a file that is not JSON', file('{ "valueSetId": '), "le fichier n'est pas un JSON lisible"],
    ['another value set', file('{"valueSetId":"covid-19-lab-result"}'), 'identifiant de liste'],
    [
      'a file over the size bound',
      file(' '.repeat(MAX_KIT_LIST_FILE_BYTES + 1)),
      'le fichier dépasse 4 Mo',
    ],
  ])('refuses %s with a French message and changes nothing', async (_, chosen, said) => {
    const { v, controller, bumps } = await settingsDevice();
    const error = await importKitListFile(controller, chosen).catch((e: unknown) => e);
    expect(describeImportError(error)).toContain(said);
    expect(describeImportError(error)).toContain("aucune modification n'a été faite");
    expect(await readKitList(v.db, v.keyring)).toBeNull();
    expect(bumps()).toBe(0);
  });
});
