/**
 * Bad situations give a clear French message and lose nothing: a wrong passphrase, a
 * weakened KDF parameter on disk, a corrupted record, and a full disk (Chromium's quota
 * overridden through the DevTools protocol).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { persistentTabletContext, startServer, type RunningServer } from './harness';
import {
  acknowledgeRecoveryCode,
  canaryPatient,
  kioskFillToReview,
  PASSPHRASE,
  setupPharmacy,
  unlock,
  fillIdentity,
} from './flows';

let server: RunningServer;
let context: BrowserContext;
let page: Page;

/** Rewrites every row of `store` in the page's IndexedDB with `edit` (raw, no app code). */
async function editRows(page: Page, store: string, edit: string): Promise<number> {
  return page.evaluate(
    async ([storeName, body]) => {
      const fn = new Function('row', body) as (row: Record<string, unknown>) => void;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('comptoir');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction(storeName as string, 'readwrite');
      const os = tx.objectStore(storeName as string);
      const rows = await new Promise<Record<string, unknown>[]>((resolve) => {
        const req = os.getAll();
        req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
      });
      for (const row of rows) {
        fn(row);
        os.put(row);
      }
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
      return rows.length;
    },
    [store, edit] as const,
  );
}

/** The origin's storage quota in this file: far above the app's needs, easy to fill. */
const QUOTA_BYTES = 16 * 1024 * 1024;

/** Writes incompressible 256 KiB blocks to a filler database until the quota is hit. */
async function fillStorage(page: Page): Promise<string> {
  return page.evaluate(async (quota) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open('filler', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('blocks');
      req.onsuccess = () => resolve(req.result);
    });
    for (let i = 0; i < 2 * (quota / (256 * 1024)); i++) {
      const block = crypto.getRandomValues(new Uint8Array(64 * 1024));
      const tx = db.transaction('blocks', 'readwrite');
      tx.objectStore('blocks').put([block, block.slice(), block.slice(), block.slice()], i);
      const outcome = await new Promise<string>((resolve) => {
        tx.oncomplete = () => resolve('ok');
        tx.onabort = () => resolve(tx.error?.name ?? 'abort');
      });
      if (outcome !== 'ok') {
        db.close();
        return outcome;
      }
    }
    db.close();
    return 'never full';
  }, QUOTA_BYTES);
}

beforeAll(async () => {
  server = await startServer();
  context = await persistentTabletContext();
  page = context.pages()[0] ?? (await context.newPage());
  // Chromium applies a quota override only when set before the origin's storage is opened.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', {
    origin: new URL(server.url).origin,
    quotaSize: QUOTA_BYTES,
  });
  await page.goto(server.url);
  await setupPharmacy(page);
  await acknowledgeRecoveryCode(page);
  for (const tag of ['UN', 'DEUX']) {
    await page.getByRole('button', { name: 'Nouvelle visite' }).click();
    await fillIdentity(page, canaryPatient(tag));
    await page.getByText("Je n'ai pas de symptômes").click();
    await page.getByText("J'accepte que le résultat").click();
    await page.getByRole('button', { name: 'Enregistrer la visite' }).click();
    await page.getByRole('heading', { name: new RegExp(`KANARINOM${tag}`) }).waitFor();
  }
  await page.getByRole('button', { name: 'Verrouiller' }).click();
});

afterAll(async () => {
  await context?.close();
  await server?.stop();
});

describe('errors at the counter', () => {
  it('says the passphrase is wrong, in French, and stays locked', async () => {
    await unlock(page, 'cheval agrafe batterie incorrect');
    await page.getByText('Phrase de passe incorrecte.').waitFor();
    expect(await page.getByRole('button', { name: 'Nouvelle visite' }).count()).toBe(0);
    await unlock(page);
    await page.getByRole('button', { name: 'Nouvelle visite' }).waitFor();
  });

  it('shows the other visits and a warning when one record is corrupted', async () => {
    const edited = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const req = indexedDB.open('comptoir');
        req.onsuccess = () => resolve(req.result);
      });
      const tx = db.transaction('visits', 'readwrite');
      const os = tx.objectStore('visits');
      const rows = await new Promise<{ env: Uint8Array }[]>((resolve) => {
        const req = os.getAll();
        req.onsuccess = () => resolve(req.result as { env: Uint8Array }[]);
      });
      const row = rows[0];
      if (!row) return 0;
      const env = new Uint8Array(row.env);
      env[40] = (env[40] ?? 0) ^ 0x01;
      os.put({ ...row, env });
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
      return 1;
    });
    expect(edited).toBe(1);
    await page.reload();
    await unlock(page);
    await page.getByText(/1 fiche\(s\) de ce jour ne peuvent pas être ouvertes/).waitFor();
    expect(await page.locator('.visit-row').count()).toBe(1);
  });

  it('refuses to unlock with weakened KDF parameters, with a French explanation', async () => {
    await page.getByRole('button', { name: 'Verrouiller' }).click();
    // The calibrated memory cost is kept aside in the page, then halved under the floor.
    const n = await editRows(
      page,
      'slots',
      'if (row.kdf) { (globalThis.savedKdf ??= {})[row.slotId] = row.kdf.memlimit; row.kdf.memlimit = 32 * 1024 * 1024; }',
    );
    expect(n).toBeGreaterThan(0);
    await unlock(page);
    await page.getByText(/paramètres de protection de cet accès ont été affaiblis/).waitFor();
    await editRows(
      page,
      'slots',
      'if (row.kdf) row.kdf.memlimit = globalThis.savedKdf[row.slotId];',
    );
    await unlock(page);
    await page.getByRole('button', { name: 'Nouvelle visite' }).waitFor();
  });

  it('keeps the patient form on screen when the disk is full', async () => {
    await page.getByRole('button', { name: 'Mode patient' }).click();
    // A full disk: the origin's quota (lowered before the first load) is filled up.
    expect(await fillStorage(page)).toBe('QuotaExceededError');
    const patient = canaryPatient('PLEIN');
    await kioskFillToReview(page, patient);
    await page.getByRole('button', { name: 'Terminé, envoyer à la pharmacie' }).click();
    await page.getByText("Stockage de l'appareil plein").waitFor();
    await page.getByRole('heading', { name: 'Vérifiez vos informations' }).waitFor();
    expect(await page.getByText(patient.birthName).count()).toBe(1);
    // Space comes back: the same entry is saved, nothing was lost or duplicated.
    await page.evaluate(() => indexedDB.deleteDatabase('filler'));
    await page.getByRole('button', { name: 'Terminé, envoyer à la pharmacie' }).click();
    await page.getByRole('heading', { name: 'Merci !' }).waitFor();
    await page.getByRole('button', { name: 'Accès personnel' }).click();
    await page.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: /^Déverrouiller/ }).click();
    await page.getByRole('button', { name: /KANARINOMPLEIN/ }).waitFor();
    expect(await page.getByRole('button', { name: /KANARINOMPLEIN/ }).count()).toBe(1);
  });
});
