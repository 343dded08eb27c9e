/**
 * The whole day on one tablet, in real Chromium against the real server:
 * setup → patient-mode entry → unlock → test with reading timer → result → slip;
 * then offline → reload → unlock → a new visit; then, in patient mode, every storage and
 * the DOM are dumped and no canary value of either patient is found.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startServer, tabletContext, type RunningServer } from './harness';
import {
  acknowledgeRecoveryCode,
  canaryPatient,
  canaryStrings,
  dumpEverything,
  fillIdentity,
  kioskRegistration,
  setupPharmacy,
  unlock,
  waitForServiceWorker,
} from './flows';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const kioskPatient = canaryPatient('KIOSQUE');
const counterPatient = canaryPatient('COMPTOIR');

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

describe('a day at the counter', () => {
  it('sets up the pharmacy and shows the recovery code once', async () => {
    await page.goto(server.url);
    const code = await setupPharmacy(page);
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
    await acknowledgeRecoveryCode(page);
    await waitForServiceWorker(page);
    expect(await page.getByTestId('recovery-code').count()).toBe(0);
  });

  it('registers a patient in patient mode without any key in memory', async () => {
    await page.getByRole('button', { name: 'Mode patient' }).click();
    await page.getByRole('heading', { name: 'Votre identité' }).waitFor();
    await kioskRegistration(page, kioskPatient);
    expect(await page.title()).toBe('Comptoir');
    expect(page.url()).toBe(`${server.url}/`);
    // The form cleared itself: no canary left in the DOM.
    const dom = await page.content();
    for (const canary of canaryStrings(kioskPatient)) expect(dom).not.toContain(canary);
  });

  it('leaves patient mode only with a staff unlock, and finds the registered visit', async () => {
    await page.getByRole('button', { name: 'Accès personnel' }).click();
    await unlock(page);
    await page.getByRole('button', { name: /KANARINOMKIOSQUE/ }).click();
    await page.getByRole('heading', { name: /KANARINOMKIOSQUE/ }).waitFor();
    await expect(page.getByText(kioskPatient.phoneE164).count()).resolves.toBe(1);
  });

  it('records a test, counts down the reading time and records the result', async () => {
    await page.getByLabel('Lot').fill('KANARILOT');
    const expiry = new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Date de péremption').fill(expiry);
    await page.getByRole('button', { name: 'Démarrer le test' }).click();
    const timer = page.locator('.timers .timer__time');
    await timer.first().waitFor();
    expect(await timer.first().textContent()).toMatch(/^1[45]:\d\d$/);
    await expect(page.getByText('Lecture possible dans').count()).resolves.toBe(1);
    // 15 idle minutes: the session locks itself (5 min), yet the lock screen still says a
    // test is due, without any name; after unlocking, the timer shows "À lire".
    await context.clock.fastForward('15:01');
    await page.getByText('1 test(s) à lire.').waitFor();
    expect(await page.getByText(/KANARINOM/).count()).toBe(0);
    await unlock(page);
    await page
      .getByRole('button', { name: /KANARINOMKIOSQUE/ })
      .first()
      .click();
    await page.getByText('À lire', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'négatif', exact: true }).click();
    await page.getByRole('button', { name: 'Confirmer « négatif »' }).click();
    await page.getByText(/négatif — lu par Claire Dupont/).waitFor();
  });

  it('prints a result slip without the NIR', async () => {
    await page.emulateMedia({ media: 'print' });
    onTestFinished(() => page.emulateMedia({ media: 'screen' }));
    const slip = page.locator('.print-area .slip');
    expect(await slip.isVisible()).toBe(true);
    const text = (await slip.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('KANARINOMKIOSQUE');
    expect(text).toContain('NÉGATIF');
    expect(text).toContain('RPPS 10001234565');
    expect(text).not.toContain(kioskPatient.nir);
    expect(text).not.toContain('285 04');
    expect(await page.getByRole('button', { name: 'Nouvelle visite' }).isVisible()).toBe(false);
  });

  it('works offline after a reload: unlock and add a visit at the counter', async () => {
    // Really offline: the server is down, every request to it fails.
    await server.stop();
    await page.reload();
    await page.getByText('Déverrouillez pour accéder aux visites.').waitFor();
    await unlock(page);
    await page.getByRole('button', { name: 'Nouvelle visite' }).click();
    await fillIdentity(page, counterPatient);
    await page.getByText("Je n'ai pas de symptômes").click();
    await page.getByText("J'accepte que le résultat").click();
    await page.getByRole('button', { name: 'Enregistrer la visite' }).click();
    await page.getByRole('heading', { name: /KANARINOMCOMPTOIR/ }).waitFor();
    expect(await page.getByRole('button', { name: /KANARINOMKIOSQUE/ }).count()).toBe(1);
  });

  it('leaves no canary in IndexedDB, localStorage, Cache Storage or the DOM in patient mode', async () => {
    await page.getByRole('button', { name: 'Mode patient' }).click();
    await page.getByRole('heading', { name: 'Votre identité' }).waitFor();
    const dump = await dumpEverything(page);
    expect(dump).toContain('store:visits:2');
    for (const canary of [
      ...canaryStrings(kioskPatient),
      ...canaryStrings(counterPatient),
      'KANARILOT',
    ]) {
      expect(dump).not.toContain(canary);
    }
    await server.restart();
  });

  it('never logs patient data on the server', () => {
    for (const canary of canaryStrings(kioskPatient)) expect(server.output()).not.toContain(canary);
  });
});
