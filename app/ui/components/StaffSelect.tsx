import type { JSX } from 'preact';
import type { StaffMember } from '../../domain';
import { Field } from './Field';

/** "Membre de l'équipe": picks one staff member (recovery, joining a pharmacy). */
export function StaffSelect(props: {
  id: string;
  staff: readonly StaffMember[];
  value: string;
  onChange: (staffId: string) => void;
}): JSX.Element {
  return (
    <Field id={props.id} label="Membre de l'équipe">
      {(aria) => (
        <select
          {...aria}
          value={props.value}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        >
          {props.staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
