import { beforeAll, describe, expect, it } from 'vitest';
import { decryptRecord, encryptRecord, initCrypto, utf8Encode } from '../../../app/crypto';
import { approveJoiner } from '../../../app/sync/pairing-approve';
import { awaitJoiner } from '../../../app/sync/pairing-await-joiner';
import { awaitKeyring } from '../../../app/sync/pairing-await-keyring';
import { encodePairingCode, parsePairingCode } from '../../../app/sync/pairing-code';
import { PairingError } from '../../../app/sync/pairing-errors';
import { joinWithCode } from '../../../app/sync/pairing-join';
import { createPairingMailbox } from '../../../app/sync/pairing-mailbox';
import { startPairing } from '../../../app/sync/pairing-start';
import { verifyJoinedDeviceLog } from '../../../app/sync/pairing-verify-log';
import { RELAY_URL, clientFor, deviceA, inProcessRelay } from './pairing-harness';

beforeAll(initCrypto);

const FAST = { pollMs: 1 };

async function pairingUpToSas() {
  const { fetchImpl, store } = inProcessRelay();
  const a = await deviceA(fetchImpl);
  const { code, session } = startPairing({ keyring: a.keyring, relayUrl: RELAY_URL });
  const mailbox = createPairingMailbox(parsePairingCode(code).relayUrl, fetchImpl);
  const b = await joinWithCode(code, { name: 'Comptoir 2', putMailbox: mailbox.putMailbox });
  return { fetchImpl, store, a, code, session, mailbox, b };
}

async function expectPairingError(promise: Promise<unknown>, code: string): Promise<PairingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PairingError);
  expect((error as PairingError).code).toBe(code);
  return error as PairingError;
}

