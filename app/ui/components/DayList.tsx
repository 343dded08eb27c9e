import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { VISIT_STATE_LABELS_FR, type Visit } from '../../domain';
import { formatCountdown, readingDueAt } from '../timers';
import { VirtualList } from './VirtualList';

const ROW_HEIGHT_PX = 64;

/** The day's visits: name, state and waiting time (or the reading countdown). */
export function DayList(props: {
  visits: readonly Visit[];
  selectedId: string | null;
  now: number;
  onSelect: (id: string) => void;
}): JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(480);
  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(() => setHeight(Math.max(200, element.clientHeight)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  if (props.visits.length === 0) {
    return <p class="empty">Aucune visite aujourd'hui pour l'instant.</p>;
  }
  return (
    <div class="daylist" ref={box}>
      <VirtualList
        items={props.visits}
        rowHeight={ROW_HEIGHT_PX}
        height={height}
        label="Visites du jour"
        getKey={(v) => v.id}
        renderRow={(visit) => (
          <button
            type="button"
            class={`visit-row${visit.id === props.selectedId ? ' visit-row--selected' : ''}`}
            aria-current={visit.id === props.selectedId ? 'true' : undefined}
            onClick={() => props.onSelect(visit.id)}
          >
            <span class="visit-row__name">
              {visit.identity.birthName.toUpperCase()} {visit.identity.firstNames}
            </span>
            <span class={`badge badge--${visit.state}`}>{VISIT_STATE_LABELS_FR[visit.state]}</span>
            <span class="visit-row__time">{waitingText(visit, props.now)}</span>
          </button>
        )}
      />
    </div>
  );
}

function waitingText(visit: Visit, now: number): string {
  if (visit.state === 'sampled' && visit.test) {
    const remaining = readingDueAt(visit.test) - now;
    return remaining > 0 ? `lecture dans ${formatCountdown(remaining)}` : 'à lire';
  }
  if (visit.state !== 'registered') return '';
  const minutes = Math.max(0, Math.floor((now - Date.parse(visit.registeredAt)) / 60_000));
  return `attend depuis ${minutes} min`;
}
