import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useController } from '../hooks/use-controller';
import { useNow } from '../hooks/use-now';
import { useSignal } from '../hooks/store-signal';
import { alertDue, formatCountdown } from '../timers';

/**
 * Reading timers while locked: counts only, no name (the keys are gone, and a patient may
 * be looking). Beeps when a test becomes due, so an idle lock never hides a reading.
 */
export function LockedTimers(): JSX.Element | null {
  const controller = useController();
  const dues = useSignal(controller.readingDue);
  const now = useNow(1000);
  const alerted = useRef(new Set<number>());
  const due = dues.filter((d) => d <= now);
  useEffect(() => {
    const fresh = due.filter((d) => !alerted.current.has(d));
    if (fresh.length === 0) return;
    for (const d of fresh) alerted.current.add(d);
    alertDue();
  }, [due.length]);
  if (dues.length === 0) return null;
  const next = dues.filter((d) => d > now).sort((a, b) => a - b)[0];
  return (
    <p class={`banner ${due.length > 0 ? 'banner--warn' : ''}`} role="status">
      {due.length > 0 && <strong>{due.length} test(s) à lire. </strong>}
      {next !== undefined && `Prochaine lecture dans ${formatCountdown(next - now)}. `}
      Déverrouillez pour voir les patients.
    </p>
  );
}
