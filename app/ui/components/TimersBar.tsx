import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Visit } from '../../domain';
import { alertDue, formatCountdown, readingDueAt } from '../timers';

/**
 * One countdown per running test (several at once). When a test is due it turns to
 * "À lire", beeps (Web Audio) and vibrates (Vibration API) once.
 */
export function TimersBar(props: {
  visits: readonly Visit[];
  now: number;
  onSelect: (id: string) => void;
}): JSX.Element | null {
  const notified = useRef(new Set<string>());
  const running = props.visits
    .filter((v) => v.state === 'sampled' && v.test)
    .map((v) => ({ visit: v, due: readingDueAt(v.test as NonNullable<Visit['test']>) }))
    .sort((a, b) => a.due - b.due);

  useEffect(() => {
    const dueNow = running.filter((r) => r.due <= props.now && !notified.current.has(r.visit.id));
    if (dueNow.length === 0) return;
    for (const r of dueNow) notified.current.add(r.visit.id);
    alertDue();
  }, [props.now, running]);

  if (running.length === 0) return null;
  return (
    <section class="timers" aria-label="Tests en cours">
      <ul>
        {running.map(({ visit, due }) => {
          const remaining = due - props.now;
          const isDue = remaining <= 0;
          return (
            <li key={visit.id}>
              <button
                type="button"
                class={`timer${isDue ? ' timer--due' : ''}`}
                onClick={() => props.onSelect(visit.id)}
                aria-label={`${visit.identity.birthName} ${visit.identity.firstNames} : ${
                  isDue ? 'à lire maintenant' : `lecture dans ${formatCountdown(remaining)}`
                }`}
              >
                <span class="timer__name">
                  {visit.identity.birthName.toUpperCase()} {visit.identity.firstNames.split(' ')[0]}
                </span>
                <span class="timer__time" role={isDue ? 'alert' : undefined}>
                  {isDue ? 'À lire' : formatCountdown(remaining)}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
