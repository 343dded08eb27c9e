/**
 * The camera scanner against Chromium's fake camera, which plays a y4m clip of a code:
 * tablet B joins the pharmacy by scanning the pairing QR code tablet A shows; a kit box's
 * GS1 DataMatrix fills the test form; and html5-qrcode (the library behind `app/scan`)
 * reads that DataMatrix as the exact string the GS1 parser receives.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { dataMatrixY4m, fakeCameraArgs, qrY4m } from './fake-camera';
import { launchChromium, startServer, tabletContext, type RunningServer } from './harness';
import {
  openBackOffice,
  acknowledgeRecoveryCode,
  canaryPatient,
  confirmPairing,
  registerAtCounter,
  setupPharmacy,
  STAFF,
} from './flows';

/** GS1 General Specifications §7.8.5: FNC1 ending a variable-length field is sent as GS. */
const GS = '\x1d';
const GTIN = '03401234567890';

let cameraDir: string;
const browsers: Browser[] = [];

/** The app's server, shared by the pairing and kit tests. */
let server: RunningServer;

beforeAll(async () => {
  cameraDir = mkdtempSync(join(tmpdir(), 'comptoir-cam-'));
  server = await startServer();
});

afterAll(async () => {
  // Browsers first: the server waits for their connections (event streams) to end.
  await closeBrowsers();
  await server?.stop();
  rmSync(cameraDir, { recursive: true, force: true });
});

async function launch(extraArgs: string[] = []): Promise<Browser> {
  const browser = await launchChromium(extraArgs);
  browsers.push(browser);
  return browser;
}

/** Closes every browser launched so far (the relay waits for their connections to end). */
async function closeBrowsers(): Promise<void> {
  await Promise.all(browsers.splice(0).map((browser) => browser.close()));
}

async function newVisit(page: Page, tag: string): Promise<void> {
  await registerAtCounter(page, canaryPatient(tag));
  await page.getByRole('button', { name: 'Fermer' }).click();
}

describe('pairing with the camera', () => {
  it("pairs tablet B by scanning A's pairing QR with the camera", async () => {
    const a = await (await tabletContext(await launch())).newPage();
    await a.goto(server.url);
    await setupPharmacy(a);
    await acknowledgeRecoveryCode(a);
    await newVisit(a, 'CAMERA');
    await openBackOffice(a, 'Appareils');
    await a.getByLabel('Nom de cet appareil').fill('Comptoir 1');
    await a.getByRole('button', { name: 'Activer la synchronisation' }).click();
    await a.getByText('Synchronisation : en ligne').waitFor();
    await a.getByRole('button', { name: 'Ajouter un appareil' }).click();
    await a.getByRole('img', { name: "Code d'appairage" }).waitFor();
    // DevicesPanel gives the same `pairing.code` to the QR code and to this text box.
    const code = await a.getByTestId('pairing-code').inputValue();
    expect(code).toMatch(/^COMPTOIR-APPAIRAGE:1:/);

    // Chromium reads the clip when the camera opens: B's browser starts once it exists.
    const clip = join(cameraDir, 'pairing.y4m');
    qrY4m(code, clip);
    const b = await (await tabletContext(await launch(fakeCameraArgs(clip)))).newPage();
    await b.goto(server.url);
    await b.getByRole('button', { name: /Rejoindre une officine existante/ }).click();
    await b.getByLabel('Nom de cet appareil').fill('Comptoir 2');
    await b.getByRole('button', { name: 'Scanner le code avec la caméra' }).click();

    await confirmPairing(a, b);
    await b.getByRole('button', { name: /KANARINOMCAMERA/ }).waitFor({ timeout: 30_000 });
    expect(await b.getByText(STAFF.name).count()).toBeGreaterThan(0);
  });
});

