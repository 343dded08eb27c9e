import type { JSX } from 'preact';
import type { Visit } from '../../domain';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';
import { useSignal } from '../hooks/store-signal';

const dateTime = (iso: string): string =>
  new Date(iso).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

/** Where the result stands with the national portal, and what staff can do about it. */
export function TransmissionSection(props: { visit: Visit }): JSX.Element | null {
  const controller = useController();
  const view = useSignal(controller.portal.view);
  const send = useAction(async () => {
    await controller.portal.queue(props.visit);
    const details = { visitId: props.visit.id, part: 'transmission' } as const;
    await controller.audit.log({ kind: 'visit-edited', details });
  });
  const { visit } = props;
  const t = visit.transmission;
  if (!['resulted', 'queued', 'transmitted', 'rejected'].includes(visit.state)) return null;
  return (
    <section aria-labelledby="transmission-title">
      <h3 id="transmission-title">Transmission au portail national (SI-DEP)</h3>
      {visit.state === 'resulted' && (
        <>
          <p>
            {view.settings.mode === 'confirm'
              ? 'Résultat prêt : vérifiez la fiche puis transmettez-le.'
              : 'Résultat enregistré, pas encore en file d’envoi.'}
          </p>
          <button
            class="btn btn--primary"
            type="button"
            disabled={send.busy || !view.configured}
            onClick={() => void send.run()}
          >
            Transmettre au portail
          </button>
        </>
      )}
      {visit.state === 'queued' && (
        <p>
          En attente d'envoi{t && t.attempts > 0 ? ` (tentatives : ${t.attempts})` : ''}.
          {t?.lastError ? ` Dernier incident : ${t.lastError}` : ''}
        </p>
      )}
      {visit.state === 'transmitted' && t?.transmittedAt && (
        <p>
          Transmis le {dateTime(t.transmittedAt)} — accusé de réception du portail :{' '}
          <code>{t.receipt}</code>
        </p>
      )}
      {visit.state === 'rejected' && (
        <>
          <p class="banner banner--error" role="alert">
            Refusé par le portail : {t?.lastError ?? 'motif non communiqué.'}
          </p>
          <p>Corrigez la fiche (identité ou test), puis renvoyez-la.</p>
          <button
            class="btn btn--primary"
            type="button"
            disabled={send.busy}
            onClick={() => void send.run()}
          >
            Renvoyer au portail
          </button>
        </>
      )}
      {send.error && (
        <p class="banner banner--error" role="alert">
          {send.error}
        </p>
      )}
    </section>
  );
}
