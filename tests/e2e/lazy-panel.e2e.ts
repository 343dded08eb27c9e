/**
 * A back-office panel whose code cannot be loaded (the network dropped the chunk, and no
 * service worker holds it: blocked in this context) says so in French and can be closed;
 * opened again once the network is back, it loads. Real Chromium against the real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startServer, type RunningServer } from './harness';
import { acknowledgeRecoveryCode, openBackOffice, setupPharmacy } from './flows';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Requests for the team panel's chunk that were refused (network down) or served. */
const chunk = { down: true, refused: 0, served: 0 };

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  // No service worker: its precache would serve the chunk whatever the network does.
  context = await browser.newContext({
    viewport: { width: 1024, height: 768 },
    hasTouch: true,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    serviceWorkers: 'block',
  });
  context.setDefaultTimeout(15_000);
  await context.route(/\/assets\/StaffPanel-[^/]*\.js$/, async (route) => {
    if (chunk.down) {
      chunk.refused += 1;
      return route.abort('internetdisconnected');
    }
    chunk.served += 1;
    return route.continue();
  });
  page = await context.newPage();
  await page.goto(server.url);
  await setupPharmacy(page);
  await acknowledgeRecoveryCode(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('a lazily loaded panel', () => {
  it('says in French that it could not be loaded, and closes', async () => {
    await openBackOffice(page, 'Équipe');
    const alert = page.getByRole('alert').filter({ hasText: 'n’a pas pu être chargé' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Vérifiez la connexion, puis rouvrez-le.');
    expect(chunk.refused).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Fermer' }).click();
    await alert.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Nouvelle visite' }).waitFor();
  });

  it('loads when opened again once the network is back', async () => {
    chunk.down = false;
    await openBackOffice(page, 'Équipe');
    await page.getByRole('heading', { name: 'Ajouter un membre' }).waitFor();
    expect(chunk.served).toBeGreaterThan(0);
    expect(
      await page.getByRole('alert').filter({ hasText: 'n’a pas pu être chargé' }).count(),
    ).toBe(0);
  });
});
