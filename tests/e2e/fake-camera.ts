/**
 * Clips for Chromium's fake camera: a still image of a code, written as a YUV4MPEG2 file
 * that `--use-file-for-fake-video-capture` plays in a loop to `getUserMedia`.
 *
 * ```
 * YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n     header
 * FRAME\n  Y plane (W×H bytes)  U, V planes (W/2×H/2 bytes each, 128 = no colour)   × frames
 * ```
 * @see https://wiki.multimedia.cx/index.php/YUV4MPEG2
 * @see https://webrtc.org/getting-started/testing (the fake-capture flags)
 */
import { writeFileSync } from 'node:fs';
import { toBuffer } from 'bwip-js/node';
import { PNG } from 'pngjs';
import { encode } from 'uqr';

/** Frame and code geometry of a clip. */
export interface Y4mOptions {
  /** Frame width in pixels, even (default 640). */
  readonly width?: number;
  /** Frame height in pixels, even (default 480). */
  readonly height?: number;
  /**
   * Largest side of the code, quiet zone included, in pixels (default ¾ of the smaller
   * frame side). The app's scanner decodes only its centred 250 CSS px aiming box: in a
   * 420 px wide `.scanner`, about 380 px of a 640 px frame.
   */
  readonly maxCodePx?: number;
  /** Light modules around a module matrix (default 4, ISO/IEC 18004 §6.3.8). */
  readonly quietZoneModules?: number;
  /** Identical frames in the file; Chromium loops it (default 3). */
  readonly frames?: number;
}

const WHITE = 255;
const NO_CHROMA = 128;

/** The flags that make Chromium's only camera play `y4mFile`, with permission granted. */
export function fakeCameraArgs(y4mFile: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${y4mFile}`,
  ];
}

/**
 * Writes a clip showing `matrix` (`true` = dark module) centred on white, each module an
 * integer number of pixels (as large as `maxCodePx` allows) so edges stay sharp.
 * @throws Error when the matrix with its quiet zone does not fit at 1 px per module
 */
export function matrixToY4m(matrix: boolean[][], file: string, options: Y4mOptions = {}): void {
  const { width, height, maxCodePx } = geometry(options);
  const side = matrix.length;
  const moduleCount = side + 2 * (options.quietZoneModules ?? 4);
  const modulePx = Math.floor(maxCodePx / moduleCount);
  if (modulePx < 1) throw new Error(`a ${side}-module code does not fit in ${maxCodePx} px`);
  const luma = new Uint8Array(width * height).fill(WHITE);
  const left = Math.floor((width - side * modulePx) / 2);
  const top = Math.floor((height - side * modulePx) / 2);
  matrix.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < modulePx; dy++) {
        const start = (top + y * modulePx + dy) * width + left + x * modulePx;
        luma.fill(0, start, start + modulePx);
      }
    }),
  );
  writeY4m(luma, width, height, file, options.frames ?? 3);
}

/**
 * Writes a clip of the QR code of `text`, encoded exactly as the app's `QrCode` component
 * does (uqr, error correction M).
 */
export function qrY4m(text: string, file: string, options: Y4mOptions = {}): void {
  matrixToY4m(encode(text, { ecc: 'M', border: 0 }).data, file, options);
}

/**
 * Writes a clip of a PNG (a screenshot, a rendered barcode) centred on white: transparent
 * pixels become white, colours become BT.601 luma, and the image is scaled nearest-neighbour
 * to fit `maxCodePx`, by a whole factor when enlarged.
 */
export function pngToY4m(png: Buffer, file: string, options: Y4mOptions = {}): void {
  const { width, height, maxCodePx } = geometry(options);
  const image = PNG.sync.read(png);
  const fit = Math.min(maxCodePx / image.width, maxCodePx / image.height, width / image.width);
  const scale = fit >= 1 ? Math.floor(fit) : fit;
  const outW = Math.max(1, Math.round(image.width * scale));
  const outH = Math.max(1, Math.round(image.height * scale));
  const left = Math.floor((width - outW) / 2);
  const top = Math.floor((height - outH) / 2);
  const luma = new Uint8Array(width * height).fill(WHITE);
  for (let y = 0; y < outH; y++) {
    const srcY = Math.min(image.height - 1, Math.floor(y / scale));
    for (let x = 0; x < outW; x++) {
      const srcX = Math.min(image.width - 1, Math.floor(x / scale));
      luma[(top + y) * width + left + x] = lumaAt(image, srcX, srcY);
    }
  }
  writeY4m(luma, width, height, file, options.frames ?? 3);
}

/**
 * Writes a clip of the GS1 DataMatrix of `text`, given in the parenthesised human-readable
 * form, e.g. `(01)03401234567890(17)270531(10)LOT42(21)SER1`; bwip-js puts the leading
 * FNC1 and the FNC1 that ends each variable-length field (GS1 General Specifications §5.6).
 */
export async function dataMatrixY4m(
  text: string,
  file: string,
  options: Y4mOptions = {},
): Promise<void> {
  // Padding is in symbol units (a DataMatrix module is 2): a 2-module quiet zone, twice
  // the ISO/IEC 16022 minimum, so the code stays clear of the aiming box's edge.
  const png = await toBuffer({
    bcid: 'gs1datamatrix',
    text,
    scale: 8,
    includetext: false,
    paddingwidth: 4,
    paddingheight: 4,
  });
  pngToY4m(png, file, options);
}

function geometry(options: Y4mOptions): { width: number; height: number; maxCodePx: number } {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  // 4:2:0 chroma planes are half size in both directions.
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error('y4m 4:2:0 needs an even frame size');
  const maxCodePx = options.maxCodePx ?? Math.floor((Math.min(width, height) * 3) / 4);
  return { width, height, maxCodePx: Math.min(maxCodePx, width, height) };
}

/** BT.601 luma of an RGBA pixel composited over white. */
function lumaAt(image: PNG, x: number, y: number): number {
  const i = (y * image.width + x) * 4;
  const [r = 0, g = 0, b = 0, a = 255] = image.data.subarray(i, i + 4);
  const gray = 0.299 * r + 0.587 * g + 0.114 * b;
  return Math.round((gray * a + WHITE * (255 - a)) / 255);
}

function writeY4m(luma: Uint8Array, width: number, height: number, file: string, frames: number) {
  const chroma = new Uint8Array((width / 2) * (height / 2) * 2).fill(NO_CHROMA);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
