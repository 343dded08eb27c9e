import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { encode } from 'uqr';

/** Quiet zone around the symbol, in modules (ISO/IEC 18004 asks for 4). */
const QUIET_ZONE_MODULES = 4;

/**
 * A QR code drawn as one SVG path (crisp at any size, printable). `uqr` is the only QR
 * encoder import. Error correction M: readable from a screen a little out of focus.
 */
export function QrCode(props: { value: string; label: string; size?: number }): JSX.Element {
  const { path, modules } = useMemo(() => {
    const qr = encode(props.value, { ecc: 'M', border: 0 });
    const parts: string[] = [];
    qr.data.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) parts.push(`M${x + QUIET_ZONE_MODULES} ${y + QUIET_ZONE_MODULES}h1v1h-1z`);
      }),
    );
    return { path: parts.join(''), modules: qr.size + 2 * QUIET_ZONE_MODULES };
  }, [props.value]);
  const size = props.size ?? 280;
  return (
    <svg
      class="qr"
      role="img"
      aria-label={props.label}
      width={size}
      height={size}
      viewBox={`0 0 ${modules} ${modules}`}
      shape-rendering="crispEdges"
    >
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
