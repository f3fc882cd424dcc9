// The size budget (issue 14): after `vite build`, the gzip size of what each of the first
// screens needs before it can show anything — the entry chunk, the screen's chunks and their
// static imports, and the first part of the language's catalogue (src/i18n/<lang>/first.ts,
// loaded before the first render, i18n/index.ts) — must stay under BUDGET in every language,
// and every chunk must be in the service worker's precache. Run by `make test`; prints every
// size.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET = 50 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

// What each screen loads: its dynamic entries (app.tsx, screens/homes.tsx), besides the entry.
// The languages: each one's catalogue parts are dynamic entries in src/i18n/<lang>/ (a new
// language counts at once).
const LANGS = [...new Set(Object.keys(manifest).flatMap((k) => /^src\/i18n\/([a-z]{2,3})\/first\.ts$/.exec(k)?.[1] ?? []))].sort();
const PARTS = ['first', 'more', 'staff'];
const routes = {
  'landing (/)': ['src/screens/home.tsx'],
  'sign-in (/login)': ['src/screens/login.tsx'],
  "worker's home (/)": ['src/screens/home-worker.tsx'],
};
// Code no worker's or buddy's first screen may carry.
const FORBIDDEN = /^src\/(screens\/(admin|audit|board|coach-|exports|impact|people|person|safety\.|follow-up)|components\/QrCode)|node_modules\/uqr/;

const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
if (!entry) throw new Error('no entry chunk in dist/.vite/manifest.json (build.manifest off?)');

/** The chunk keys `keys` load before running: themselves and their static imports, transitively. */
function closure(keys) {
  const seen = new Set();
  const walk = (key) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest: was it renamed? (scripts/size-budget.mjs)`);
    seen.add(key);
    for (const dep of chunk.imports ?? []) walk(dep);
  };
  keys.forEach(walk);
  return seen;
}

const gz = (file) => gzipSync(readFileSync(join(dist, file))).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (!LANGS.includes('nl')) throw new Error('no catalogue parts in the manifest: are they still imported with import()? (i18n/index.ts)');
const size = (keys) => [...keys].reduce((n, k) => n + gz(manifest[k].file), 0);

let failed = false;
for (const [name, screens] of Object.entries(routes)) {
  const keys = closure([entry[0], ...screens]);
  const code = size(keys);
  const bad = [...keys].filter((k) => FORBIDDEN.test(k) || FORBIDDEN.test(manifest[k].src ?? ''));
  failed ||= bad.length > 0;
  for (const lang of LANGS) {
    const texts = closure([`src/i18n/${lang}/first.ts`]);
    const total = size(new Set([...keys, ...texts]));
    const over = total > BUDGET;
    failed ||= over;
    console.log(
      `${over ? 'OVER' : 'ok  '}  ${name.padEnd(20)} ${lang}  ${kb(total).padStart(8)} gzip: code ${kb(code)} in ${keys.size} chunks + texts ${kb(total - code)} (budget ${kb(BUDGET)})`,
    );
  }
  if (bad.length) console.log(`      loads code it must not: ${bad.join(', ')}`);
}
// The other parts load with the screens that need them (lazy.tsx): shown, not budgeted.
for (const lang of LANGS) {
  console.log(`      catalogue ${lang}: ${PARTS.map((p) => `${p} ${kb(size(closure([`src/i18n/${lang}/${p}.ts`])))}`).join(', ')}`);
}
// Offline, a screen is only there if the service worker precached its chunk (vite.config.ts).
const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
const files = new Set(Object.values(manifest).flatMap((c) => [c.file, ...(c.css ?? [])]));
const uncached = [...files].filter((f) => !sw.includes(f));
if (uncached.length) {
  failed = true;
  console.log(`OVER  not precached by sw.js: ${uncached.join(', ')}`);
} else console.log(`ok    all ${files.size} chunks and style sheets are precached by the service worker`);
if (failed) {
  console.error('size budget exceeded: see pwa/scripts/size-budget.mjs');
  process.exit(1);
}
