import { useMemo } from 'preact/hooks';
import { encode } from 'uqr';

/** A QR code drawn as one inline SVG path (no canvas, no image file: fine under the CSP). The
 * label is its text alternative: say what it is for, the link itself is shown beside it. */
export function QrCode({ text, label, testid }: { text: string; label: string; testid?: string }) {
  const { size, path } = useMemo(() => {
    // M: survives a scratched or badly lit screen; 4 modules of quiet zone, as the standard asks.
    const qr = encode(text, { ecc: 'M', border: 4 });
    let d = '';
    qr.data.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      });
    });
    return { size: qr.size, path: d };
  }, [text]);

  return (
    <svg
      class="qr"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      data-testid={testid}
      data-text={text}
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
