// Which catalogue part each text must be in (issue 14). A language's catalogue is split in
// parts (src/i18n/<lang>/<part>.ts): `first` for what the landing page, sign-in and the
// worker's and buddy's homes show, `more` for the other screens of workers, buddies and
// posters, `staff` for the coordinator's and admin's. A screen loaded with lazy(load, part)
// gets that part and those before it (lazy.tsx); the entry (main.tsx) has `first` only.
//
// This reads the sources: the static imports from main.tsx and from each lazy() screen give
// the lowest part each module runs with, and the key literals (`'offers.accept'`, or a
// template's prefix, `offers.reason.${r}`) the keys it uses. The catalogue test
// (src/i18n/parts.test.ts) fails when a key is in a part loaded after a screen that uses it
// (that screen would show before its text), or in `first` while no first screen uses it (bytes
// every phone downloads for nothing). Run it to see where keys should move, and with --fix to
// move them in every language:
//   node scripts/catalogue-parts.mjs [--fix]
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PARTS = ['first', 'more', 'staff'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Every app source file: no tests, no test helpers, no catalogues (they name every key). */
function sources() {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (p === join(src, 'test')) continue;
        walk(p);
      } else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !/\.d\.ts$/.test(e.name)) out.push(p);
    }
  };
  walk(src);
  return out.filter((p) => !/^i18n\/([a-z]{2}(\.ts|\/)|push\.ts$)/.test(relative(src, p)));
}

function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const c of [`${base}.ts`, `${base}.tsx`, base, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return null;
}

/** The keys of each part, read from the Dutch part files (one `'key':` per entry). */
export function partKeys() {
  const parts = {};
  for (const part of PARTS) {
    const text = readFileSync(join(src, 'i18n', 'nl', `${part}.ts`), 'utf8');
    parts[part] = [...text.matchAll(/^ {2}'([^']+)':/gm)].map((m) => m[1]);
  }
  return parts;
}

const LAZY = /\blazy(?:<[^>]*>)?\(\s*\(\)\s*=>\s*import\('([^']+)'\)(?:\.then\(\((\w+)\)\s*=>\s*\2\.\w+\))?\s*,\s*'(\w+)'\s*\)/g;

/**
 * For every key: the lowest part any module that uses it runs with (undefined: no module uses
 * it), and which module that is.
 */
