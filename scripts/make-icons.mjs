// Draws the app icons (pharmacy cross on the brand green) as real PNG files, with no image
// library: a minimal PNG encoder (RFC 2083: IHDR, one zlib IDAT, IEND, CRC-32).
// Run once with `node scripts/make-icons.mjs`; the PNGs are committed under public/icons.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const BRAND = [11, 110, 79]; // #0b6e4f
const WHITE = [255, 255, 255];

function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (const byte of buf) {
    c = (crc ^ byte) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** @param {number} size @param {(x:number,y:number)=>number[]} pixel RGBA */
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A cross of arm width w and half-length l (fractions of size), centred. */
function inCross(x, y, size, w, l) {
  const cx = x + 0.5 - size / 2;
  const cy = y + 0.5 - size / 2;
  const hw = (w * size) / 2;
  const hl = l * size;
  return (Math.abs(cx) <= hw && Math.abs(cy) <= hl) || (Math.abs(cy) <= hw && Math.abs(cx) <= hl);
}

function inRoundedSquare(x, y, size, radius) {
  const r = radius * size;
  const dx = Math.max(r - x - 0.5, 0, x + 0.5 - (size - r));
  const dy = Math.max(r - y - 0.5, 0, y + 0.5 - (size - r));
  return dx * dx + dy * dy <= r * r;
}

function icon(size, maskable) {
  // Maskable icons must keep their content in the central 80% safe zone (W3C manifest spec).
  const arm = maskable ? 0.16 : 0.2;
  const half = maskable ? 0.27 : 0.34;
  return png(size, (x, y) => {
    if (!maskable && !inRoundedSquare(x, y, size, 0.18)) return [0, 0, 0, 0];
    return [...(inCross(x, y, size, arm, half) ? WHITE : BRAND), 255];
  });
}

mkdirSync('public/icons', { recursive: true });
writeFileSync('public/icons/icon-192.png', icon(192, false));
writeFileSync('public/icons/icon-512.png', icon(512, false));
writeFileSync('public/icons/maskable-512.png', icon(512, true));
writeFileSync('public/icons/apple-touch-icon.png', icon(180, true));
writeFileSync(
  'public/icons/favicon.svg',
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="18" fill="#0b6e4f"/><path d="M40 16h20v24h24v20H60v24H40V60H16V40h24z" fill="#fff"/></svg>\n',
);
console.log('icons written to public/icons');
