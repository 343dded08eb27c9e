/**
 * What the « Journal d'audit » screen shows, computed without the DOM: the filter form's
 * values turned into a filter, the choices of its lists, and names for devices and staff
 * members (from the verified device log and the staff list; unknown ids shortened).
 */
import {
  AUDIT_KINDS,
  AUDIT_KIND_LABELS_FR,
  auditStaff,
  isAuditKind,
  shortAuditId,
  type AuditEntry,
  type AuditFilter,
  type StaffMember,
} from '../domain';

/** The filter form: '' means "all" / no bound. Days are `YYYY-MM-DD` (`<input type=date>`). */
export interface AuditFilterValues {
  readonly kind: string;
  readonly staffId: string;
  readonly deviceId: string;
  readonly fromDay: string;
  readonly toDay: string;
}

/** The form with no filter. */
export const NO_AUDIT_FILTER: AuditFilterValues = {
  kind: '',
  staffId: '',
  deviceId: '',
  fromDay: '',
  toDay: '',
};

/** One choice of a filter list. */
export interface AuditChoice {
  readonly value: string;
  readonly label: string;
}

/** The filter of the form's values (an empty value filters nothing). */
export function toAuditFilter(values: AuditFilterValues): AuditFilter {
  return {
    ...(isAuditKind(values.kind) ? { kinds: [values.kind] } : {}),
    ...(values.staffId ? { staffId: values.staffId } : {}),
    ...(values.deviceId ? { deviceId: values.deviceId } : {}),
    ...(values.fromDay ? { fromDay: values.fromDay } : {}),
    ...(values.toDay ? { toDay: values.toDay } : {}),
  };
}

/** A device as the sync view lists it. */
export interface NamedDevice {
  readonly id: string;
  readonly name: string;
}

/**
 * The display name of a device: its name in the verified device log, « cet appareil » for
 * this one, else a shortened id.
 */
export function auditDeviceNamer(
  devices: readonly NamedDevice[],
  selfId: string,
): (deviceId: string) => string {
  const names = new Map(devices.map((d) => [d.id, d.name]));
  return (deviceId) => {
    const name = names.get(deviceId);
    if (deviceId === selfId) return name ? `${name} (cet appareil)` : 'Cet appareil';
    return name ?? `Appareil ${shortAuditId(deviceId)}`;
  };
}

/** The staff lookup of the details: current names first, then names seen in entries. */
export function auditStaffNamer(
  staff: readonly StaffMember[],
  entries: readonly AuditEntry[],
): (staffId: string) => string | undefined {
  const names = new Map([...auditStaff(entries), ...staff.map((s) => [s.id, s.name] as const)]);
  return (staffId) => names.get(staffId);
}

const byLabel = (a: AuditChoice, b: AuditChoice): number => a.label.localeCompare(b.label, 'fr');

/** The choices of the three filter lists (each starts with « Tous »). */
export function auditFilterChoices(
  entries: readonly AuditEntry[],
  staff: readonly StaffMember[],
  deviceName: (deviceId: string) => string,
): { kinds: AuditChoice[]; staff: AuditChoice[]; devices: AuditChoice[] } {
  const all: AuditChoice = { value: '', label: 'Tous' };
  const staffName = auditStaffNamer(staff, entries);
  const staffIds = new Set([...staff.map((s) => s.id), ...auditStaff(entries).keys()]);
  const deviceIds = new Set(entries.map((e) => e.deviceId));
  return {
    kinds: [all, ...AUDIT_KINDS.map((k) => ({ value: k, label: AUDIT_KIND_LABELS_FR[k] }))],
    staff: [
      all,
      ...[...staffIds].map((id) => ({ value: id, label: staffName(id) ?? id })).sort(byLabel),
    ],
    devices: [
      all,
      ...[...deviceIds].map((id) => ({ value: id, label: deviceName(id) })).sort(byLabel),
    ],
  };
}