export function analyse(keys) {
  const files = sources();
  const keySet = new Set(keys);
  const info = new Map(); // file → { imports, lazies, keys }
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const imports = [];
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:([^'";]*?)\sfrom\s+)?'(\.[^']+)'/gm)) {
      // import { type A, type B } from './x' is gone after compiling.
      const names = /^\{([^}]*)\}$/.exec(m[1]?.trim() ?? '')?.[1].split(',').map((n) => n.trim()).filter(Boolean);
      if (names?.length && names.every((n) => n.startsWith('type '))) continue;
      imports.push(m[2]);
    }
    // import('./x') outside lazy(): runs as part of its importer (session.tsx's day.ts).
    const lazies = [...text.matchAll(LAZY)].map((m) => ({ spec: m[1], part: m[3] }));
    const calls = (text.match(/\blazy(?:<[^>]*>)?\(/g) ?? []).length - (/export function lazy\b/.test(text) ? 1 : 0);
    if (calls !== lazies.length) throw new Error(`${relative(root, file)}: a lazy() call not in the form lazy(() => import('./x').then((m) => m.X), 'part')`);
    const lazySpecs = new Set(lazies.map((l) => l.spec));
    for (const m of text.matchAll(/\bimport\('(\.[^']+)'\)/g)) if (!lazySpecs.has(m[1])) imports.push(m[1]);
    for (const l of lazies) if (!PARTS.includes(l.part)) throw new Error(`${relative(root, file)}: unknown part '${l.part}'`);
    const used = new Set();
    for (const m of text.matchAll(/['"`]([A-Za-z]\w*(?:\.\w+)+)['"`]/g)) if (keySet.has(m[1])) used.add(m[1]);
    for (const m of text.matchAll(/`([A-Za-z]\w*\.[\w.]*)\$\{/g)) for (const k of keys) if (k.startsWith(m[1])) used.add(k);
    const resolved = (spec) => {
      const r = resolveImport(file, spec);
      return r && files.includes(r) ? r : null;
    };
    info.set(file, {
      imports: imports.map(resolved).filter(Boolean),
      lazies: lazies.map((l) => ({ file: resolved(l.spec), part: l.part })).filter((l) => l.file),
      keys: used,
    });
  }
  // The lowest part each module runs with: a walk from each root over static imports.
  const level = new Map();
  const queue = [[join(src, 'main.tsx'), 0]];
  while (queue.length) {
    const [file, lvl] = queue.shift();
    if ((level.get(file) ?? Infinity) <= lvl) continue;
    level.set(file, lvl);
    const i = info.get(file);
    if (!i) continue;
    for (const f of i.imports) queue.push([f, lvl]);
    // A lazy screen runs with its own part, or its importer's if that is lower.
    for (const l of i.lazies) queue.push([l.file, Math.max(lvl, PARTS.indexOf(l.part))]);
  }
  const need = new Map();
  for (const [file, lvl] of level) {
    for (const k of info.get(file)?.keys ?? []) {
      const have = need.get(k);
      if (!have || lvl < have.level) need.set(k, { level: lvl, file: relative(root, file) });
    }
  }
  return need;
}

/** Keys in the wrong part, with the part each should move to. */
export function moves() {
  const parts = partKeys();
  const need = analyse(Object.values(parts).flat());
  const out = [];
  PARTS.forEach((part, idx) => {
    for (const key of parts[part]) {
      const n = need.get(key);
      const want = n ? PARTS[n.level] : 'more';
      if (n && idx > n.level) out.push({ key, from: part, to: want, why: `in '${part}', but ${n.file} runs with '${want}'` });
      else if (part === 'first' && want !== 'first') out.push({ key, from: part, to: want, why: `in 'first', but no first screen uses it` });
    }
  });
  return out;
}

/** Keys in the wrong part: too late for a screen that uses them, or in `first` for nothing. */
export function misplaced() {
  return moves().map((m) => `${m.key}: ${m.why} (move it to '${m.to}')`);
}

/** Moves each misplaced key, in every language, to the end of the part it belongs in. */
function fix() {
  const todo = moves();
  const langs = readdirSync(join(src, 'i18n'), { withFileTypes: true }).filter((e) => e.isDirectory() && /^[a-z]{2}$/.test(e.name)).map((e) => e.name);
  for (const lang of langs) {
    const files = Object.fromEntries(PARTS.map((p) => [p, readFileSync(join(src, 'i18n', lang, `${p}.ts`), 'utf8').split('\n')]));
    for (const { key, from, to } of todo) {
      const lines = files[from];
      const at = lines.findIndex((l) => l.startsWith(`  '${key}':`));
      if (at < 0) throw new Error(`${lang}/${from}.ts has no ${key}`);
      let end = at + 1;
      while (/^ {4}/.test(lines[end])) end++;
      const entry = lines.splice(at, end - at);
      const target = files[to];
      const close = target.findIndex((l) => /^\}( as const)?;$/.test(l));
      target.splice(close, 0, ...entry);
    }
    for (const p of PARTS) writeFileSync(join(src, 'i18n', lang, `${p}.ts`), files[p].join('\n'));
  }
  return todo.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--fix') {
    console.log(`moved ${fix()} keys in every language`);
    process.exit(0);
  }
  const wrong = misplaced();
  console.log(wrong.length ? `${wrong.join('\n')}\n(node scripts/catalogue-parts.mjs --fix moves them)` : 'every key is in its part');
  process.exit(wrong.length ? 1 : 0);
}
