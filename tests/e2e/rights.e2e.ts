/**
 * Patients' rights in real Chromium: « Droits des patients » finds a visit by a lower-case,
 * partial name, prints everything held on it (A4 print view: the export only), erases it
 * after an explicit confirmation, and the audit log says so. The query itself reaches no
 * URL, storage, console or server log, and the results vanish when the panel closes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startServer, tabletContext, type RunningServer } from './harness';
import {
  openBackOffice,
  PHARMACY,
  acknowledgeRecoveryCode,
  canaryPatient,
  dumpEverything,
  registerAtCounter,
  setupPharmacy,
  unlock,
} from './flows';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const patient = canaryPatient('DROITS');
/** What staff type: partial, lower case, two words. Must never be written anywhere. */
const QUERY = 'kanarinomdr kanaripre';
const consoleText: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  context = await tabletContext(browser);
  page = await context.newPage();
  page.on('console', (m) => consoleText.push(m.text()));
  // The print dialog is the browser's: count the calls instead of opening it.
  await page.addInitScript(() => {
    const w = window as unknown as { printed: number };
    w.printed = 0;
    window.print = () => void (w.printed += 1);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const panel = () => page.getByRole('region', { name: 'Droits des patients' });

async function search(text: string): Promise<void> {
  await page.getByLabel('Nom, prénom ou date de naissance').fill(text);
  await page.getByRole('button', { name: 'Rechercher' }).click();
}

describe('patient rights', () => {
  it('registers a visit at the counter', async () => {
    await page.goto(server.url);
    await setupPharmacy(page);
    await acknowledgeRecoveryCode(page);
    await registerAtCounter(page, patient);
  });

  it('finds the visit by partial lower-case names, and nobody by a wrong name', async () => {
    await openBackOffice(page, 'Droits des patients');
    await search('martin');
    await panel().getByText('Aucune visite ne correspond.').waitFor();
    await search('12/04/1985');
    await panel().getByText('1 visite trouvée.').waitFor();
    await search(QUERY);
    await panel()
      .getByRole('button', { name: /KANARINOMDROITS/ })
      .click();
    await panel()
      .getByRole('heading', { name: 'Données personnelles détenues par l’officine' })
      .waitFor();
    const preview = await panel().locator('.patient-export').innerText();
    for (const value of [patient.nir, patient.email, PHARMACY.name, 'enregistré']) {
      expect(preview).toContain(value);
    }
  });

  it('prints the export alone, after logging it', async () => {
    await page.getByRole('button', { name: 'Imprimer les données du patient' }).click();
    await page.waitForFunction(() => (window as unknown as { printed: number }).printed === 1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.print-area .patient-export').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Rechercher' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Nouvelle visite' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  it('forgets the query and results when the panel closes, and closes on lock', async () => {
    await panel().getByRole('button', { name: 'Fermer' }).click();
    await openBackOffice(page, 'Droits des patients');
    expect(await page.getByLabel('Nom, prénom ou date de naissance').inputValue()).toBe('');
    expect(await panel().locator('.rights-results, .patient-export').count()).toBe(0);
    await search(QUERY);
    await panel().getByText('1 visite trouvée.').waitFor();
    await page.getByRole('button', { name: 'Verrouiller' }).click();
    await unlock(page);
    await page.getByText('Choisissez une visite dans la liste ou créez-en une.').waitFor();
    expect(await page.getByRole('region', { name: 'Droits des patients' }).count()).toBe(0);
  });

  it('erases the visit after an explicit confirmation that says what happens', async () => {
    await openBackOffice(page, 'Droits des patients');
    await search(QUERY);
    await panel()
      .getByRole('button', { name: /KANARINOMDROITS/ })
      .click();
    await page.getByRole('button', { name: 'Effacer les données du patient' }).click();
    await panel()
      .getByText(/pas encore été transmis .* il ne le sera pas/)
      .waitFor();
    await page.getByRole('button', { name: 'Confirmer l’effacement' }).click();
    await panel()
      .getByText(/Données effacées/)
      .waitFor();
    await search(QUERY);
    await panel().getByText('Aucune visite ne correspond.').waitFor();
    expect(await page.locator('.counter__list').innerText()).not.toContain('KANARINOMDROITS');
  });

  it('wrote the query nowhere: storage, URL, DOM, console, server log', async () => {
    const everything = await dumpEverything(page);
    for (const text of [QUERY, 'kanarinomdr', 'kanaripre']) {
      expect(everything).not.toContain(text);
      expect(consoleText.join('\n')).not.toContain(text);
      expect(server.output()).not.toContain(text);
    }
  });

  it('lists the export and the erasure in the audit log, without the name', async () => {
    await panel().getByRole('button', { name: 'Fermer' }).click();
    await openBackOffice(page, "Journal d'audit");
    const rows = page.locator('.audit-row');
    await rows.filter({ hasText: 'Données d’un patient effacées (demande du patient)' }).waitFor();
    await rows.filter({ hasText: 'Données d’un patient exportées' }).waitFor();
    expect(await page.locator('.counter__panel').innerText()).not.toContain('KANARI');
  });
});
