/**
 * Patient mode is write-only by cryptography: entering it wipes the keyring (every secret
 * buffer zeroed, the reference dropped), yet the kiosk can still seal and store entries,
 * which only a staff unlock can read. Real libsodium, fake-indexeddb, the real controller.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { KeyringWipedError } from '../../app/crypto';
import { localDay, validateContext, validateIdentity } from '../../app/domain';
import { buildIntakeEntry, submitIntakeEntry } from '../../app/intake';
import { deleteComptoirDb, listDayVisits } from '../../app/store';
import { AppController } from '../../app/ui/hooks/controller';

const PASSPHRASE = 'cheval agrafe batterie correct';

async function setUpPharmacy(): Promise<AppController> {
  const controller = new AppController();
  await controller.start();
  expect(controller.screen.value.name).toBe('setup');
  await controller.setup({
    pharmacy: {
      name: 'Pharmacie du Marché',
      finess: '750001232',
      address: '3 place du Marché',
      postalCode: '75011',
      city: 'Paris',
    },
    admin: { name: 'Claire Dupont', rpps: '10001234565', label: 'Claire D.' },
    passphrase: PASSPHRASE,
  });
  return controller;
}

function kioskEntry() {
  const today = new Date();
  const identity = validateIdentity(
    {
      birthName: 'MARTIN',
      firstNames: 'Léa',
      sex: 'F',
      birthDate: '1985-04-12',
      address: '12 rue des Lilas',
      postalCode: '75011',
      city: 'Paris',
      country: 'FR',
      phone: '06 12 34 56 78',
    },
    today,
  );
  if (!identity.ok) throw new Error('fixture identity invalid');
  const context = validateContext({ noSymptoms: true, consent: true }, '1985-04-12', today);
  if (!context.ok) throw new Error('fixture context invalid');
  return buildIntakeEntry(identity.value, context.value, 'kiosk', today);
}

beforeEach(async () => {
  await deleteComptoirDb();
});

describe('patient mode', () => {
  it('wipes every secret buffer of the keyring and drops it when entered', async () => {
    const controller = await setUpPharmacy();
    const keyring = controller.keyring;
    keyring.subkey('records');
    const buffers = keyring.secretBuffersForTest();
    expect(buffers.some((b) => b.some((x) => x !== 0))).toBe(true);

    controller.enterKiosk();

    expect(controller.screen.value.name).toBe('kiosk');
    expect(controller.isUnlocked).toBe(false);
    expect(controller.session.value).toBeNull();
    expect(() => controller.keyring).toThrow(KeyringWipedError);
    expect(keyring.isWiped).toBe(true);
    for (const buffer of buffers) expect(buffer.every((x) => x === 0)).toBe(true);
  });

  it('still seals and stores an entry without any key, readable only after a staff unlock', async () => {
    const controller = await setUpPharmacy();
    controller.enterKiosk();
    const entry = kioskEntry();
    await submitIntakeEntry(controller.db, controller.meta.intakePublicKey, entry);
    expect(() => controller.keyring).toThrow(KeyringWipedError);

    const [slot] = controller.slots.value;
    await controller.leaveKiosk(slot?.slotId ?? '', PASSPHRASE);
    expect(controller.screen.value.name).toBe('counter');
    const { visits } = await listDayVisits(controller.db, controller.keyring, localDay(new Date()));
    expect(visits.map((v) => [v.identity.birthName, v.state])).toEqual([['MARTIN', 'registered']]);
  });

  it('locks (and wipes) on idle, pagehide and bfcache restore', async () => {
    const controller = await setUpPharmacy();
    controller.finishSetup();
    for (const reason of ['idle', 'pagehide', 'bfcache'] as const) {
      const [slot] = controller.slots.value;
      if (controller.screen.value.name !== 'counter') {
        await controller.unlock(slot?.slotId ?? '', PASSPHRASE);
      }
      const buffers = controller.keyring.secretBuffersForTest();
      controller.lock(reason);
      expect(controller.screen.value).toEqual({ name: 'locked', reason });
      expect(buffers.every((b) => b.every((x) => x === 0))).toBe(true);
      expect(() => controller.keyring).toThrow(KeyringWipedError);
    }
  });
});
