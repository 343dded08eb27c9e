/**
 * The retention purge, end to end in Chromium with a controllable clock (issue 6): a
 * result is transmitted to the sandbox portal; eight days later the app starts again and,
 * at the unlock, the visit's identity is gone — patient search no longer finds it — while
 * the month's report still counts it, the audit log says so, and an untransmitted visit
 * raises the warning instead of being purged. A month after the setup, the vault key is
 * renewed and the old one dropped (crypto-shredding): every stored row is sealed under the
 * new epoch, in the real IndexedDB, and the data still open after a new unlock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startServer, tabletContext, type RunningServer } from './harness';
import {
  acknowledgeRecoveryCode,
  canaryPatient,
  loginToSandboxPortal,
  openBackOffice,
  recordNegativeVisit,
  registerAtCounter,
  setupPharmacy,
  storedEpochs,
  unlock,
} from './flows';

const DAY_MS = 86_400_000;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The month of the visits (`YYYY-MM`, Paris time), for the report. */
let month = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  context = await tabletContext(browser);
  await context.clock.install();
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function search(text: string): Promise<void> {
  await page.getByLabel('Nom, prénom ou date de naissance').fill(text);
  await page.getByRole('button', { name: 'Rechercher' }).click();
}

describe('retention purge', () => {
  it('transmits one result and leaves another visit untransmitted', async () => {
    await page.goto(server.url);
    await setupPharmacy(page);
    await acknowledgeRecoveryCode(page);
    await loginToSandboxPortal(page);
    await recordNegativeVisit(page, 'PURGE');
    await page.getByText(/Transmis le .* accusé de réception du portail/).waitFor();
    await page.getByRole('button', { name: 'Fermer' }).click();
    await registerAtCounter(page, canaryPatient('ATTENTE'));
    await page.getByRole('button', { name: 'Fermer' }).click();
    month = await page.evaluate(() =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date()).slice(0, 7),
    );
  });

  it('purges the transmitted identity at the start-up eight days later, keeping the count', async () => {
    await context.clock.fastForward(8 * DAY_MS);
    await page.reload();
    await unlock(page);
    // The warning is computed once the purge run is over.
    await page.getByText(/n’est toujours pas transmise au portail après 3 jours/).waitFor();

    await openBackOffice(page, 'Droits des patients');
    await search('kanarinompurge');
    await page.getByText('Aucune visite ne correspond.').waitFor();
    await search('kanarinomattente');
    await page.getByText('1 visite trouvée.').waitFor();
    await page.getByRole('button', { name: 'Fermer' }).click();

    await openBackOffice(page, 'Rapports');
    await page.getByLabel('Mois').fill(month);
    const totals = page.getByRole('table', { name: /^Totaux de / });
    await totals.getByRole('row', { name: /^Transmis/ }).waitFor();
    const row = async (name: string) =>
      (await totals.getByRole('row', { name: new RegExp(`^${name}`) }).innerText())
        .replace(/\s+/g, ' ')
        .trim();
    expect(await row('Tests')).toBe('Tests 1');
    expect(await row('Transmis')).toBe('Transmis 1');
    await page.getByRole('button', { name: 'Fermer' }).click();

    await openBackOffice(page, "Journal d'audit");
    await page.getByText('1 visite purgée').first().waitFor();
  });

  it('a month after the setup, renews the key and drops the old one, losing nothing', async () => {
    // setSystemTime, not fastForward: a second fast-forward left the reloaded page's timers
    // frozen under Playwright's clock; the app only needs the date to have moved.
    // A second tab of the app, unlocked before: it must stop using its copy of the keys.
    const other = await context.newPage();
    await other.goto(server.url);
    await unlock(other);
    await other.getByRole('button', { name: 'Gestion' }).waitFor();
    const now = await page.evaluate(() => Date.now());
    await context.clock.setSystemTime(now + 23 * DAY_MS);
    await page.reload();
    await unlock(page);
    await openBackOffice(page, 'Paramètres');
    await page.getByText(/anciennes clés détruites : 1\./).waitFor();
    await other.getByText(/clé de chiffrement a été renouvelée dans un autre onglet/).waitFor();
    await other.close();
    await page.getByRole('button', { name: 'Fermer' }).click();
    // Raw IndexedDB: every sealed row is of the one new epoch; the slots wrap the keyring key.
    const raw = await storedEpochs(page);
    expect(raw.epochs).toHaveLength(1);
    expect(raw.epochs[0]).not.toBe(1);
    expect(raw.slotVersions).toEqual([2, 2]);
    await page.reload();
    await unlock(page);
    await openBackOffice(page, 'Droits des patients');
    await search('kanarinomattente');
    await page.getByText('1 visite trouvée.').waitFor();
  });
});
