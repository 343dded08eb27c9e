/**
 * Accessibility and touch: every screen passes axe-core with no serious or critical
 * violation, and every control offers a touch target of at least 44 × 44 px, at tablet
 * (1024×768) and phone (390×844) sizes.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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
  fillIdentity,
  PASSPHRASE,
  setupPharmacy,
  unlock,
} from './flows';

const MIN_TARGET_PX = 44;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Finding {
  screen: string;
  problem: string;
}

async function audit(page: Page, screen: string, findings: Finding[]): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  for (const v of result.violations) {
    if (v.impact === 'serious' || v.impact === 'critical') {
      findings.push({
        screen,
        problem: `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      });
    }
  }
  const small = await page.evaluate((min) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      'button, input, select, a[href], textarea',
    )) {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const target =
        el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')
          ? (el.closest('label') ?? el)
          : el;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width < min || box.height < min) {
        out.push(
          `${el.tagName.toLowerCase()}[${el.getAttribute('name') ?? el.textContent?.trim().slice(0, 30)}] ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
      }
    }
    return out;
  }, MIN_TARGET_PX);
  for (const s of small) findings.push({ screen, problem: `touch target < 44px: ${s}` });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth + 1,
  );
  if (overflow) findings.push({ screen, problem: 'horizontal overflow' });
}

async function walkEveryScreen(page: Page): Promise<Finding[]> {
  const findings: Finding[] = [];
  await page.goto(server.url);
  await page.getByRole('button', { name: "Créer l'officine" }).waitFor();
  await audit(page, 'setup', findings);
  await page.getByRole('button', { name: "Créer l'officine" }).click();
  await audit(page, 'setup with errors', findings);
  await page.getByRole('button', { name: /Rejoindre une officine existante/ }).click();
  await audit(page, 'join an existing pharmacy', findings);
  await page.getByRole('button', { name: /Retour : créer une nouvelle officine/ }).click();
  await page.reload();
  await setupPharmacy(page);
  await audit(page, 'recovery code', findings);
  await acknowledgeRecoveryCode(page);
  await audit(page, 'counter (empty)', findings);
  await page.getByRole('button', { name: 'Gestion' }).click();
  await page.getByRole('group', { name: 'Gestion' }).waitFor();
  await audit(page, 'back-office menu', findings);
  await page.keyboard.press('Escape');
  await page.getByRole('group', { name: 'Gestion' }).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Nouvelle visite' }).click();
  await audit(page, 'new visit', findings);
  await fillIdentity(page, canaryPatient('A'));
  await page.getByText("Je n'ai pas de symptômes").click();
  await page.getByText("J'accepte que le résultat").click();
  await page.getByRole('button', { name: 'Enregistrer la visite' }).click();
  await page.getByLabel('Lot').waitFor();
  await audit(page, 'visit with test form', findings);
  await page.getByLabel('Lot').fill('LOT1');
  await page.getByLabel('Date de péremption').fill('2099-12-31');
  await page.getByRole('button', { name: 'Démarrer le test' }).click();
  await page.getByText('Lecture possible dans').waitFor();
  await audit(page, 'visit with timer', findings);
  await page.getByRole('button', { name: 'Fermer' }).click();
  await openBackOffice(page, 'Équipe');
  await page.getByRole('heading', { name: 'Ajouter un membre' }).waitFor();
  await audit(page, 'team', findings);
  await page.getByRole('button', { name: 'Fermer' }).click();
  await openBackOffice(page, 'Appareils');
  await page.getByRole('button', { name: 'Activer la synchronisation' }).waitFor();
  await audit(page, 'devices', findings);
  await page.getByRole('button', { name: 'Activer la synchronisation' }).click();
  await page.getByRole('button', { name: 'Ajouter un appareil' }).click();
  await page.getByTestId('pairing-code').waitFor();
  await audit(page, 'pairing code', findings);
  await page.getByRole('button', { name: 'Annuler' }).click();
  await page.getByRole('button', { name: 'Fermer' }).click();
  await openBackOffice(page, 'Paramètres');
  await page.getByRole('heading', { name: 'Conservation des données' }).waitFor();
  await audit(page, 'settings', findings);
  await page.getByRole('button', { name: 'Fermer' }).click();
  await openBackOffice(page, 'Rapports');
  await page.getByRole('heading', { name: 'Rapports' }).waitFor();
  await page.locator('.report-chart, .reports svg').first().waitFor();
  await audit(page, 'reports', findings);
  await page.getByRole('button', { name: 'Fermer' }).click();
  await openBackOffice(page, "Journal d'audit");
  await page.getByRole('heading', { name: "Journal d'audit" }).waitFor();
  await audit(page, 'audit log', findings);
  await page.getByRole('button', { name: 'Fermer' }).click();
  await openBackOffice(page, 'Droits des patients');
  await page.getByLabel('Nom, prénom ou date de naissance').fill('kanari');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.getByRole('heading', { name: 'Droits des patients' }).waitFor();
  await audit(page, 'patient rights', findings);
  await page.getByRole('button', { name: 'Fermer' }).click();
  await page.getByRole('button', { name: 'Mode patient' }).click();
  await audit(page, 'kiosk identity', findings);
  await page.getByRole('button', { name: 'Continuer' }).click();
  await audit(page, 'kiosk identity with errors', findings);
  await fillIdentity(page, canaryPatient('B'));
  await page.getByRole('button', { name: 'Continuer' }).click();
  await audit(page, 'kiosk context', findings);
  await page.getByText("Je n'ai pas de symptômes").click();
  await page.getByText("J'accepte que le résultat").click();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await audit(page, 'kiosk review', findings);
  await page.getByRole('button', { name: 'Terminé, envoyer à la pharmacie' }).click();
  await page.getByRole('heading', { name: 'Merci !' }).waitFor();
  await audit(page, 'kiosk thanks', findings);
  await page.getByRole('button', { name: 'English' }).click();
  await audit(page, 'kiosk in English', findings);
  await page.getByRole('button', { name: 'Staff access' }).click();
  await audit(page, 'kiosk staff unlock', findings);
  await unlock(page, PASSPHRASE);
  await page.getByRole('button', { name: 'Verrouiller' }).click();
  await audit(page, 'unlock', findings);
  await page.getByRole('button', { name: /code de secours/ }).click();
  await audit(page, 'recovery', findings);
  return findings;
}

describe('accessibility and touch targets', () => {
  it('has no serious or critical axe violation and 44 px targets on a tablet (1024×768)', async () => {
    const context = await tabletContext(browser);
    const findings = await walkEveryScreen(await context.newPage());
    await context.close();
    expect(findings).toEqual([]);
  });

  it('has no serious or critical axe violation and 44 px targets on a phone (390×844)', async () => {
    const context = await phoneContext(browser);
    const findings = await walkEveryScreen(await context.newPage());
    await context.close();
    expect(findings).toEqual([]);
  });
});
