import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../errors';

/**
 * Camera scanning (html5-qrcode, loaded only when the button is pressed). Each code read
 * goes to `onCode`; the camera then stops, unless `onCode` answers `false` (a refused code:
 * keep looking). A camera failure is shown in French; the caller offers a typed/pasted
 * fallback next to it.
 */
export function CameraScanner(props: {
  /** Gets each code read; answering `false` (or a promise of it) keeps the camera on. */
  onCode: (text: string) => unknown;
  /** Button text, e.g. « Scanner le code avec la caméra ». */
  label: string;
  /** Id of the camera box (unique on the page). */
  id: string;
  /** Rewords a camera error message for this screen (e.g. names its fallback field). */
  rewordError?: (message: string) => string;
}): JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The camera callback outlives renders: always call the latest props.
  const latest = useRef(props);
  latest.current = props;
  useEffect(() => {
    const element = box.current;
    if (!active || !element) return undefined;
    let stop: (() => Promise<void>) | null = null;
    let cancelled = false;
    const fail = (message: string): void => {
      if (cancelled) return;
      setActive(false);
      setError(latest.current.rewordError?.(message) ?? message);
    };
    import('../../scan')
      .then(async ({ startQrScanner, isScanError }) => {
        try {
          const scanner = await startQrScanner(element, (text) => {
            void Promise.resolve(latest.current.onCode(text)).then((keep) => {
              if (keep !== false) setActive(false);
            });
          });
          stop = () => scanner.stop();
          if (cancelled) void stop();
        } catch (e) {
          fail(isScanError(e) ? e.message : describeError(e));
        }
      })
      .catch((e: unknown) => fail(describeError(e)));
    return () => {
      cancelled = true;
      void stop?.();
    };
  }, [active]);
  return (
    <div class="stack">
      {active ? (
        <button class="btn" type="button" onClick={() => setActive(false)}>
          Arrêter la caméra
        </button>
      ) : (
        <button
          class="btn"
          type="button"
          onClick={() => {
            setError(null);
            setActive(true);
          }}
        >
          {props.label}
        </button>
      )}
      <div ref={box} id={props.id} class={active ? 'scanner' : 'scanner scanner--off'} />
      {error && (
        <p class="banner banner--warn" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
