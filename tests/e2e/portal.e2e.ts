/**
 * Transmission to the national portal, end to end in Chromium against the real server and
 * its sandbox portal: the pharmacist logs in with their own identity (OpenID Connect popup,
 * code + PKCE), a recorded result is transmitted with a receipt; then, with the tablet
 * offline, three results wait in the queue, and once back online each is transmitted
 * exactly once; a rejection shows the portal's French message and is resent after correction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startServer, tabletContext, type RunningServer } from './harness';
import {
  acknowledgeRecoveryCode,
  loginToSandboxPortal,
  recordNegativeVisit,
  setupPharmacy,
  STAFF,
} from './flows';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

interface Received {
  transactions: number;
  creates: number;
  duplicatesPrevented: number;
  observations: { id: string; identifier: string; rpps: string }[];
}

async function received(): Promise<Received> {
  return (await (await fetch(`${server.url}/sandbox-portal/_control/received`)).json()) as Received;
}

const resultedVisit = (tag: string): Promise<void> => recordNegativeVisit(page, tag);

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  context = await tabletContext(browser);
  page = await context.newPage();
  await page.goto(server.url);
  await setupPharmacy(page);
  await acknowledgeRecoveryCode(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('transmission to the national portal', () => {
  it('logs the pharmacist in at the sandbox issuer with their own identity (popup, PKCE)', async () => {
    await loginToSandboxPortal(page);
  });

  it('transmits a recorded result and shows the receipt', async () => {
    await resultedVisit('PORTAIL');
    await page.getByText(/Transmis le .* accusé de réception du portail/).waitFor();
    const receipt = await page.locator('#transmission-title + p code').textContent();
    expect(receipt).toMatch(/^Observation\/[\w-]+/);
    const portal = await received();
    expect(portal.observations).toHaveLength(1);
    expect(portal.observations[0]?.rpps).toBe(STAFF.rpps);
  });

  it('queues results while offline and transmits each exactly once when back online', async () => {
    // The tablet loses its network (the server and its sandbox portal keep their state).
    await context.setOffline(true);
    for (const tag of ['HORSLIGNEA', 'HORSLIGNEB', 'HORSLIGNEC']) await resultedVisit(tag);
    await page.getByText("3 en attente d'envoi").waitFor();
    expect((await received()).observations).toHaveLength(1);
    await context.setOffline(false);
    await page.getByText(/en attente d'envoi/).waitFor({ state: 'detached', timeout: 60_000 });
    const portal = await received();
    const identifiers = portal.observations.map((o) => o.identifier);
    expect(identifiers).toHaveLength(4);
    expect(new Set(identifiers).size).toBe(4);
    for (const tag of ['HORSLIGNEA', 'HORSLIGNEB', 'HORSLIGNEC']) {
      await page.getByRole('button', { name: new RegExp(`KANARINOM${tag}`) }).click();
      await page.getByText(/Transmis le .* accusé de réception du portail/).waitFor();
    }
  });

  it('shows a rejection in French and resends after correction', async () => {
    await fetch(`${server.url}/sandbox-portal/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        reject: {
          count: 1,
          status: 422,
          diagnostics: 'Adresse du patient incomplète',
          expression: 'Patient.address',
        },
      }),
    });
    await resultedVisit('REJET');
    await page.getByText(/Refusé par le portail : .*Adresse du patient incomplète/).waitFor();
    await page.getByRole('button', { name: "Corriger l'identité" }).click();
    await page.getByLabel('Adresse', { exact: true }).fill('14 rue des Lilas, bâtiment B');
    await page.getByRole('button', { name: "Enregistrer l'identité" }).click();
    await page.getByRole('button', { name: 'Renvoyer au portail' }).click();
    await page.getByText(/Transmis le .* accusé de réception du portail/).waitFor();
  });
});
