/**
 * Registration on the patient's own phone, end to end in Chromium against the real server:
 * the tablet prints the poster (A4, the key only after `#`); a phone-sized context opens
 * the poster's link, fills the form and gets a QR code without sending anything; the
 * tablet reads that QR code through Chromium's fake camera and the visit appears.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fakeCameraArgs, matrixToY4m, pngToY4m } from './fake-camera';
import {
  launchChromium,
  phoneContext,
  startServer,
  tabletContext,
  type RunningServer,
} from './harness';
import {
  openBackOffice,
  acknowledgeRecoveryCode,
  canaryPatient,
  canaryStrings,
  fillIdentity,
  setupPharmacy,
  waitForControlledPage,
} from './flows';

let server: RunningServer;
let cameraDir: string;
let cameraFile: string;
let tabletBrowser: Browser;
let phoneBrowser: Browser;
let tablet: Page;
let phone: Page;
let link = '';
const patient = canaryPatient('TELEPHONE');
const requests: { method: string; url: string; body: string }[] = [];

beforeAll(async () => {
  server = await startServer();
  cameraDir = mkdtempSync(join(tmpdir(), 'comptoir-cam-'));
  // Chromium needs the clip to exist at launch and reads it when the camera starts: a
  // blank clip now, the phone's QR code written over it before scanning.
  cameraFile = join(cameraDir, 'phone-qr.y4m');
  matrixToY4m([[false]], cameraFile);
  tabletBrowser = await launchChromium(fakeCameraArgs(cameraFile));
  tablet = await (await tabletContext(tabletBrowser)).newPage();
  phoneBrowser = await launchChromium();
  phone = await (await phoneContext(phoneBrowser)).newPage();
  phone.on('request', (r) => {
    requests.push({ method: r.method(), url: r.url(), body: r.postData() ?? '' });
  });
});

afterAll(async () => {
  await tabletBrowser?.close();
  await phoneBrowser?.close();
  await server?.stop();
  if (cameraDir) rmSync(cameraDir, { recursive: true, force: true });
});

describe('registration on the patient’s phone', () => {
  it('prints the poster on one A4 page, with the key after # in its link', async () => {
    await tablet.goto(server.url);
    await setupPharmacy(tablet);
    await acknowledgeRecoveryCode(tablet);
    await openBackOffice(tablet, 'Paramètres');
    await tablet.getByRole('button', { name: 'Affiche d’inscription sur téléphone' }).click();
    link = await tablet.getByLabel(/Lien de la page d’inscription/).inputValue();
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/inscription`);
    expect(url.search).toBe('');
    expect(url.hash).toMatch(/^#k=[A-Za-z0-9_-]{43}&n=/);

    await tablet.emulateMedia({ media: 'print' });
    expect(await tablet.getByRole('img', { name: /page d’inscription/ }).isVisible()).toBe(true);
    expect(await tablet.getByRole('button', { name: 'Nouvelle visite' }).isVisible()).toBe(false);
    expect(await tablet.getByRole('button', { name: /Imprimer l’affiche/ }).isVisible()).toBe(
      false,
    );
    const pdf = (await tablet.pdf({ preferCSSPageSize: true })).toString('latin1');
    await tablet.emulateMedia({ media: 'screen' });
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    // A4 portrait in PDF points: 595.28 × 841.89.
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf);
    expect([Math.round(Number(box?.[1])), Math.round(Number(box?.[2]))]).toEqual([595, 842]);
  });

  it('fills the form on the phone and shows a QR code, sending and keeping nothing', async () => {
    await phone.goto(link);
    await phone.getByRole('heading', { name: /Inscription au test antigénique/ }).waitFor();
    const loaded = requests.length;
    await fillIdentity(phone, patient);
    await phone.getByRole('button', { name: 'Continuer' }).click();
    await phone.getByText("Je n'ai pas de symptômes").click();
    await phone.getByText("J'accepte que le résultat").click();
    await phone.getByRole('button', { name: 'Continuer' }).click();
    await phone.getByRole('button', { name: 'Terminé, afficher mon QR code' }).click();
    const qr = phone.getByRole('img', { name: /QR code de votre inscription/ });
    await qr.waitFor();

    // Every request of the page: none carries a form value, none sends a body, and the
    // key never reaches the server (fragments are not sent).
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) {
      expect(r.method).toBe('GET');
      expect(r.body).toBe('');
      expect(r.url).not.toContain('#');
      for (const canary of canaryStrings(patient)) {
        expect(decodeURIComponent(r.url)).not.toContain(canary);
      }
    }
    // Filling the form itself made no request at all.
    expect(
      requests
        .slice(loaded)
        .filter((r) => !/\.(js|css|wasm|svg|png)$/.test(new URL(r.url).pathname)),
    ).toEqual([]);
    // Nothing stored on the phone.
    const stored = await phone.evaluate(async () => ({
      databases: (await indexedDB.databases()).length,
      local: localStorage.length,
      session: sessionStorage.length,
    }));
    expect(stored).toEqual({ databases: 0, local: 0, session: 0 });

    pngToY4m(await qr.screenshot(), cameraFile);
  });

  it('scans the phone’s QR code through the camera: the visit appears as registered', async () => {
    await tablet.getByRole('button', { name: 'Fermer' }).click();
    await tablet.getByRole('button', { name: 'Scanner une inscription' }).click();
    await tablet.getByRole('button', { name: 'Scanner avec la caméra' }).click();
    await tablet.getByText(/Visite ajoutée/).waitFor({ timeout: 30_000 });
    const list = tablet.locator('.counter__list');
    await list.getByText(patient.birthName, { exact: false }).waitFor();
    expect(await list.textContent()).toContain('enregistré');
  });

  it('recognises the same code scanned twice, and refuses a foreign code', async () => {
    await tablet.getByRole('button', { name: 'Scanner avec la caméra' }).click();
    await tablet.getByText(/déjà été enregistrée/).waitFor({ timeout: 30_000 });
    await tablet.getByLabel(/Ou collez le code/).fill('https://example.org/promo');
    await tablet.getByRole('button', { name: 'Ajouter la visite' }).click();
    await tablet.getByText(/n'est pas une inscription Comptoir/).waitFor();
    const rows = await tablet.locator('.counter__list').getByText(patient.birthName).count();
    expect(rows).toBe(1);
  });

  it('works offline once loaded: the page reopens and makes a QR code without network', async () => {
    await waitForControlledPage(phone);
    await phone.context().setOffline(true);
    try {
      await phone.goto(link);
      await phone.getByRole('heading', { name: /Inscription au test antigénique/ }).waitFor();
      await fillIdentity(phone, patient);
      await phone.getByRole('button', { name: 'Continuer' }).click();
      await phone.getByText("Je n'ai pas de symptômes").click();
      await phone.getByText("J'accepte que le résultat").click();
      await phone.getByRole('button', { name: 'Continuer' }).click();
      await phone.getByRole('button', { name: 'Terminé, afficher mon QR code' }).click();
      await phone.getByRole('img', { name: /QR code de votre inscription/ }).waitFor();
      // The service worker's caches hold the app shell only, never what was typed.
      const cached = await phone.evaluate(async () => {
        let text = '';
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) {
            text += request.url + ((await (await cache.match(request))?.text()) ?? '');
          }
        }
        return text;
      });
      expect(cached.length).toBeGreaterThan(0);
      for (const canary of canaryStrings(patient)) expect(cached).not.toContain(canary);
    } finally {
      await phone.context().setOffline(false);
    }
  });
});
