// Pictures for notifications, drawn in the service worker from the app's own line icons
// (components/icon-paths.ts): the category's icon as in the offer card (teal lines on a warm
// circle), and the badge (the logo's heart, one colour: Android shows only its shape). A
// notification takes a data: URL (the CSP allows data: images). Where the browser has no
// OffscreenCanvas or Path2D in workers, null: the caller falls back on the app icon.
import { ICON_PATHS, isIconName } from '../components/icon-paths';

/** The heart of the logo (public/icons/logo-inverse.svg), on the same 24×24 grid. */
const HEART = 'M12 21C12 21 3 15.5 3 9.5a4.5 4.5 0 0 1 9-1.5 4.5 4.5 0 0 1 9 1.5c0 6-9 11.5-9 11.5z';

const ICON_SIZE = 192;
const BADGE_SIZE = 96;

const cache = new Map<string, Promise<string | null>>();

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

async function draw(paint: (ctx: OffscreenCanvasRenderingContext2D) => void, size: number): Promise<string | null> {
  if (typeof OffscreenCanvas !== 'function' || typeof Path2D !== 'function') return null;
  try {
    const canvas = new OffscreenCanvas(size, size);
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    paint(ctx);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return `data:image/png;base64,${toBase64(new Uint8Array(await blob.arrayBuffer()))}`;
  } catch {
    return null;
  }
}

/** The category icon (an Icon.tsx name) as a 192 px PNG data: URL, or null. */
export function categoryIcon(name: string): Promise<string | null> {
  if (!isIconName(name)) return Promise.resolve(null);
  const key = `icon:${name}`;
  let found = cache.get(key);
  if (!found) {
    found = draw((ctx) => {
      const s = ICON_SIZE;
      ctx.fillStyle = '#fff1dc'; // --accent-soft
      ctx.beginPath();
      ctx.arc(s / 2, s / 2, s / 2, 0, Math.PI * 2);
      ctx.fill();
      // The 24-unit drawing at 55% of the circle, in the middle.
      const scale = (s * 0.55) / 24;
      ctx.translate((s - 24 * scale) / 2, (s - 24 * scale) / 2);
      ctx.scale(scale, scale);
      ctx.strokeStyle = '#0a4a45'; // --brand-dark
      ctx.lineWidth = 2;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      for (const d of ICON_PATHS[name]) ctx.stroke(new Path2D(d));
    }, ICON_SIZE);
    cache.set(key, found);
  }
  return found;
}

/** The small one-colour badge (the status bar on Android), or null. */
export function badge(): Promise<string | null> {
  let found = cache.get('badge');
  if (!found) {
    found = draw((ctx) => {
      const scale = BADGE_SIZE / 24;
      ctx.scale(scale, scale);
      ctx.fillStyle = '#ffffff';
      ctx.fill(new Path2D(HEART));
    }, BADGE_SIZE);
    cache.set('badge', found);
  }
  return found;
}
