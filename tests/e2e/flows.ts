/**
 * Reusable end-to-end steps, written as a pharmacist would do them: by visible labels.
 */
import type { Page } from 'playwright-core';
import { toLocalInput } from './dates';

export const PASSPHRASE = 'cheval agrafe batterie correct';
export const STAFF = { name: 'Claire Dupont', rpps: '10001234565', label: 'Claire D.' };
export const PHARMACY = {
  name: 'Pharmacie du Marché',
  finess: '750001232',
  address: '3 place du Marché',
  postalCode: '75011',
  city: 'Paris',
};

/** Canary identity: every string is unique and must never appear outside the envelope. */
export function canaryPatient(tag: string) {
  return {
    birthName: `KANARINOM${tag}`,
    usedName: `KANARIUSAGE${tag}`,
    firstNames: `Kanariprenom${tag}`,
    birthDate: '1985-04-12',
    birthPlace: `Kanarilieu${tag}`,
    address: `12 rue Kanarirue${tag}`,
    postalCode: '75011',
    city: `Kanariville${tag}`,
    phone: '06 98 76 54 32',
    phoneE164: '+33698765432',
    email: `kanari.${tag.toLowerCase()}@example.org`,
    nir: '285047511112321',
  };
}

/** The canary strings to look for in dumps (the NIR, the phone in both forms…). */
export function canaryStrings(patient: ReturnType<typeof canaryPatient>): string[] {
  return [
    patient.birthName,
    patient.usedName,
    patient.firstNames,
    patient.birthPlace,
    `Kanarirue`,
    patient.city,
    patient.email,
    patient.nir,
    patient.phoneE164,
    '0698765432',
  ];
}

/** First-run setup; returns the recovery code shown once. */
export async function setupPharmacy(page: Page): Promise<string> {
  await page.getByLabel("Nom de l'officine").fill(PHARMACY.name);
  await page.getByLabel('Numéro FINESS (9 chiffres)').fill(PHARMACY.finess);
  await page.getByLabel('Adresse', { exact: true }).fill(PHARMACY.address);
  await page.getByLabel('Code postal').fill(PHARMACY.postalCode);
  await page.getByLabel('Commune').fill(PHARMACY.city);
  await page.getByLabel('Nom et prénom').fill(STAFF.name);
  await page.getByLabel('Numéro RPPS (11 chiffres)').fill(STAFF.rpps);
  await page.getByLabel('Nom affiché au déverrouillage').fill(STAFF.label);
  await page.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Confirmez la phrase de passe').fill(PASSPHRASE);
  await page.getByRole('button', { name: "Créer l'officine" }).click();
  const code = await page.getByTestId('recovery-code').textContent({ timeout: 30_000 });
  return (code ?? '').trim();
}

export async function acknowledgeRecoveryCode(page: Page): Promise<void> {
  await page.getByLabel("J'ai imprimé ou recopié ce code").check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByRole('button', { name: 'Nouvelle visite' }).waitFor();
}

/** Unlocks as the first staff member (from the unlock screen or the kiosk's staff step). */
export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByLabel('Phrase de passe', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: /^Déverrouiller/ }).click();
}

/** Fills the identity part of a form (kiosk or counter) by field labels. */
export async function fillIdentity(page: Page, p: ReturnType<typeof canaryPatient>): Promise<void> {
  await page.getByLabel('Nom de naissance').fill(p.birthName);
  await page.getByLabel(/^Nom d'usage/).fill(p.usedName);
  await page.getByLabel(/^Prénom/).fill(p.firstNames);
  await page.getByText('Femme', { exact: true }).click();
  await page.getByLabel('Date de naissance').fill(p.birthDate);
  await page.getByLabel(/^Lieu de naissance/).fill(p.birthPlace);
  await page.getByLabel('Adresse', { exact: true }).fill(p.address);
  await page.getByLabel('Code postal').fill(p.postalCode);
  await page.getByLabel('Commune').fill(p.city);
  await page.getByLabel('Téléphone mobile').fill(p.phone);
  await page.getByLabel(/^E-?mail/i).fill(p.email);
  await page.getByLabel(/^NIR/).fill(p.nir);
}

/**
 * Registers a visit at the counter (« Nouvelle visite »: identity, no symptoms, consent) and
 * waits until its panel is open.
 */
export async function registerAtCounter(
  page: Page,
  p: ReturnType<typeof canaryPatient>,
): Promise<void> {
  await page.getByRole('button', { name: 'Nouvelle visite' }).click();
  await fillIdentity(page, p);
  await page.getByText("Je n'ai pas de symptômes").click();
  await page.getByText("J'accepte que le résultat").click();
  await page.getByRole('button', { name: 'Enregistrer la visite' }).click();
  await page.getByRole('heading', { name: new RegExp(p.birthName) }).waitFor();
}

/** Patient mode up to the review step. */
export async function kioskFillToReview(
  page: Page,
  p: ReturnType<typeof canaryPatient>,
): Promise<void> {
  await fillIdentity(page, p);
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByText("Je n'ai pas de symptômes").click();
  await page.getByText("J'accepte que le résultat").click();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByRole('heading', { name: 'Vérifiez vos informations' }).waitFor();
}

/** A whole patient-mode registration, ending on "Merci". */
export async function kioskRegistration(
  page: Page,
  p: ReturnType<typeof canaryPatient>,
): Promise<void> {
  await kioskFillToReview(page, p);
  await page.getByRole('button', { name: 'Terminé, envoyer à la pharmacie' }).click();
  await page.getByRole('heading', { name: 'Merci !' }).waitFor();
}

/** Waits until the service worker is active (registerType "prompt": first install activates). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  // Polled from Node: page.waitForFunction would take the predicate's Promise as truthy.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return reg?.active?.state ?? null;
    });
    if (state === 'activated') return;
    if (Date.now() > deadline) throw new Error(`service worker not activated (state: ${state})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Reloads until the page is controlled by the active service worker ("after the first
 * visit"): only then does the next load come from the precache whatever the network does.
 */
export async function waitForControlledPage(page: Page): Promise<void> {
  await waitForServiceWorker(page);
  for (let i = 0; i < 5; i++) {
    if (await page.evaluate(() => navigator.serviceWorker.controller !== null)) return;
    await page.reload();
  }
  throw new Error('the service worker never took control of the page');
}

/**
 * Everything the page can store or show, as one string: every IndexedDB database and
 * object store (raw values, bytes decoded as Latin-1 and UTF-8), localStorage,
 * sessionStorage, every Cache Storage response body, document title, URL and the DOM.
 */
export async function dumpEverything(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    const latin1 = (bytes: Uint8Array): string =>
      Array.from(bytes, (b) => String.fromCharCode(b)).join('');
    const utf8 = new TextDecoder('utf-8', { fatal: false });
    const walk = (value: unknown): void => {
      if (value === null || value === undefined) return;
      if (value instanceof ArrayBuffer) return walk(new Uint8Array(value));
      if (ArrayBuffer.isView(value)) {
        const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        parts.push(latin1(bytes), utf8.decode(bytes));
        return;
      }
      if (value instanceof Blob) return;
      if (typeof value === 'object') {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          parts.push(k);
          walk(v);
        }
        return;
      }
      parts.push(String(value));
    };
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name as string);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const storeName of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(storeName).objectStore(storeName).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        parts.push(`store:${storeName}:${rows.length}`);
        rows.forEach(walk);
      }
      db.close();
    }
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i) ?? '';
        parts.push(key, storage.getItem(key) ?? '');
      }
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        parts.push(request.url);
        const response = await cache.match(request);
        if (response) parts.push(await response.text());
      }
    }
    parts.push(
      document.title,
      location.href,
      String(history.length),
      document.documentElement.outerHTML,
    );
    return parts.join('\n');
  });
}

