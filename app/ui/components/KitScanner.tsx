import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { describeError } from '../errors';
import type { KitCodeFeedback } from '../hooks/kits';
import { CameraScanner } from './CameraScanner';
import { Field, PRIVATE_INPUT } from './Field';

/** Scanner messages point to the pairing screen's « Coller le code »: here, the code field. */
function toCodeField(message: string): string {
  return message.replace('« Coller le code »', 'le champ « Code de la boîte »');
}

/**
 * Reads a kit box code (GS1 DataMatrix): « Scanner la boîte » opens the back camera (stopped
 * on « Arrêter la caméra », after a usable code, and when the form goes away); the field
 * « Code de la boîte » takes what a USB / keyboard-wedge scanner types (it ends with Enter)
 * or a pasted or typed code, parenthesised form included. Results are announced.
 */
export function KitScanner(props: {
  onCode: (text: string) => Promise<KitCodeFeedback>;
}): JSX.Element {
  const [code, setCode] = useState('');
  const [feedback, setFeedback] = useState<KitCodeFeedback | null>(null);

  /** Reads a code; true when it was usable (the camera then stops). */
  const read = async (text: string, fromCamera: boolean): Promise<boolean> => {
    let result: KitCodeFeedback;
    try {
      result = await props.onCode(text);
    } catch (error) {
      result = { ok: false, message: describeError(error) };
    }
    setFeedback(result);
    if (result.ok && !fromCamera) setCode('');
    return result.ok;
  };

  const submitCode = (): void => {
    if (code.trim() !== '') void read(code, false);
  };
  const error = feedback && !feedback.ok ? feedback.message : undefined;
  return (
    <div class="kit-scanner stack">
      <CameraScanner
        id="kit-scanner"
        label="Scanner la boîte"
        onCode={(text) => read(text, true)}
        rewordError={toCodeField}
      />
      <Field
        id="t-boxCode"
        label="Code de la boîte"
        hint="Scanner de codes-barres USB, ou code GS1 recopié, par exemple (01)03401234567890(17)261231(10)AB12."
        error={error}
      >
        {(aria) => (
          <div class="kit-scanner__code">
            <input
              {...aria}
              {...PRIVATE_INPUT}
              name="boxCode"
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
              onKeyDown={(e) => {
                // Keyboard-wedge scanners end with Enter: read the code, don't submit the test.
                if (e.key !== 'Enter') return;
                e.preventDefault();
                submitCode();
              }}
            />
            <button class="btn" type="button" onClick={submitCode}>
              Lire le code
            </button>
          </div>
        )}
      </Field>
      <p class="field__hint" role="status" aria-live="polite">
        {feedback?.ok ? feedback.message : ''}
      </p>
    </div>
  );
}
