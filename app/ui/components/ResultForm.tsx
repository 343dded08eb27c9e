import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { RESULT_LABELS_FR, type ResultValue, type TestInfo } from '../../domain';
import { formatCountdown, readingDueAt } from '../timers';

const VALUES: ResultValue[] = ['negative', 'positive', 'invalid'];

/**
 * The reading: three large choices, then an explicit confirmation. Disabled until the
 * kit's reading time has elapsed (an early read gives false negatives).
 */
export function ResultForm(props: {
  test: TestInfo;
  now: number;
  busy: boolean;
  onConfirm: (value: ResultValue) => void;
}): JSX.Element {
  const [choice, setChoice] = useState<ResultValue | null>(null);
  const remaining = readingDueAt(props.test) - props.now;
  if (remaining > 0) {
    return (
      <p class="countdown" role="timer" aria-live="off">
        Lecture possible dans <strong>{formatCountdown(remaining)}</strong>
      </p>
    );
  }
  if (choice !== null) {
    return (
      <div class="stack" role="group" aria-label="Confirmer le résultat">
        <p>
          Confirmez le résultat : <strong>{RESULT_LABELS_FR[choice]}</strong>
        </p>
        <div class="actions">
          <button class="btn btn--large" type="button" onClick={() => setChoice(null)}>
            Changer
          </button>
          <button
            class="btn btn--primary btn--large"
            type="button"
            disabled={props.busy}
            onClick={() => props.onConfirm(choice)}
          >
            Confirmer « {RESULT_LABELS_FR[choice]} »
          </button>
        </div>
      </div>
    );
  }
  return (
    <div class="result-choices" role="group" aria-label="Résultat lu">
      {VALUES.map((value) => (
        <button
          key={value}
          type="button"
          class={`btn btn--large result-choice result-choice--${value}`}
          onClick={() => setChoice(value)}
        >
          {RESULT_LABELS_FR[value]}
        </button>
      ))}
    </div>
  );
}