describe('kit box scanning in the test form', () => {
  /** Opens the camera on the clip and waits for the announcement of what was read. */
  async function scanBox(page: Page, announcement: RegExp): Promise<void> {
    await page.getByRole('button', { name: 'Scanner la boîte' }).click();
    await page.getByText(announcement).first().waitFor({ timeout: 30_000 });
  }

  it('fills GTIN, lot, expiry and serial from the DataMatrix, and remembers the kit', async () => {
    const clip = join(cameraDir, 'kit-form.y4m');
    await dataMatrixY4m(`(01)${GTIN}(17)291231(10)LOT42(21)SER1`, clip);
    const page = await (await tabletContext(await launch(fakeCameraArgs(clip)))).newPage();
    await page.goto(server.url);
    await setupPharmacy(page);
    await acknowledgeRecoveryCode(page);

    await newVisit(page, 'BOITE');
    await page.getByRole('button', { name: /KANARINOMBOITE/ }).click();
    await scanBox(page, /Boîte inconnue : choisissez le test/);
    expect(await page.locator('#t-gtin').inputValue()).toBe(GTIN);
    expect(await page.locator('#t-lot').inputValue()).toBe('LOT42');
    expect(await page.locator('#t-expiry').inputValue()).toBe('2029-12-31');
    expect(await page.locator('#t-serial').inputValue()).toBe('SER1');
    expect(await page.locator('#t-kitId').inputValue()).toBe('');
    await page.locator('#t-kitId').selectOption('1232');
    await page.getByRole('button', { name: 'Démarrer le test' }).click();
    await page.getByText(/lot LOT42, péremption 31\/12\/2029/).waitFor();
    await page.getByRole('button', { name: 'Fermer' }).click();

    // The next box of the same product: the kit comes from the remembered GTIN link.
    await newVisit(page, 'BOITEDEUX');
    await page.getByRole('button', { name: /KANARINOMBOITEDEUX/ }).click();
    await scanBox(page, /Boîte reconnue : Panbio/);
    expect(await page.locator('#t-kitId').inputValue()).toBe('1232');
    expect(await page.locator('#t-lot').inputValue()).toBe('LOT42');
    expect(await page.locator('#t-serial').inputValue()).toBe('SER1');
  });
});

describe('html5-qrcode and a GS1 DataMatrix', () => {
  let http: Server;
  let url: string;

  beforeAll(async () => {
    http = await serveScannerPage();
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => http?.close(resolve));
  });

  it('the scanner reads a GS1 DataMatrix from the fake camera', async () => {
    const clip = join(cameraDir, 'kit.y4m');
    await dataMatrixY4m(`(01)${GTIN}(17)270531(10)LOT42(21)SER1`, clip);
    const page = await (await tabletContext(await launch(fakeCameraArgs(clip)))).newPage();
    await page.goto(url);
    const result = await page.waitForFunction(
      () => (window as unknown as ScannerWindow).scanResult,
      undefined,
      { timeout: 30_000 },
    );
    const { text, error } = (await result.jsonValue()) as ScanResult;
    // The exact string matters to app/scan/gs1.ts: reported, with escapes visible.
    console.log(`html5-qrcode returned ${JSON.stringify(text)}`);
    expect(error).toBeUndefined();
    // No symbology identifier (]d2); the leading FNC1 comes out as a GS too.
    expect(text).toBe(`${GS}01${GTIN}17270531` + `10LOT42${GS}21SER1`);
  });
});

interface ScanResult {
  text?: string;
  error?: string;
}
type ScannerWindow = Window & { scanResult?: ScanResult };

/**
 * The page: html5-qrcode's browser bundle configured like `app/scan/qr-scanner.ts` (a
 * 420 px wide box, 250 px aiming box, 10 fps), DataMatrix only; the first decoded text, or
 * the start error, lands in `window.scanResult`.
 */
const SCANNER_PAGE = `<!doctype html>
<meta charset="utf-8">
<div id="reader" style="width: 420px"></div>
<script src="/html5-qrcode.min.js"></script>
<script>
  const scanner = new Html5Qrcode('reader', {
    verbose: false,
    formatsToSupport: [Html5QrcodeSupportedFormats.DATA_MATRIX],
  });
  scanner
    .start(
      { facingMode: 'environment' },
      { fps: 10, qrbox: { width: 250, height: 250 } },
      (text) => { window.scanResult ??= { text }; },
      () => undefined,
    )
    .catch((e) => { window.scanResult = { error: String(e) }; });
</script>`;

async function serveScannerPage(): Promise<Server> {
  const bundle = readFileSync(
    fileURLToPath(new URL('../../node_modules/html5-qrcode/html5-qrcode.min.js', import.meta.url)),
  );
  const server = createServer((req, res) => {
    if (req.url === '/html5-qrcode.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(SCANNER_PAGE);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