/**
 * The end of a pairing once B read A's code: both show the same 6 digits, A confirms, B
 * receives the vault and its staff member sets a passphrase.
 */
export async function confirmPairing(a: Page, b: Page): Promise<void> {
  const sasB = (await b.getByTestId('join-sas').textContent({ timeout: 30_000 })) ?? '';
  const sasA = (await a.getByTestId('pairing-sas').textContent({ timeout: 20_000 })) ?? '';
  if (!/^\d{6}$/.test(sasA.replace(/\s/g, '')) || sasB !== sasA) {
    throw new Error(`pairing codes differ or are malformed: A ${sasA}, B ${sasB}`);
  }
  await a.getByRole('button', { name: 'Les codes sont identiques' }).click();
  await a.getByText(/« Comptoir 2 » fait maintenant partie de l'officine/).waitFor();
  await b.getByLabel("Membre de l'équipe").waitFor({ timeout: 30_000 });
  await b.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
  await b.getByLabel('Confirmez la phrase de passe').fill(PASSPHRASE);
  await b.getByRole('button', { name: 'Terminer' }).click();
}

/** Opens a back-office panel: « Gestion », then the item (Rapports, Équipe, Appareils…). */
export async function openBackOffice(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Gestion' }).click();
  await page.getByRole('group', { name: 'Gestion' }).getByRole('button', { name: item }).click();
}

/**
 * Registers a visit at the counter, samples it 16 minutes ago (its reading time is over)
 * and reads it negative: with the portal connected, it leaves for transmission.
 */
export async function recordNegativeVisit(page: Page, tag: string): Promise<void> {
  await registerAtCounter(page, canaryPatient(tag));
  await page.getByLabel('Lot').fill('LOT42');
  await page.getByLabel('Date de péremption').fill('2099-12-31');
  await page
    .getByLabel('Date/heure du prélèvement')
    .fill(toLocalInput(new Date(Date.now() - 16 * 60_000)));
  await page.getByRole('button', { name: 'Démarrer le test' }).click();
  await page.getByRole('button', { name: 'négatif', exact: true }).click();
  await page.getByRole('button', { name: 'Confirmer « négatif »' }).click();
}

/** Logs the staff member in at the sandbox portal (the popup of « Se connecter au portail »). */
export async function loginToSandboxPortal(page: Page): Promise<void> {
  const popupPromise = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Se connecter au portail' }).click();
  const popup = await popupPromise;
  await popup
    .getByRole('button', { name: `Se connecter en tant que ${STAFF.name} (RPPS ${STAFF.rpps})` })
    .click();
  await page.getByText('Portail : connecté').waitFor();
}

/**
 * Read raw from the app's IndexedDB: the key epochs of the sealed rows (`records`, `visits`;
 * 0 = sealed to the intake key, left out) and the version byte of each slot's wrapped key.
 */
export async function storedEpochs(
  page: Page,
): Promise<{ epochs: number[]; slotVersions: (number | undefined)[] }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('comptoir');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = async (name: string) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
        req.onerror = () => reject(req.error);
      });
    const rows = [...(await all('records')), ...(await all('visits'))];
    const slots = await all('slots');
    db.close();
    return {
      epochs: [...new Set(rows.map((r) => r['epoch'] as number).filter((e) => e !== 0))],
      slotVersions: slots.map((s) => (s['wrapped'] as Uint8Array)[0]),
    };
  });
}
