/**
 * Upload fallback of the scanner: reads a QR code or DataMatrix from a photo
 * (html5-qrcode `scanFile`, lazy-loaded like the camera).
 */
import { ScanError } from './scan-errors';
import { ensureElementId } from './qr-scanner';

/**
 * Decodes the first QR code or DataMatrix found in an image file.
 * @param file - an image chosen by the user (`<input type="file" accept="image/*">`)
 * @returns the decoded text (untrusted: parse it)
 * @throws ScanError 'no-code-found' when the image holds no readable code
 */
export async function decodeQrFromFile(file: File): Promise<string> {
  const { Html5Qrcode, Html5QrcodeSupportedFormats } = await import('html5-qrcode');
  // scanFile draws on canvases appended to its element: use a hidden, temporary one.
  const host = document.createElement('div');
  host.hidden = true;
  document.body.append(host);
  try {
    const scanner = new Html5Qrcode(ensureElementId(host), {
      verbose: false,
      formatsToSupport: [
        Html5QrcodeSupportedFormats.QR_CODE,
        Html5QrcodeSupportedFormats.DATA_MATRIX,
      ],
    });
    return await scanner.scanFile(file, false);
  } catch (cause) {
    throw new ScanError('no-code-found', { cause });
  } finally {
    host.remove();
  }
}
