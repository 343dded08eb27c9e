/**
 * The recovery code, through the screens: a wrong code gets a French error at its field;
 * the right one lists the team, a new passphrase is set for the chosen member, the counter
 * opens; from then on the new passphrase unlocks and the old one no longer does. Real
 * Chromium against the real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startServer, tabletContext, type RunningServer } from './harness';
import { acknowledgeRecoveryCode, PASSPHRASE, setupPharmacy, STAFF, unlock } from './flows';

const NEW_PASSPHRASE = 'lampadaire girafe cerise tonnerre';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let code = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  context = await tabletContext(browser);
  page = await context.newPage();
  await page.goto(server.url);
  code = await setupPharmacy(page);
  await acknowledgeRecoveryCode(page);
  await page.getByRole('button', { name: 'Verrouiller' }).click();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('recovery with the printed code', () => {
  it('refuses a wrong code at its field, in French', async () => {
    await page.getByRole('button', { name: /code de secours/ }).click();
    const field = page.getByLabel('Code de secours');
    // A mistyped code: one character changed.
    const wrong = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    await field.fill(wrong);
    await page.getByRole('button', { name: 'Vérifier le code' }).click();
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#recovery-code-error').textContent()).toContain(
      'Code de secours invalide',
    );
    expect(await page.getByLabel('Phrase de passe', { exact: true }).count()).toBe(0);
  });

  it('sets a new passphrase for the chosen member and opens the counter', async () => {
    await page.getByLabel('Code de secours').fill(code);
    await page.getByRole('button', { name: 'Vérifier le code' }).click();
    await page.getByRole('combobox').waitFor();
    expect(await page.getByRole('combobox').textContent()).toContain(STAFF.name);
    await page.getByLabel('Phrase de passe', { exact: true }).fill(NEW_PASSPHRASE);
    await page.getByLabel('Confirmez la phrase de passe').fill(NEW_PASSPHRASE);
    await page.getByRole('button', { name: 'Enregistrer la nouvelle phrase de passe' }).click();
    await page.getByRole('button', { name: 'Nouvelle visite' }).waitFor({ timeout: 30_000 });
  });

  it('unlocks with the new passphrase only', async () => {
    await page.getByRole('button', { name: 'Verrouiller' }).click();
    await unlock(page, PASSPHRASE);
    await page.getByText('Phrase de passe incorrecte.').waitFor();
    await unlock(page, NEW_PASSPHRASE);
    await page.getByRole('button', { name: 'Nouvelle visite' }).waitFor();
  });
});