describe('device pairing through the relay', () => {
  it('shows the same 6 digits on both devices, then gives B the vault keys and membership', async () => {
    const { fetchImpl, a, session, mailbox, b } = await pairingUpToSas();
    const seen = await awaitJoiner(session, { takeMailbox: a.relay.takeMailbox, ...FAST });
    expect(seen.sas).toMatch(/^\d{6}$/);
    expect(seen.sas).toBe(b.sas);
    expect(seen.joiner.name).toBe('Comptoir 2');
    expect(seen.joiner.deviceId).toBe(b.joinSession.identity.deviceId);

    const pin = await approveJoiner(session, seen.joiner, { relay: a.relay, keyring: a.keyring });
    const joined = await awaitKeyring(b.joinSession, { takeMailbox: mailbox.takeMailbox, ...FAST });
    expect(joined.pin).toEqual(pin);
    expect(joined.keyring.vaultId).toBe(a.keyring.vaultId);
    expect(joined.keyring.deviceId).toBe(seen.joiner.deviceId);
    expect(joined.keyring.deviceSignPublicKey).toEqual(seen.joiner.signPk);
    const address = { vaultId: a.keyring.vaultId, kind: 'visit', recordId: 'v1' };
    const sealed = encryptRecord(a.keyring, address, utf8Encode('bonjour'));
    expect(decryptRecord(joined.keyring, address, sealed)).toEqual(utf8Encode('bonjour'));

    // B, signing with its new keys, reads the log and finds itself added by A.
    const relayB = clientFor(joined.keyring, fetchImpl);
    const log = await verifyJoinedDeviceLog(joined.keyring, joined.pin, await relayB.deviceLog());
    expect([...log.members.keys()].sort()).toEqual(
      [a.keyring.deviceId, joined.keyring.deviceId].sort(),
    );
    expect(log.entries[pin.seq]?.signer).toBe(a.keyring.deviceId);
    expect(log.members.get(joined.keyring.deviceId)?.name).toBe('Comptoir 2');
  });

  it('refuses a second joiner on the same code: the mailbox is one-shot', async () => {
    const { code, mailbox } = await pairingUpToSas();
    const error = await expectPairingError(
      joinWithCode(code, { name: 'Intrus', putMailbox: mailbox.putMailbox }),
      'mailbox-used',
    );
    expect(error.message).toMatch(/déjà servi/);
  });

  it('lets A detect a join request sealed under another secret', async () => {
    const { fetchImpl } = inProcessRelay();
    const a = await deviceA(fetchImpl);
    const { code, session } = startPairing({ keyring: a.keyring, relayUrl: RELAY_URL });
    const parsed = parsePairingCode(code);
    const forged = encodePairingCode({ ...parsed, secret: new Uint8Array(32).fill(7) });
    const mailbox = createPairingMailbox(RELAY_URL, fetchImpl);
    await joinWithCode(forged, { name: 'Intrus', putMailbox: mailbox.putMailbox });
    const error = await expectPairingError(
      awaitJoiner(session, { takeMailbox: a.relay.takeMailbox, ...FAST }),
      'integrity',
    );
    expect(error.message).toMatch(/n'est pas authentique/);
  });

  it('makes B refuse a tampered or foreign keyring answer, in French', async () => {
    const { a, session, mailbox, b } = await pairingUpToSas();
    const seen = await awaitJoiner(session, { takeMailbox: a.relay.takeMailbox, ...FAST });
    await approveJoiner(session, seen.joiner, { relay: a.relay, keyring: a.keyring });
    const answer = await mailbox.takeMailbox(session.answerMailboxId);
    if (!answer) throw new Error('no answer');
    answer[40] = (answer[40] ?? 0) ^ 1;
    await mailbox.putMailbox(session.answerMailboxId, answer);
    const error = await expectPairingError(
      awaitKeyring(b.joinSession, { takeMailbox: mailbox.takeMailbox, ...FAST }),
      'integrity',
    );
    expect(error.message).toMatch(/^Le message d'appairage reçu n'est pas authentique/);
  });

  it('makes B refuse a log whose pinned entry differs (relay substituting history)', async () => {
    const { fetchImpl, a, session, mailbox, b } = await pairingUpToSas();
    const seen = await awaitJoiner(session, { takeMailbox: a.relay.takeMailbox, ...FAST });
    await approveJoiner(session, seen.joiner, { relay: a.relay, keyring: a.keyring });
    const joined = await awaitKeyring(b.joinSession, { takeMailbox: mailbox.takeMailbox, ...FAST });
    const entries = await clientFor(joined.keyring, fetchImpl).deviceLog();
    await expectPairingError(
      verifyJoinedDeviceLog(joined.keyring, { ...joined.pin, hash: '0'.repeat(64) }, entries),
      'not-member',
    );
    await expectPairingError(
      verifyJoinedDeviceLog(joined.keyring, { ...joined.pin, seq: 0 }, entries),
      'not-member',
    );
  });

  it('adds B only once when approval is retried', async () => {
    const { fetchImpl, a, session, mailbox, b } = await pairingUpToSas();
    const seen = await awaitJoiner(session, { takeMailbox: a.relay.takeMailbox, ...FAST });
    const first = await approveJoiner(session, seen.joiner, { relay: a.relay, keyring: a.keyring });
    await mailbox.takeMailbox(session.answerMailboxId); // the answer is lost on the way
    const second = await approveJoiner(session, seen.joiner, {
      relay: a.relay,
      keyring: a.keyring,
    });
    expect(second).toEqual(first);
    const joined = await awaitKeyring(b.joinSession, { takeMailbox: mailbox.takeMailbox, ...FAST });
    const entries = await clientFor(joined.keyring, fetchImpl).deviceLog();
    expect(entries).toHaveLength(2);
  });

  it('stops waiting when cancelled or after the 10-minute expiry', async () => {
    const { fetchImpl } = inProcessRelay();
    const a = await deviceA(fetchImpl);
    const { session } = startPairing({ keyring: a.keyring, relayUrl: RELAY_URL });
    const controller = new AbortController();
    const waiting = awaitJoiner(session, {
      takeMailbox: a.relay.takeMailbox,
      signal: controller.signal,
      pollMs: 50,
    });
    controller.abort();
    await expectPairingError(waiting, 'aborted');
    const later = () => session.expiresAt;
    await expectPairingError(
      awaitJoiner(session, { takeMailbox: a.relay.takeMailbox, now: later, ...FAST }),
      'expired',
    );
  });
});
