import type { JSX } from 'preact';
import type { AuditChoice, AuditFilterValues } from '../audit-view';

type Field = keyof AuditFilterValues;

/** The filters of the audit log: event, staff member, device, first and last day. */
export function AuditFilters(props: {
  values: AuditFilterValues;
  choices: { kinds: AuditChoice[]; staff: AuditChoice[]; devices: AuditChoice[] };
  onChange: (values: AuditFilterValues) => void;
}): JSX.Element {
  const set = (field: Field, value: string): void =>
    props.onChange({ ...props.values, [field]: value });
  const list = (field: Field, label: string, choices: AuditChoice[]): JSX.Element => (
    <div class="field">
      <label for={`audit-${field}`}>{label}</label>
      <select
        id={`audit-${field}`}
        value={props.values[field]}
        onChange={(e) => set(field, e.currentTarget.value)}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
  const day = (field: Field, label: string): JSX.Element => (
    <div class="field">
      <label for={`audit-${field}`}>{label}</label>
      <input
        id={`audit-${field}`}
        type="date"
        value={props.values[field]}
        onInput={(e) => set(field, e.currentTarget.value)}
      />
    </div>
  );
  return (
    <fieldset class="audit-filters">
      <legend>Filtrer</legend>
      {list('kind', 'Événement', props.choices.kinds)}
      {list('staffId', 'Membre de l’équipe', props.choices.staff)}
      {list('deviceId', 'Appareil', props.choices.devices)}
      {day('fromDay', 'Du')}
      {day('toDay', 'Au')}
    </fieldset>
  );
}
