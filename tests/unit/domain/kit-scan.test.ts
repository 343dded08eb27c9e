/**
 * What a scanned kit box fills in the test form (DESIGN.md "Kit"): the link decides the
 * kit, an expired or withdrawn box is refused, an unknown GTIN asks for the kit once.
 */
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_KITS,
  UNKNOWN_BOX_MESSAGE,
  kitFromScan,
  type KitLink,
  type ScannedKitBox,
} from '../../../app/domain';

const TODAY = '2025-06-15';
const GTIN = '03401234567890';
const box: ScannedKitBox = { gtin: GTIN, expiry: '2026-01-31', lot: 'AB12' };
const link = (kitId: string, kitName = `kit ${kitId}`): Map<string, KitLink> =>
  new Map([[GTIN, { gtin: GTIN, kitId, kitName }]]);
const NONE = new Map<string, KitLink>();

describe('kitFromScan', () => {
  it.each([
    ['a linked GTIN fills the kit, lot and expiry', box, link('1232'), 'linked', '1232'],
    ['an unknown GTIN fills lot and expiry, not the kit', box, NONE, 'unknown', undefined],
    [
      'a box expiring today is still usable',
      { ...box, expiry: TODAY },
      link('1232'),
      'linked',
      '1232',
    ],
    [
      'a box expired yesterday is refused',
      { ...box, expiry: '2025-06-14' },
      link('1232'),
      'expired',
      undefined,
    ],
    [
      'an expired unknown box is refused too',
      { ...box, expiry: '2025-06-14' },
      NONE,
      'expired',
      undefined,
    ],
    ['a box linked to a withdrawn kit is refused', box, link('1065'), 'retired', '1065'],
    [
      'a kit missing from this device’s list is used under its linked name',
      box,
      link('2001'),
      'linked',
      '2001',
    ],
  ] as const)('%s', (_, scanned, links, status, kitId) => {
    const scan = kitFromScan(scanned, links, BUILTIN_KITS, TODAY);
    expect(scan.status).toBe(status);
    expect('kit' in scan ? scan.kit.id : undefined).toBe(kitId);
    if (scan.status === 'linked' || scan.status === 'unknown') {
      expect(scan.fill).toEqual({
        gtin: GTIN,
        lot: scanned.lot,
        expiry: scanned.expiry,
        serial: '',
      });
    } else {
      expect(scan).not.toHaveProperty('fill');
    }
  });

  it('fills the serial number when the code gives one', () => {
    const scan = kitFromScan({ ...box, serial: 'SER-1/2' }, link('1232'), BUILTIN_KITS, TODAY);
    expect(scan).toMatchObject({ status: 'linked', fill: { serial: 'SER-1/2' } });
  });

  it('says why an expired box is refused, with the date in French', () => {
    const scan = kitFromScan({ ...box, expiry: '2025-05-31' }, NONE, BUILTIN_KITS, TODAY);
    expect(scan.message).toBe(
      'Ce kit est périmé depuis le 31/05/2025. Utilisez un kit dont la date de péremption n’est pas dépassée.',
    );
  });

  it('asks for the kit once for an unknown box', () => {
    expect(kitFromScan(box, NONE, BUILTIN_KITS, TODAY).message).toBe(UNKNOWN_BOX_MESSAGE);
    expect(UNKNOWN_BOX_MESSAGE).toBe(
      'Boîte inconnue : choisissez le test correspondant dans la liste, il sera retenu pour les prochaines boîtes.',
    );
  });

  it('names the recognised kit, from the list or from the link', () => {
    expect(kitFromScan(box, link('1232'), BUILTIN_KITS, TODAY).message).toBe(
      'Boîte reconnue : Panbio COVID-19 Ag Rapid Test. Le test, le lot et la date de péremption sont remplis.',
    );
    const unlisted = kitFromScan(box, link('2001', 'Test importé'), BUILTIN_KITS, TODAY);
    expect(unlisted).toMatchObject({
      kit: { id: '2001', name: 'Test importé', readingMinutes: 15, active: true },
    });
  });

  it('says it is withdrawn for a kit removed from the EU list', () => {
    expect(kitFromScan(box, link('1065'), BUILTIN_KITS, TODAY).message).toBe(
      'Ce kit a été retiré de la liste officielle de l’UE. Utilisez un autre kit.',
    );
  });

  it.each<[ScannedKitBox, string]>([
    [{ gtin: GTIN }, 'ni le lot ni la date de péremption : recopiez-les'],
    [{ gtin: GTIN, expiry: '2026-01-31' }, 'pas le lot : recopiez-le'],
    [{ gtin: GTIN, lot: 'AB12' }, 'pas la date de péremption : recopiez-la'],
  ])('leaves empty what the code does not give, and says so (%o)', (scanned, said) => {
    for (const links of [NONE, link('1232')]) {
      const scan = kitFromScan(scanned, links, BUILTIN_KITS, TODAY);
      expect(scan.message).toContain(`Le code ne donne ${said} depuis la boîte.`);
      expect(scan).toMatchObject({
        fill: { gtin: GTIN, lot: scanned.lot ?? '', expiry: scanned.expiry ?? '' },
      });
    }
  });

  it('takes a Date as its Paris day for the expiry check', () => {
    // 23:30 UTC on 14 June is already 15 June in Paris (UTC+2).
    const lateEvening = new Date('2025-06-14T23:30:00Z');
    const scan = kitFromScan({ ...box, expiry: '2025-06-14' }, NONE, BUILTIN_KITS, lateEvening);
    expect(scan.status).toBe('expired');
  });
});
