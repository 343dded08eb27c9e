/**
 * Public API of the scanner (camera QR/DataMatrix via html5-qrcode, lazy-loaded). The UI
 * shows `ScanError.message` as is and offers « Coller le code » as the fallback.
 */
export { startQrScanner } from './qr-scanner';
export type { QrScanner, QrScannerOptions } from './qr-scanner';
export { decodeQrFromFile } from './decode-file';
export { SCAN_ERROR_MESSAGES, ScanError, isScanError, toScanError } from './scan-errors';
export type { ScanErrorCode } from './scan-errors';
