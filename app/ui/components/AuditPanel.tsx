import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  AUDIT_KIND_LABELS_FR,
  describeAuditDetails,
  describeAuditIntegrity,
  filterAuditEntries,
  formatDateTimeFr,
  type AuditEntry,
  type StaffMember,
} from '../../domain';
import type { AuditLog } from '../../store';
import {
  NO_AUDIT_FILTER,
  auditDeviceNamer,
  auditFilterChoices,
  auditStaffNamer,
  toAuditFilter,
} from '../audit-view';
import { downloadText } from '../download';
import { useAction } from '../hooks/use-action';
import { useController } from '../hooks/use-controller';
import { useSignal } from '../hooks/store-signal';
import { AuditFilters } from './AuditFilters';
import { VirtualList } from './VirtualList';

const ROW_HEIGHT_PX = 64;
const LIST_HEIGHT_PX = 480;

/**
 * « Journal d'audit »: every device's entries, newest first, filtered; whether each
 * device's chain is intact; the CSV export (e.g. for a CNIL inquiry). Titulaire only.
 */
export function AuditPanel(props: { onClose: () => void }): JSX.Element {
  const controller = useController();
  const session = useSignal(controller.session);
  const sync = useSignal(controller.sync.view);
  const [log, setLog] = useState<AuditLog | null>(null);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [values, setValues] = useState(NO_AUDIT_FILTER);
  const isAdmin = session?.staff.role === 'admin';
  const load = useAction(async () => {
    setStaff(await controller.staff.list());
    setLog(await controller.audit.read());
  });
  useEffect(() => {
    if (isAdmin) void load.run();
  }, [isAdmin]);
  const deviceName = useMemo(
    () => auditDeviceNamer(sync.devices, controller.meta.deviceId),
    [sync.devices, controller],
  );
  const all = log?.entries ?? [];
  const names = { staff: auditStaffNamer(staff, all), device: deviceName, deviceName };
  const shown = useMemo(() => filterAuditEntries(all, toAuditFilter(values)), [log, values]);
  const save = useAction(async () => {
    const { text, fileName } = await controller.audit.exportCsv(shown, names);
    downloadText(fileName, text, 'text/csv;charset=utf-8');
    setLog(await controller.audit.read()); // the export is an entry too
  });

  return (
    <section class="panel" aria-labelledby="audit-title">
      <header class="panel__header">
        <h2 id="audit-title">Journal d'audit</h2>
        <button class="btn btn--ghost" type="button" onClick={props.onClose}>
          Fermer
        </button>
      </header>
      {!isAdmin ? (
        <p>Seul le titulaire peut consulter le journal d'audit.</p>
      ) : (
        <>
          <p class="field__hint">
            Qui a déverrouillé, consulté, modifié, transmis, exporté ou purgé, sur chaque appareil
            de l'officine. Le journal ne contient aucune donnée de patient.
          </p>
          {load.error && (
            <p class="banner banner--error" role="alert">
              {load.error}
            </p>
          )}
          {log && <IntegrityBanner log={log} deviceName={deviceName} />}
          <AuditFilters
            values={values}
            choices={auditFilterChoices(all, staff, deviceName)}
            onChange={setValues}
          />
          <div class="actions">
            <p role="status">
              {shown.length} entrée(s) sur {all.length}
            </p>
            <button
              class="btn"
              type="button"
              disabled={save.busy || shown.length === 0}
              onClick={() => void save.run()}
            >
              Exporter en CSV
            </button>
          </div>
          {save.error && (
            <p class="banner banner--error" role="alert">
              {save.error}
            </p>
          )}
          {log === null ? (
            <p>Chargement…</p>
          ) : shown.length === 0 ? (
            <p class="empty">Aucune entrée pour ces filtres.</p>
          ) : (
            <VirtualList
              items={shown}
              rowHeight={ROW_HEIGHT_PX}
              height={LIST_HEIGHT_PX}
              label="Entrées du journal d'audit"
              getKey={(e) => `${e.deviceId}.${e.seq}`}
              renderRow={(e) => <AuditRow entry={e} names={names} />}
            />
          )}
        </>
      )}
    </section>
  );
}

function IntegrityBanner(props: {
  log: AuditLog;
  deviceName: (deviceId: string) => string;
}): JSX.Element {
  const integrity = describeAuditIntegrity(props.log.report.devices, props.deviceName);
  if (integrity.ok) {
    return (
      <p class="banner banner--ok" role="status">
        Journal intègre
      </p>
    );
  }
  return (
    <div class="banner banner--warn" role="alert">
      {integrity.lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

function AuditRow(props: {
  entry: AuditEntry;
  names: Parameters<typeof describeAuditDetails>[1] & { deviceName: (id: string) => string };
}): JSX.Element {
  const { entry, names } = props;
  const details = describeAuditDetails(entry, names);
  return (
    <div class="audit-row">
      <span class="audit-row__when">{formatDateTimeFr(entry.at)}</span>
      <strong>{AUDIT_KIND_LABELS_FR[entry.kind]}</strong>
      <span>{entry.staffName ?? '—'}</span>
      <span class="audit-row__device">
        {names.deviceName(entry.deviceId)} · n° {entry.seq}
      </span>
      {details && <span class="audit-row__details">{details}</span>}
    </div>
  );
}
