/**
 * The camera scanner: a thin wrapper over html5-qrcode 2.3.8, the only place that library
 * is imported (ESLint). It is loaded with `await import()` inside {@link startQrScanner},
 * so its ~330 KB land in their own chunk, fetched only when a camera is opened.
 * @see https://github.com/mebjas/html5-qrcode#usage
 */
import type { Html5Qrcode } from 'html5-qrcode';
import { ScanError, toScanError } from './scan-errors';

/** Options of {@link startQrScanner}. */
export interface QrScannerOptions {
  /** Frames decoded per second (default 10). */
  readonly fps?: number;
  /** Side of the square aiming box, in CSS pixels (default 250). */
  readonly qrboxPx?: number;
}

/** A running scanner. */
export interface QrScanner {
  /** Stops the camera and empties the element. Idempotent; never throws. */
  stop(): Promise<void>;
}

let nextElementId = 0;

/** Html5Qrcode finds its element by id: give one to an element that has none. */
export function ensureElementId(element: HTMLElement): string {
  if (!element.id) {
    nextElementId += 1;
    element.id = `comptoir-scan-${nextElementId}`;
  }
  return element.id;
}

/**
 * Opens the back camera (`facingMode: 'environment'`) inside `element` and calls `onCode`
 * with the text of each QR code or DataMatrix seen (DataMatrix: kit boxes, GS1). The same
 * text seen on consecutive frames is reported once.
 * @param element - an element attached to the document; its content is replaced
 * @param onCode - receives the decoded text (untrusted: parse it)
 * @returns the running scanner; call `stop()` when leaving the screen
 * @throws ScanError 'permission-denied', 'no-camera', 'camera-busy', 'unsupported' or
 *   'camera-unavailable' — every message points to « Coller le code »
 */
export async function startQrScanner(
  element: HTMLElement,
  onCode: (text: string) => void,
  options: QrScannerOptions = {},
): Promise<QrScanner> {
  const { Html5Qrcode, Html5QrcodeSupportedFormats } = await import('html5-qrcode');
  let scanner: Html5Qrcode;
  try {
    scanner = new Html5Qrcode(ensureElementId(element), {
      verbose: false,
      formatsToSupport: [
        Html5QrcodeSupportedFormats.QR_CODE,
        Html5QrcodeSupportedFormats.DATA_MATRIX,
      ],
    });
  } catch (cause) {
    throw new ScanError('camera-unavailable', { cause });
  }
  let last: string | undefined;
  const size = options.qrboxPx ?? 250;
  try {
    await scanner.start(
      { facingMode: 'environment' },
      { fps: options.fps ?? 10, qrbox: { width: size, height: size } },
      (text) => {
        if (text === last) return;
        last = text;
        onCode(text);
      },
      // Called on every frame without a code: not an error worth reporting.
      () => undefined,
    );
  } catch (error) {
    throw toScanError(error);
  }
  let stopped: Promise<void> | undefined;
  return {
    stop: () => {
      stopped ??= stopScanner(scanner);
      return stopped;
    },
  };
}

async function stopScanner(scanner: Html5Qrcode): Promise<void> {
  try {
    if (scanner.isScanning) await scanner.stop();
    scanner.clear();
  } catch (error) {
    // Stopping an already-ended stream must not break leaving the screen.
    console.warn('QR scanner did not stop cleanly', toScanError(error).code);
  }
}
