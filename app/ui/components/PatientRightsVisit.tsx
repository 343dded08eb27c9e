import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Visit } from '../../domain';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';
import { erasePatientVisit, logPatientExport, openPatientVisit } from '../hooks/patient-rights';
import { useSignal } from '../hooks/store-signal';
import { PatientExport } from './PatientExport';

/** States whose result has not reached the national portal (and now never will). */
const NOT_TRANSMITTED: readonly Visit['state'][] = [
  'registered',
  'sampled',
  'resulted',
  'queued',
  'rejected',
];

/** Says exactly what erasing does, and asks for an explicit confirmation. */
function EraseConfirmation(props: {
  visit: Visit;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}): JSX.Element {
  const sent = !NOT_TRANSMITTED.includes(props.visit.state);
  return (
    <div class="card no-print" role="group" aria-labelledby="erase-title">
      <h3 id="erase-title">Effacer les données de cette personne ?</h3>
      <ul>
        <li>
          Son identité (noms, prénoms, date et lieu de naissance, adresse, téléphone, e-mail, NIR)
          et le détail de cette visite sont effacés de cet appareil, puis de tous les appareils de
          l’officine à leur prochaine synchronisation.
        </li>
        <li>
          Seuls des décomptes sans identité sont conservés pour les rapports de l’officine (jour,
          test, résultat, qui l’a lu, état de la transmission).
        </li>
        <li>
          {sent
            ? 'Le résultat a déjà été transmis au portail national (SI-DEP) : la copie qu’il détient n’est pas effacée par l’officine.'
            : 'Le résultat n’a pas encore été transmis au portail national (SI-DEP) : il ne le sera pas.'}
        </li>
        <li>L’effacement est définitif et inscrit au journal d’audit.</li>
      </ul>
      <div class="actions">
        <button class="btn" type="button" disabled={props.busy} onClick={props.onCancel}>
          Annuler
        </button>
        <button
          class="btn btn--danger"
          type="button"
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          Confirmer l’effacement
        </button>
      </div>
    </div>
  );
}

/**
 * One visit found by « Droits des patients »: its data as it will be printed, « Imprimer
 * les données du patient » (audited `visit-exported` first) and « Effacer les données du
 * patient » (confirmed, then erased everywhere with `visit-erased`).
 */
export function PatientRightsVisit(props: {
  visitId: string;
  onErased: (visitId: string, erased: boolean) => void;
}): JSX.Element {
  const controller = useController();
  const session = useSignal(controller.session);
  const [visit, setVisit] = useState<Visit | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [printedAt, setPrintedAt] = useState(() => new Date());
  const [printRequests, setPrintRequests] = useState(0);
  const load = useAction(async () => setVisit(await openPatientVisit(controller, props.visitId)));
  const print = useAction(async () => {
    await logPatientExport(controller, props.visitId);
    setPrintedAt(new Date());
    setPrintRequests((n) => n + 1);
  });
  const erase = useAction(async () => {
    props.onErased(props.visitId, await erasePatientVisit(controller, props.visitId));
  });
  useEffect(() => void load.run(), [props.visitId]);
  // Printed once the export shows the new print date (after this render is committed).
  useEffect(() => {
    if (printRequests > 0) window.print();
  }, [printRequests]);

  const error = load.error ?? print.error ?? erase.error;
  if (!visit || !session) {
    return error ? (
      <p class="banner banner--error no-print" role="alert">
        {error}
      </p>
    ) : (
      <p class="no-print">Ouverture…</p>
    );
  }
  return (
    <div class="rights-visit">
      {error && (
        <p class="banner banner--error no-print" role="alert">
          {error}
        </p>
      )}
      {confirming ? (
        <EraseConfirmation
          visit={visit}
          busy={erase.busy}
          onConfirm={() => void erase.run()}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <div class="actions no-print">
          <button
            class="btn btn--primary"
            type="button"
            disabled={print.busy}
            onClick={() => void print.run()}
          >
            Imprimer les données du patient
          </button>
          <button class="btn btn--danger" type="button" onClick={() => setConfirming(true)}>
            Effacer les données du patient
          </button>
        </div>
      )}
      <div class="print-area print-area--screen">
        <PatientExport visit={visit} pharmacy={session.pharmacy} printedAt={printedAt} />
      </div>
    </div>
  );
}
