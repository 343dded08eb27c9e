import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A back-office panel whose code is loaded the first time it opens, so the counter's first
 * screen does not carry it (the service worker precaches every chunk: it opens offline too).
 * While loading it says so; if the chunk cannot be loaded it says what to do and can be
 * closed.
 */
export function lazyPanel<P extends { onClose: () => void }>(
  load: () => Promise<ComponentType<P>>,
): (props: P) => JSX.Element {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function LazyPanel(props: P): JSX.Element {
    // An initializer: useState would call a component given as the initial value itself.
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (component) return;
      let live = true;
      pending ??= load();
      pending.then(
        (c) => {
          loaded = c;
          if (live) setComponent(() => c);
        },
        () => {
          pending = null; // the next opening tries again
          if (live) setFailed(true);
        },
      );
      return () => {
        live = false;
      };
    }, [component]);
    if (component) {
      const Loaded = component;
      return <Loaded {...props} />;
    }
    if (failed) {
      return (
        <section class="panel stack">
          <p class="banner banner--error" role="alert">
            Ce panneau n’a pas pu être chargé. Vérifiez la connexion, puis rouvrez-le.
          </p>
          <button class="btn" type="button" onClick={props.onClose}>
            Fermer
          </button>
        </section>
      );
    }
    return (
      <p class="panel" role="status">
        Chargement…
      </p>
    );
  };
}
