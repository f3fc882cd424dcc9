// Lighthouse's mobile performance score of the first screens (issue 14): the landing page, the
// sign-in and the worker's home, on a running server with the demo data (`make run` prints the
// worker's phone number and PIN). Lighthouse is fetched by npx at a fixed version rather than
// kept in package.json: it is large, and only this measurement needs it.
//
//   node scripts/lighthouse.mjs http://127.0.0.1:8080 +32479090159 358024
//
// CHROME_PATH overrides /usr/bin/chromium; RUNS (default 3) runs per page, the median is kept.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base = 'http://127.0.0.1:8080', login, secret] = process.argv.slice(2);
const RUNS = Number(process.env.RUNS ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'kb-lighthouse-'));

async function sessionCookie() {
  const res = await fetch(`${base}/api/v1/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ login, secret }),
  });
  if (!res.ok) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('sign-in: no session cookie');
  return cookie;
}

function run(url, cookie, i) {
  const out = join(dir, `r${i}.json`);
  const args = ['--yes', 'lighthouse@12.8.2', url, '--only-categories=performance', '--form-factor=mobile',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run',
    '--output=json', `--output-path=${out}`, '--quiet'];
  if (cookie) args.push(`--extra-headers=${JSON.stringify({ Cookie: cookie })}`);
  execFileSync('npx', args, { stdio: 'inherit', env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' } });
  const r = JSON.parse(readFileSync(out, 'utf8'));
  const a = (k) => r.audits[k].numericValue;
  return { score: Math.round(r.categories.performance.score * 100), fcp: a('first-contentful-paint'), lcp: a('largest-contentful-paint'), tbt: a('total-blocking-time'), cls: a('cumulative-layout-shift') };
}

const pages = [['landing (/)', '/', false], ['sign-in (/login)', '/login', false], ["worker's home (/)", '/', true]];
const cookie = login ? await sessionCookie() : undefined;
for (const [name, path, signedIn] of pages) {
  if (signedIn && !cookie) continue;
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    try {
      runs.push(run(base + path, signedIn ? cookie : undefined, i));
    } catch (e) {
      console.error(`${name}: a run failed (${e.message}); trying the next`);
    }
  }
  runs.sort((x, y) => x.score - y.score);
  const m = runs[Math.floor(runs.length / 2)];
  if (!m) continue;
  console.log(`${name.padEnd(20)} score ${m.score} (runs: ${runs.map((r) => r.score).join(', ')})  FCP ${Math.round(m.fcp)} ms  LCP ${Math.round(m.lcp)} ms  TBT ${Math.round(m.tbt)} ms  CLS ${m.cls.toFixed(3)}`);
}
