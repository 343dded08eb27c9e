/**
 * The pure domain layer of Comptoir: the visit model, its states, and the validation
 * shared by the kiosk and staff forms. No I/O, no clock, no DOM: callers pass `today` and
 * `now` in.
 */
export * from './address';
export * from './audit';
export * from './audit-chain';
export * from './audit-csv';
export * from './audit-filter';
export * from './audit-text';
export * from './common-passwords';
export * from './context';
export * from './csv';
export * from './dates';
export * from './day';
export * from './errors';
export * from './eu-devices';
export * from './field-labels';
export * from './fhir';
export * from './identity';
export * from './kit-link';
export * from './kit-scan';
export * from './kits';
export * from './luhn';
export * from './messages';
export * from './month';
export * from './name-search';
export * from './nir';
export * from './passphrase';
export * from './phone';
export * from './report-csv';
export * from './reports';
export * from './result';
export * from './retention';
export * from './epochs';
export * from './tally';
export * from './test-info';
export * from './text-fields';
export * from './visit';
export * from './visit-state';
export * from './sync';
