/**
 * Public API of the scanner (camera QR/DataMatrix via html5-qrcode, lazy-loaded). The UI
 * shows `ScanError.message` as is and offers « Coller le code » as the fallback.
 *
 * Nothing here imports html5-qrcode statically (only `import type` and `await import()`
 * inside the functions), so the GS1 parser can share this entry point; the UI still loads
 * it with `import('../../scan')` to keep it out of the first screen.
 */
export { startQrScanner } from './qr-scanner';
export type { QrScanner, QrScannerOptions } from './qr-scanner';
export { decodeQrFromFile } from './decode-file';
export { SCAN_ERROR_MESSAGES, ScanError, isScanError, toScanError } from './scan-errors';
export type { ScanErrorCode } from './scan-errors';
export {
  GS,
  GS1_ERROR_MESSAGES,
  Gs1ParseError,
  isExpired,
  isGs1ParseError,
  isValidGtin,
  parseGs1,
} from './gs1';
export type { Gs1ErrorCode, Gs1Kit, Gs1ParseOptions } from './gs1';
