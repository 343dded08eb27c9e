export { buildIntakeEntry, submitIntakeEntry } from './intake-entry';
export {
  PHONE_QR_PREFIX,
  PhoneCodeError,
  decodePhoneEntry,
  encodePhoneEntry,
  importPhoneCode,
} from './phone-qr';
export type { PhoneCodeProblem } from './phone-qr';
export {
  REGISTRATION_PATH,
  parseRegistrationFragment,
  phoneRegistrationCode,
  registrationUrl,
} from './phone-link';
export type { RegistrationLink } from './phone-link';
