/**
 * The FHIR R4 mapping of a visit for the national screening portal (SI-DEP stand-in):
 * the transaction Bundle sent, and the reading of what the portal answers. Pure: no I/O,
 * no clock; FHIR types only (`@medplum/fhirtypes`), no FHIR library at run time.
 */
export * from './entry-uuids';
export * from './fhir-mapping-error';
export * from './observation';
export * from './operation-outcome';
export * from './participants';
export * from './patient';
export * from './result-bundle';
export * from './sample';
export * from './systems';
export * from './transaction-response';
export * from './transmission-errors';
