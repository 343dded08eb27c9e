/**
 * The reports screen in real Chromium against the real server: one positive test read at
 * the counter on 3 May 2021 (a fixed clock), then « Rapports »: the month's counts and
 * positivity in French, the chart as an accessible image, the day view, the CSV download
 * (file name, UTF-8 BOM, `;`, decimal comma, JJ/MM/AAAA) and the printed page — and no
 * patient data anywhere in the report or the file.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startServer, tabletContext, type RunningServer } from './harness';
import {
  openBackOffice,
  acknowledgeRecoveryCode,
  canaryPatient,
  canaryStrings,
  registerAtCounter,
  setupPharmacy,
  unlock,
} from './flows';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const patient = canaryPatient('RAPPORT');
/** Plain spaces for Intl's narrow no-break spaces (`12,5 %`). */
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  context = await tabletContext(browser);
  await context.clock.install({ time: new Date('2021-05-03T10:00:00+02:00') });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('reports', () => {
  it('records one positive test at the counter', async () => {
    await page.goto(server.url);
    await setupPharmacy(page);
    await acknowledgeRecoveryCode(page);
    await registerAtCounter(page, patient);
    await page.locator('#t-kitId').selectOption('1232');
    await page.getByLabel('Lot').fill('LOT42');
    await page.getByLabel('Date de péremption').fill('2021-12-31');
    await page.getByRole('button', { name: 'Démarrer le test' }).click();
    await page.getByText('Lecture possible dans').waitFor();
    // 15 idle minutes: the reading time is over and the session has locked itself.
    await context.clock.fastForward('15:01');
    await page.getByRole('button', { name: /^Déverrouiller/ }).waitFor();
    await unlock(page);
    await page
      .getByRole('button', { name: /KANARINOMRAPPORT/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'positif', exact: true }).click();
    await page.getByRole('button', { name: 'Confirmer « positif »' }).click();
    await page.getByText(/positif — lu par Claire Dupont/).waitFor();
  });

  it('shows the month’s counts, positivity and chart, without patient data', async () => {
    await openBackOffice(page, 'Rapports');
    expect(await page.getByLabel('Mois').inputValue()).toBe('2021-05');
    const totals = page.getByRole('table', { name: 'Totaux de Mai 2021' });
    await totals.waitFor();
    const row = async (name: string) =>
      plain(await totals.getByRole('row', { name: new RegExp(`^${name}`) }).innerText());
    expect(await row('Tests')).toBe('Tests 1');
    expect(await row('Positifs')).toBe('Positifs 1');
    expect(await row('Taux de positivité')).toBe('Taux de positivité 100,0 %');
    const chart = page.getByRole('img', { name: /Tests et taux de positivité par jour, mai 2021/ });
    expect(await chart.isVisible()).toBe(true);
    const staff = page.getByRole('table', { name: /Par membre de l’équipe/ }).first();
    expect(plain(await staff.innerText())).toContain('Claire Dupont 1 1 0 0 100,0 %');
    const text = await page.locator('.report').innerText();
    for (const canary of canaryStrings(patient)) expect(text).not.toContain(canary);
  });

  it('opens the day view from the table of days', async () => {
    await page.getByRole('button', { name: '03/05/2021' }).click();
    await page.getByRole('heading', { name: 'Jour : lundi 3 mai 2021' }).waitFor();
    const day = page.getByRole('table', { name: 'Totaux du lundi 3 mai 2021' });
    expect(plain(await day.getByRole('row', { name: /^Tests/ }).innerText())).toBe('Tests 1');
    await page.getByRole('button', { name: 'Revenir au mois' }).click();
  });

  it('downloads a CSV that French Excel opens: BOM, `;`, decimal comma, JJ/MM/AAAA', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter en CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('comptoir-rapport-2021-05.csv');
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Comptoir — rapport mensuel;mai 2021');
    expect(lines).toContain('03/05/2021;1;1;0;0;0;100,0;0;1;0;0;0');
    expect(lines).toContain('Total du mois;1;1;0;0;0;100,0;0;1;0;0;0');
    expect(lines).toContain('Claire Dupont;1;1;0;0;0;100,0;0;1;0;0');
    const text = bytes.toString('utf8');
    for (const canary of canaryStrings(patient)) expect(text).not.toContain(canary);
  });

  it('prints the report with its chart and without the buttons', async () => {
    await page.emulateMedia({ media: 'print' });
    onTestFinished(() => page.emulateMedia({ media: 'screen' }));
    expect(await page.locator('.report').isVisible()).toBe(true);
    expect(await page.locator('.report-chart').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Exporter en CSV' }).isVisible()).toBe(false);
  });
});
