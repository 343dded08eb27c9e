import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { checkContext, checkIdentity, EMPTY_CONTEXT, type ContextValues } from '../form-validation';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';
import { createCounterVisit } from '../hooks/use-visits';
import { ContextForm } from './ContextForm';
import { EMPTY_IDENTITY, IdentityForm, type IdentityValues } from './IdentityForm';

/** Staff types a visit in directly at the counter (no patient-mode step). */
export function NewVisitPanel(props: {
  onCreated: (id: string) => void;
  onCancel: () => void;
}): JSX.Element {
  const controller = useController();
  const [identity, setIdentity] = useState<IdentityValues>(EMPTY_IDENTITY);
  const [context, setContext] = useState<ContextValues>(EMPTY_CONTEXT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useAction(async () => {
    const checkedIdentity = checkIdentity(identity, 'fr');
    const checkedContext = checkContext(
      context,
      checkedIdentity.identity?.birthDate ?? identity.birthDate ?? '',
      'fr',
    );
    setErrors({ ...checkedIdentity.errors, ...checkedContext.errors });
    if (!checkedIdentity.identity || !checkedContext.context) return;
    const visit = await createCounterVisit(
      controller,
      checkedIdentity.identity,
      checkedContext.context,
    );
    props.onCreated(visit.id);
  });
  return (
    <section class="panel" aria-labelledby="new-visit-title">
      <header class="panel__header">
        <h2 id="new-visit-title">Nouvelle visite</h2>
        <button class="btn btn--ghost" type="button" onClick={props.onCancel}>
          Annuler
        </button>
      </header>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create.run();
        }}
        autoComplete="off"
        noValidate
      >
        <IdentityForm
          values={identity}
          errors={errors}
          lang="fr"
          idPrefix="nv"
          onInput={(n, v) => setIdentity({ ...identity, [n]: v })}
        />
        <ContextForm
          values={context}
          errors={errors}
          birthDate={identity.birthDate ?? ''}
          lang="fr"
          idPrefix="nv"
          onChange={setContext}
        />
        {create.error && (
          <p class="banner banner--error" role="alert">
            {create.error}
          </p>
        )}
        <div class="actions">
          <button class="btn btn--primary btn--large" type="submit" disabled={create.busy}>
            Enregistrer la visite
          </button>
        </div>
      </form>
    </section>
  );
}
