import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';
import { useSignal } from '../hooks/store-signal';
import { TextField } from './Field';
import { QrCode } from './QrCode';

/**
 * The pharmacy's devices: turn sync on (register the vault on the relay), list the devices
 * of the verified device log, pair a new one (QR + code to paste, 6-digit comparison), and
 * remove a lost one (titulaire only, after a confirmation saying what it does and not).
 */
export function DevicesPanel(props: { onClose: () => void }): JSX.Element {
  const controller = useController();
  const view = useSignal(controller.sync.view);
  const pairing = useSignal(controller.sync.pairing);
  const [relayUrl, setRelayUrl] = useState(location.origin);
  const [deviceName, setDeviceName] = useState('Comptoir 1');
  const enable = useAction(() => controller.sync.enable(relayUrl.trim(), deviceName.trim()));
  const approve = useAction(() => controller.sync.approve());
  const session = useSignal(controller.session);
  const isAdmin = session?.staff.role === 'admin';
  const [confirming, setConfirming] = useState<string | null>(null);
  const revoke = useAction(async () => {
    if (confirming === null) return;
    await controller.sync.revoke(confirming);
    setConfirming(null);
  });
  const nameOf = (id: string) => view.devices.find((d) => d.id === id)?.name ?? '';
  useEffect(() => () => controller.sync.cancelPairing(), [controller]);

  return (
    <section class="panel" aria-labelledby="devices-title">
      <header class="panel__header">
        <h2 id="devices-title">Appareils et synchronisation</h2>
        <button class="btn btn--ghost" type="button" onClick={props.onClose}>
          Fermer
        </button>
      </header>
      {!view.enabled ? (
        <form
          class="stack"
          autoComplete="off"
          onSubmit={(e) => {
            e.preventDefault();
            void enable.run();
          }}
        >
          <p>
            Cet appareil fonctionne seul. Pour partager les visites avec d'autres appareils de
            l'officine, activez la synchronisation : le relais ne reçoit que des données chiffrées
            qu'il ne peut pas lire.
          </p>
          <TextField
            name="relayUrl"
            idPrefix="sync"
            label="Adresse du relais"
            value={relayUrl}
            onInput={(_, v) => setRelayUrl(v)}
          />
          <TextField
            name="deviceName"
            idPrefix="sync"
            label="Nom de cet appareil"
            value={deviceName}
            onInput={(_, v) => setDeviceName(v)}
          />
          {enable.error && (
            <p class="banner banner--error" role="alert">
              {enable.error}
            </p>
          )}
          <button class="btn btn--primary" type="submit" disabled={enable.busy}>
            Activer la synchronisation
          </button>
        </form>
      ) : (
        <>
          <p>Relais : {view.relayUrl}</p>
          <ul class="staff-list" aria-label="Appareils de l'officine">
            {view.devices.map((d) => (
              <li key={d.id} class="device-row">
                <span>
                  {d.name}
                  {d.self ? ' (cet appareil)' : ''}
                  {d.revoked ? ' — retiré' : ''}
                </span>
                {isAdmin && !d.self && !d.revoked && confirming !== d.id && (
                  <button class="btn btn--ghost" type="button" onClick={() => setConfirming(d.id)}>
                    Retirer « {d.name} »
                  </button>
                )}
              </li>
            ))}
          </ul>
          {confirming !== null && (
            <div
              class="stack banner banner--warn"
              role="alertdialog"
              aria-labelledby="revoke-title"
            >
              <p id="revoke-title">
                Retirer « {nameOf(confirming)} » de l'officine ? Le serveur refusera désormais ses
                demandes et les autres appareils ignoreront ce qu'il enverrait. Ce qu'il contient
                déjà reste lisible par qui peut le déverrouiller : s'il est perdu ou volé, changez
                aussi les phrases de passe du personnel.
              </p>
              {revoke.error && (
                <p class="banner banner--error" role="alert">
                  {revoke.error}
                </p>
              )}
              <div class="actions">
                <button class="btn" type="button" onClick={() => setConfirming(null)}>
                  Annuler
                </button>
                <button
                  class="btn btn--danger"
                  type="button"
                  disabled={revoke.busy}
                  onClick={() => void revoke.run()}
                >
                  Retirer cet appareil
                </button>
              </div>
            </div>
          )}
          {pairing.step === 'idle' && (
            <button
              class="btn btn--primary"
              type="button"
              onClick={() => void controller.sync.beginPairing()}
            >
              Ajouter un appareil
            </button>
          )}
          {pairing.step === 'waiting' && (
            <div class="stack pairing">
              <p>
                Sur le nouvel appareil, choisissez « Rejoindre une officine existante » puis scannez
                ce code (ou copiez le texte dessous).
              </p>
              <QrCode value={pairing.code} label="Code d'appairage" />
              <label class="field">
                <span>Code à coller</span>
                <textarea
                  class="pairing__code"
                  readOnly
                  rows={3}
                  value={pairing.code}
                  data-testid="pairing-code"
                />
              </label>
              <p role="status">En attente du nouvel appareil…</p>
              <button class="btn" type="button" onClick={() => controller.sync.cancelPairing()}>
                Annuler
              </button>
            </div>
          )}
          {pairing.step === 'compare' && (
            <div class="stack pairing">
              <p>
                « {pairing.joinerName} » demande à rejoindre l'officine. Vérifiez que son écran
                affiche le même code :
              </p>
              <p class="sas" data-testid="pairing-sas">
                {pairing.sas.slice(0, 3)} {pairing.sas.slice(3)}
              </p>
              {approve.error && (
                <p class="banner banner--error" role="alert">
                  {approve.error}
                </p>
              )}
              <div class="actions">
                <button class="btn" type="button" onClick={() => controller.sync.cancelPairing()}>
                  Les codes sont différents : annuler
                </button>
                <button
                  class="btn btn--primary"
                  type="button"
                  disabled={approve.busy}
                  onClick={() => void approve.run()}
                >
                  Les codes sont identiques
                </button>
              </div>
            </div>
          )}
          {pairing.step === 'approving' && <p role="status">Ajout de l'appareil…</p>}
          {pairing.step === 'done' && (
            <p class="banner banner--ok" role="status">
              « {pairing.joinerName} » fait maintenant partie de l'officine. Il récupère les
              données.
            </p>
          )}
          {pairing.step === 'failed' && (
            <p class="banner banner--error" role="alert">
              {pairing.message}
            </p>
          )}
        </>
      )}
    </section>
  );
}
