import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  correctIdentity,
  findKit,
  formatDateFr,
  recordResult,
  recordTest,
  RESULT_LABELS_FR,
  VISIT_STATE_LABELS_FR,
  type AuditEvent,
  type Identity,
  type ResultValue,
  type TestInfo,
  type Visit,
} from '../../domain';
import { checkIdentity } from '../form-validation';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';
import { useSignal } from '../hooks/store-signal';
import { readVisit, saveVisit } from '../hooks/use-visits';
import { IdentityForm, type IdentityValues } from './IdentityForm';
import { ResultForm } from './ResultForm';
import { ResultSlip } from './ResultSlip';
import { ReviewList } from './ReviewList';
import { TestForm } from './TestForm';
import { TransmissionSection } from './TransmissionSection';

/** One visit: identity (view/correct), test, reading timer, result, slip. */
export function VisitPanel(props: { id: string; now: number; onClose: () => void }): JSX.Element {
  const controller = useController();
  const session = useSignal(controller.session);
  const revision = useSignal(controller.revision);
  const [visit, setVisit] = useState<Visit | null>(null);
  const [editing, setEditing] = useState(false);
  const load = useAction(async () => setVisit(await readVisit(controller, props.id)));
  const portal = useSignal(controller.portal.view);
  const save = useAction(async (next: Visit, event: AuditEvent) => {
    await saveVisit(controller, next, event);
    setVisit(next);
    // "Automatique" mode: a recorded result goes straight into the persistent queue.
    if (next.state === 'resulted' && portal.configured && portal.settings.mode === 'auto') {
      setVisit(await controller.portal.queue(next));
    }
  });
  useEffect(() => {
    void load.run();
  }, [props.id, revision]);
  useEffect(() => {
    void controller.audit.log({ kind: 'visit-viewed', details: { visitId: props.id } });
  }, [controller, props.id]);

  if (!visit || !session) {
    return (
      <section class="panel" aria-busy={!load.error}>
        {load.error ? (
          <p class="banner banner--error" role="alert">
            {load.error}
          </p>
        ) : (
          <p>Ouverture…</p>
        )}
      </section>
    );
  }
  const now = new Date(props.now);
  const visitId = visit.id;
  const onTest = (test: TestInfo): void =>
    void save.run(recordTest(visit, test, now), {
      kind: 'visit-edited',
      details: { visitId, part: 'test' },
    });
  const onResult = (value: ResultValue): void =>
    void save.run(
      recordResult(visit, {
        value,
        readAt: now.toISOString(),
        readBy: { staffId: session.staff.id, name: session.staff.name, rpps: session.staff.rpps },
      }),
      { kind: 'result-recorded', details: { visitId } },
    );
  const onIdentity = async (identity: Identity): Promise<void> => {
    const event = { kind: 'visit-edited', details: { visitId, part: 'identity' } } as const;
    if (await save.run(correctIdentity(visit, identity, now), event)) setEditing(false);
  };

  return (
    <section class="panel" aria-labelledby="visit-title">
      <header class="panel__header">
        <h2 id="visit-title">
          {visit.identity.birthName.toUpperCase()} {visit.identity.firstNames}
        </h2>
        <span class={`badge badge--${visit.state}`}>{VISIT_STATE_LABELS_FR[visit.state]}</span>
        <button class="btn btn--ghost" type="button" onClick={props.onClose}>
          Fermer
        </button>
      </header>
      {save.error && (
        <p class="banner banner--error" role="alert">
          {save.error}
        </p>
      )}
      <section aria-labelledby="identity-title">
        <h3 id="identity-title">Identité</h3>
        {editing ? (
          <IdentityEditor
            visit={visit}
            busy={save.busy}
            onSave={onIdentity}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <>
            <ReviewList identity={visit.identity} lang="fr" />
            {visit.context.guardianName && <p>Représentant légal : {visit.context.guardianName}</p>}
            <p>
              Symptômes :{' '}
              {visit.context.symptomOnset
                ? `depuis le ${formatDateFr(visit.context.symptomOnset)}`
                : 'aucun'}
            </p>
            {['registered', 'sampled', 'resulted', 'rejected'].includes(visit.state) && (
              <button class="btn" type="button" onClick={() => setEditing(true)}>
                Corriger l'identité
              </button>
            )}
          </>
        )}
      </section>
      <section aria-labelledby="test-title">
        <h3 id="test-title">Test</h3>
        {visit.state === 'registered' ? (
          <TestForm busy={save.busy} onSubmit={onTest} />
        ) : visit.test ? (
          <p>
            {findKit(visit.test.kitId)?.name ?? visit.test.kitName} (réf. UE {visit.test.kitId}),
            lot {visit.test.lot}, péremption {formatDateFr(visit.test.expiry)} — prélevé à{' '}
            {new Date(visit.test.sampledAt).toLocaleTimeString('fr-FR', { timeStyle: 'short' })}
          </p>
        ) : null}
      </section>
      {visit.test && (
        <section aria-labelledby="result-title">
          <h3 id="result-title">Résultat</h3>
          {visit.state === 'sampled' ? (
            <ResultForm test={visit.test} now={props.now} busy={save.busy} onConfirm={onResult} />
          ) : visit.result ? (
            <>
              <p class={`result result--${visit.result.value}`}>
                {RESULT_LABELS_FR[visit.result.value]} — lu par {visit.result.readBy.name}
              </p>
              <button class="btn btn--primary" type="button" onClick={() => window.print()}>
                Imprimer le justificatif
              </button>
              <div class="print-area">
                <ResultSlip visit={visit} pharmacy={session.pharmacy} />
              </div>
            </>
          ) : null}
        </section>
      )}
      <TransmissionSection visit={visit} />
    </section>
  );
}

function IdentityEditor(props: {
  visit: Visit;
  busy: boolean;
  onSave: (identity: Identity) => void;
  onCancel: () => void;
}): JSX.Element {
  const [values, setValues] = useState<IdentityValues>(() => toValues(props.visit.identity));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (e: Event): void => {
    e.preventDefault();
    const checked = checkIdentity(values, 'fr');
    setErrors(checked.errors);
    if (checked.identity) props.onSave(checked.identity);
  };
  return (
    <form onSubmit={submit} autoComplete="off" noValidate>
      <IdentityForm
        values={values}
        errors={errors}
        lang="fr"
        idPrefix="edit"
        onInput={(n, v) => setValues({ ...values, [n]: v })}
      />
      <div class="actions">
        <button class="btn" type="button" onClick={props.onCancel}>
          Annuler
        </button>
        <button class="btn btn--primary" type="submit" disabled={props.busy}>
          Enregistrer l'identité
        </button>
      </div>
    </form>
  );
}

function toValues(identity: Identity): IdentityValues {
  const values: IdentityValues = {};
  for (const [key, value] of Object.entries(identity)) values[key] = value ?? '';
  return values;
}
