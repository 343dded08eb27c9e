import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { localDay } from '../../domain';
import { BackOfficeMenu } from '../components/BackOfficeMenu';
import { lazyPanel } from '../components/LazyPanel';
import { DayList } from '../components/DayList';
import { NewVisitPanel } from '../components/NewVisitPanel';
import { PhoneScanPanel } from '../components/PhoneScanPanel';
import { PortalStatus } from '../components/PortalStatus';
import { RetentionStatus } from '../components/RetentionStatus';
import { SyncStatusBar } from '../components/SyncStatusBar';
import { TimersBar } from '../components/TimersBar';
import { VisitPanel } from '../components/VisitPanel';
import { useController } from '../hooks/use-controller';
import { useNow } from '../hooks/use-now';
import { useSignal } from '../hooks/store-signal';
import { useDayVisits } from '../hooks/use-visits';
import { readingDueAt } from '../timers';

// The back-office panels load on first use: the counter's first screen does not carry them.
const StaffPanel = lazyPanel(() => import('../components/StaffPanel').then((m) => m.StaffPanel));
const SettingsPanel = lazyPanel(() =>
  import('../components/SettingsPanel').then((m) => m.SettingsPanel),
);
const PosterPanel = lazyPanel(() => import('../components/PosterPanel').then((m) => m.PosterPanel));
const DevicesPanel = lazyPanel(() =>
  import('../components/DevicesPanel').then((m) => m.DevicesPanel),
);
const ReportsPanel = lazyPanel(() =>
  import('../components/ReportsPanel').then((m) => m.ReportsPanel),
);
const AuditPanel = lazyPanel(() => import('../components/AuditPanel').then((m) => m.AuditPanel));
const PatientRightsPanel = lazyPanel(() =>
  import('../components/PatientRightsPanel').then((m) => m.PatientRightsPanel),
);

type Panel =
  | { kind: 'none' }
  | { kind: 'visit'; id: string }
  | { kind: 'new' }
  | { kind: 'staff' }
  | { kind: 'settings' }
  | { kind: 'devices' }
  | { kind: 'phone-scan' }
  | { kind: 'poster' }
  | { kind: 'reports' }
  | { kind: 'audit' }
  | { kind: 'rights' };

/** The staff's working screen: running tests, the day's list and the open visit. */
export function CounterScreen(): JSX.Element {
  const controller = useController();
  const session = useSignal(controller.session);
  const now = useNow(1000);
  const day = localDay(new Date(now));
  const list = useDayVisits(controller, day);
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const waiting = list.visits.filter((v) => v.state === 'registered').length;
  useEffect(() => {
    const dues = list.visits.flatMap((v) =>
      v.state === 'sampled' && v.test ? [readingDueAt(v.test)] : [],
    );
    controller.setReadingDue(dues.sort((a, b) => a - b));
  }, [list.visits, controller]);
  const select = (id: string): void => setPanel({ kind: 'visit', id });
  const close = (): void => setPanel({ kind: 'none' });

  return (
    <div class={`counter${panel.kind === 'none' ? '' : ' counter--panel-open'}`}>
      <header class="app-header">
        <div class="app-header__title">
          <h1>{session?.pharmacy.name ?? 'Comptoir'}</h1>
          <p>
            {session?.staff.name} · {list.visits.length} visite(s) aujourd'hui · {waiting} en
            attente
          </p>
        </div>
        <nav class="app-header__actions" aria-label="Actions">
          <button class="btn btn--primary" type="button" onClick={() => setPanel({ kind: 'new' })}>
            Nouvelle visite
          </button>
          <button class="btn" type="button" onClick={() => setPanel({ kind: 'phone-scan' })}>
            Scanner une inscription
          </button>
          <button class="btn" type="button" onClick={() => controller.enterKiosk()}>
            Mode patient
          </button>
          <BackOfficeMenu onOpen={(kind) => setPanel({ kind })} />
          <button class="btn" type="button" onClick={() => controller.lock('manual')}>
            Verrouiller
          </button>
        </nav>
      </header>
      <SyncStatusBar />
      <PortalStatus />
      <RetentionStatus />
      <TimersBar visits={list.visits} now={now} onSelect={select} />
      {list.error && (
        <p class="banner banner--error" role="alert">
          {list.error}
        </p>
      )}
      {list.damaged.length > 0 && (
        <p class="banner banner--warn" role="alert">
          {list.damaged.length} fiche(s) de ce jour ne peuvent pas être ouvertes (donnée endommagée
          ou modifiée). Elles sont conservées telles quelles ; les autres visites ne sont pas
          affectées.
        </p>
      )}
      <div class="counter__body">
        <section class="counter__list" aria-labelledby="day-title">
          <h2 id="day-title" class="visually-hidden">
            Visites du jour
          </h2>
          {list.loading ? (
            <p>Chargement…</p>
          ) : (
            <DayList
              visits={list.visits}
              selectedId={panel.kind === 'visit' ? panel.id : null}
              now={now}
              onSelect={select}
            />
          )}
        </section>
        <div class="counter__panel">
          {panel.kind === 'visit' && <VisitPanel id={panel.id} now={now} onClose={close} />}
          {panel.kind === 'new' && <NewVisitPanel onCreated={select} onCancel={close} />}
          {panel.kind === 'staff' && <StaffPanel onClose={close} />}
          {panel.kind === 'settings' && (
            <SettingsPanel onClose={close} onPoster={() => setPanel({ kind: 'poster' })} />
          )}
          {panel.kind === 'phone-scan' && <PhoneScanPanel onCreated={select} onClose={close} />}
          {panel.kind === 'poster' && <PosterPanel onClose={close} />}
          {panel.kind === 'devices' && <DevicesPanel onClose={close} />}
          {panel.kind === 'reports' && <ReportsPanel onClose={close} />}
          {panel.kind === 'audit' && <AuditPanel onClose={close} />}
          {panel.kind === 'rights' && <PatientRightsPanel onClose={close} />}
          {panel.kind === 'none' && (
            <p class="empty">Choisissez une visite dans la liste ou créez-en une.</p>
          )}
        </div>
      </div>
    </div>
  );
}
