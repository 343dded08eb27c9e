import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../errors';

/**
 * Camera scanning of one code (html5-qrcode, loaded only when the button is pressed): the
 * camera stops as soon as a code is read and `onCode` gets its text. A camera failure is
 * shown in French; the caller offers a paste/file fallback next to it.
 */
export function CameraScanner(props: {
  onCode: (text: string) => void;
  /** Button text, e.g. « Scanner le code avec la caméra ». */
  label: string;
  /** Id of the camera box (unique on the page). */
  id: string;
}): JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onCode = useRef(props.onCode);
  onCode.current = props.onCode;
  useEffect(() => {
    if (!active || !box.current) return undefined;
    let stop: (() => Promise<void>) | null = null;
    let cancelled = false;
    setError(null);
    void import('../../scan').then(async ({ startQrScanner, isScanError }) => {
      try {
        const scanner = await startQrScanner(box.current as HTMLElement, (text) => {
          setActive(false);
          onCode.current(text);
        });
        stop = () => scanner.stop();
        if (cancelled) void stop();
      } catch (e) {
        setActive(false);
        setError(isScanError(e) ? e.message : describeError(e));
      }
    });
    return () => {
      cancelled = true;
      void stop?.();
    };
  }, [active]);
  return (
    <div class="stack">
      {!active && (
        <button class="btn" type="button" onClick={() => setActive(true)}>
          {props.label}
        </button>
      )}
      {active && (
        <button class="btn btn--ghost" type="button" onClick={() => setActive(false)}>
          Arrêter la caméra
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
