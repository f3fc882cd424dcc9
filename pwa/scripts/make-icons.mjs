// Generates the favicon, the header logo and the PNG app icons in public/ from one drawing.
// The PNGs are committed as source assets, so a normal build never needs this script.
// Run it after changing the logo: `npm run icons` (needs rsvg-convert: apt-get install librsvg2-bin).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BRAND = '#0D5C56'; // keep in sync with --brand in src/styles.css and the manifest
const ACCENT = '#F4A340'; // --accent
const WHITE = '#FFFFFF';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
mkdirSync(out, { recursive: true });

// A toolbox with a heart as its latch: work, done with care. Drawn on a 512 grid and centred
// on (256, 256); its corners stay inside a circle of radius 190, so inside the maskable safe
// zone (radius 204.8 = 40% of 512).
function motif(fg, bg) {
  return `
  <g fill="none" stroke="${fg}" stroke-width="30" stroke-linecap="round" stroke-linejoin="round">
    <path d="M200 196v-30a26 26 0 0 1 26-26h60a26 26 0 0 1 26 26v30"/>
  </g>
  <rect x="112" y="196" width="288" height="180" rx="30" fill="${fg}"/>
  <path d="M112 262h288" stroke="${bg}" stroke-width="14"/>
  <g transform="translate(203.2 209) scale(4.4)">
    <path d="M12 21C12 21 3 15.5 3 9.5a4.5 4.5 0 0 1 9-1.5 4.5 4.5 0 0 1 9 1.5c0 6-9 11.5-9 11.5z"
      fill="${ACCENT}" stroke="${bg}" stroke-width="1.4" stroke-linejoin="round"/>
  </g>`;
}

// shape: 'rounded' (transparent corners, for purpose "any" and the favicon) or 'full' (full
// bleed, for purpose "maskable" and Apple, which cut their own shape). scale shrinks the motif.
function svg({ bg, fg, shape, scale = 1 }) {
  const backdrop =
    shape === 'rounded'
      ? `<rect width="512" height="512" rx="112" fill="${bg}"/>`
      : `<rect width="512" height="512" fill="${bg}"/>`;
  const t = (1 - scale) * 256;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  ${backdrop}
  <g transform="translate(${t} ${t}) scale(${scale})">${motif(fg, bg)}
  </g>
</svg>
`;
}

// Served as they are: the favicon and the header logo (on the teal header).
writeFileSync(join(out, '..', 'favicon.svg'), svg({ bg: BRAND, fg: WHITE, shape: 'rounded' }));
writeFileSync(join(out, 'logo-inverse.svg'), svg({ bg: WHITE, fg: BRAND, shape: 'rounded' }));

// Only inputs for the PNGs: drawn in a temporary folder, not shipped.
const work = mkdtempSync(join(tmpdir(), 'klusbuddy-icons-'));
const sources = {
  any: svg({ bg: BRAND, fg: WHITE, shape: 'rounded' }),
  maskable: svg({ bg: BRAND, fg: WHITE, shape: 'full', scale: 0.8 }),
  apple: svg({ bg: BRAND, fg: WHITE, shape: 'full', scale: 0.85 }),
};
const pngs = [
  ['any', 'icon-192.png', 192],
  ['any', 'icon-512.png', 512],
  ['maskable', 'maskable-192.png', 192],
  ['maskable', 'maskable-512.png', 512],
  ['apple', 'apple-touch-icon-180.png', 180],
];
try {
  for (const [source, dst, size] of pngs) {
    const src = join(work, `${source}.svg`);
    writeFileSync(src, sources[source]);
    execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), '-o', join(out, dst), src]);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`wrote favicon.svg, icons/logo-inverse.svg and ${pngs.length} PNGs in ${join(out, '..')}`);
