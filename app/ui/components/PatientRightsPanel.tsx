import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { VISIT_STATE_LABELS_FR, formatDateFr, type Visit } from '../../domain';
import { useController } from '../hooks/use-controller';
import { usePatientSearch } from '../hooks/patient-rights';
import { Field, PRIVATE_INPUT } from './Field';
import { PatientRightsVisit } from './PatientRightsVisit';

/** « DUPONT (DURAND) Jean Pierre » */
function displayName(visit: Visit): string {
  const id = visit.identity;
  const used = id.usedName ? ` (${id.usedName.toUpperCase()})` : '';
  return `${id.birthName.toUpperCase()}${used} ${id.firstNames}`;
}

/** What the search found, in one French sentence (counts only). */
function summary(found: number, more: boolean, damaged: number): string {
  const head =
    found === 0
      ? 'Aucune visite ne correspond.'
      : more
        ? `Les ${found} visites les plus récentes sont affichées : d’autres correspondent, précisez le prénom ou la date de naissance.`
        : `${found} visite${found > 1 ? 's' : ''} trouvée${found > 1 ? 's' : ''}.`;
  const skipped =
    damaged > 0
      ? ` ${damaged} fiche(s) illisible(s) (donnée endommagée ou modifiée) ont été ignorées.`
      : '';
  return head + skipped;
}

function ResultRow(props: { visit: Visit; selected: boolean; onSelect: () => void }) {
  const { visit } = props;
  return (
    <li>
      <button
        type="button"
        class={`visit-row${props.selected ? ' visit-row--selected' : ''}`}
        aria-current={props.selected ? 'true' : undefined}
        onClick={props.onSelect}
      >
        <span class="visit-row__name">{displayName(visit)}</span>
        <span class={`badge badge--${visit.state}`}>{VISIT_STATE_LABELS_FR[visit.state]}</span>
        <span class="visit-row__time">
          né(e) le {formatDateFr(visit.identity.birthDate)} · visite du {formatDateFr(visit.day)}
        </span>
      </button>
    </li>
  );
}

/**
 * « Droits des patients »: find a person's visits by name or birth date (the unlocked
 * session decrypts them in memory; nothing of the query is kept, logged or audited), then
 * print what the pharmacy holds on one, or erase it. Everything shown lives in this
 * component's state: it is gone when the panel closes or the session locks.
 */
export function PatientRightsPanel(props: { onClose: () => void }): JSX.Element {
  const controller = useController();
  const search = usePatientSearch(controller);
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const submit = (e: Event): void => {
    e.preventDefault();
    setSelected(null);
    setNotice(null);
    void search.search(text);
  };
  const close = (): void => {
    search.clear();
    setText('');
    props.onClose();
  };
  const erased = (visitId: string, done: boolean): void => {
    search.forget(visitId);
    setSelected(null);
    setNotice(
      done
        ? 'Données effacées sur cet appareil ; les autres appareils de l’officine les effacent à leur prochaine synchronisation. Seuls des décomptes sans identité sont conservés.'
        : 'Cette visite avait déjà été effacée (purge ou autre appareil).',
    );
  };
  const result = search.result;
  return (
    <section class="panel" aria-labelledby="rights-title">
      <header class="panel__header no-print">
        <h2 id="rights-title">Droits des patients</h2>
        <button class="btn btn--ghost" type="button" onClick={close}>
          Fermer
        </button>
      </header>
      <p class="no-print">
        Retrouvez la visite d’une personne pour lui remettre ses données ou les effacer à sa
        demande, avant la fin de la durée de conservation. La recherche n’est ni enregistrée ni
        inscrite au journal ; l’impression et l’effacement le sont.
      </p>
      <form class="no-print" role="search" onSubmit={submit} autoComplete="off" noValidate>
        <Field id="rights-query" label="Nom, prénom ou date de naissance">
          {(aria) => (
            <input
              {...aria}
              {...PRIVATE_INPUT}
              type="text"
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="actions">
          <button class="btn btn--primary" type="submit" disabled={search.busy}>
            Rechercher
          </button>
        </div>
      </form>
      <div class="no-print" role="status" aria-live="polite">
        {search.busy && <p>Recherche…</p>}
        {result && <p>{summary(result.visits.length, result.more, result.damaged)}</p>}
        {notice && <p class="banner banner--ok">{notice}</p>}
      </div>
      {search.error && (
        <p class="banner banner--error no-print" role="alert">
          {search.error}
        </p>
      )}
      {result && result.visits.length > 0 && (
        <ul class="rights-results no-print" aria-label="Visites trouvées">
          {result.visits.map((v) => (
            <ResultRow
              key={v.id}
              visit={v}
              selected={v.id === selected}
              onSelect={() => {
                setNotice(null);
                setSelected(v.id);
              }}
            />
          ))}
        </ul>
      )}
      {selected && <PatientRightsVisit key={selected} visitId={selected} onErased={erased} />}
    </section>
  );
}
