/**
 * FHIR `dateTime`/`instant` need seconds whenever a time is given
 * (https://hl7.org/fhir/R4/datatypes.html#dateTime), while the visit accepts `hh:mm`
 * (see `test-info.ts`). This adds `:00` to such a value and leaves any other unchanged.
 */
const WITHOUT_SECONDS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})$/;

/** `value` with `:00` seconds added when it has hours and minutes only. */
export function toFhirDateTime(value: string): string {
  return value.replace(WITHOUT_SECONDS, '$1:00$2');
}
