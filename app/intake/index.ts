export { buildIntakeEntry, submitIntakeEntry } from './intake-entry';
