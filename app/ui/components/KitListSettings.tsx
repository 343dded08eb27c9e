import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { EU_DEVICE_VALUE_SET_ID, type AuditEvent } from '../../domain';
import { describeError } from '../errors';
import { kitCatalog } from '../kit-catalog';
import {
  describeImportError,
  forgetKitList,
  importKitListFile,
  useKitCatalog,
} from '../hooks/kits';
import { useController } from '../hooks/use-controller';
import { useSignal } from '../hooks/store-signal';

/** The audit entry of an import or a return to the built-in list. */
const KIT_LIST_CHANGED: AuditEvent = {
  kind: 'settings-changed',
  details: { settings: ['kit-list'] },
};

/**
 * Which kit list this device uses, and the import of the official EU list (JSON value set
 * "covid-19-lab-test-manufacturer-and-name"). A refused file changes nothing. The list is
 * per device; the kits remembered for box codes are shared. Titulaire only.
 */
export function KitListSettings(): JSX.Element {
  const controller = useController();
  const session = useSignal(controller.session);
  const { catalog, error: loadError } = useKitCatalog(controller);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const isAdmin = session?.staff.role === 'admin';

  const run = async (action: () => Promise<string>, describe: (e: unknown) => string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await action());
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };
  const importFrom = (input: HTMLInputElement): void => {
    const file = input.files?.[0];
    if (!file) return;
    void run(async () => {
      const list = await importKitListFile(controller, file);
      await controller.audit.log(KIT_LIST_CHANGED);
      return `Liste importée. En usage : ${kitCatalog(list).label}.`;
    }, describeImportError).finally(() => {
      input.value = ''; // the same file can be chosen again
    });
  };
  const forget = (): void =>
    void run(async () => {
      await forgetKitList(controller);
      await controller.audit.log(KIT_LIST_CHANGED);
      return `En usage : ${kitCatalog(null).label}.`;
    }, describeError);

  return (
    <section class="stack" aria-labelledby="kit-list-title">
      <h3 id="kit-list-title">Liste des tests antigéniques</h3>
      <p>
        Liste utilisée sur cet appareil : <strong>{catalog.label}</strong>
      </p>
      {loadError && (
        <p class="banner banner--error" role="alert">
          {loadError}
        </p>
      )}
      <div class="field">
        <label for="kit-list-file">Importer la liste officielle (JSON)</label>
        <p class="field__hint" id="kit-list-file-hint">
          Le fichier « {EU_DEVICE_VALUE_SET_ID}.json » publié par l'UE. Les tests retirés restent
          affichés pour les visites passées mais ne peuvent plus être choisis. La liste vaut pour
          cet appareil ; les boîtes déjà reconnues le sont sur tous les appareils.
        </p>
        <input
          id="kit-list-file"
          type="file"
          accept="application/json,.json"
          aria-describedby="kit-list-file-hint"
          disabled={!isAdmin || busy}
          onChange={(e) => importFrom(e.currentTarget)}
        />
      </div>
      {error && (
        <p class="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <div role="status" aria-live="polite">
        {done && <p class="banner banner--ok">{done}</p>}
      </div>
      {catalog.imported && (
        <button class="btn" type="button" disabled={!isAdmin || busy} onClick={forget}>
          Revenir à la liste intégrée
        </button>
      )}
    </section>
  );
}
