// Measures what Lighthouse's mobile run would on the first screens (issue 14), with Chromium
// and playwright-core (already here) rather than the lighthouse package: a 360 × 640 phone,
// 4× slower CPU, a slow 4G network (150 ms, 1.6 Mbit/s down). For each page: CLS (the sum of
// layout shifts without recent input, PerformanceObserver 'layout-shift'), LCP, and the
// JavaScript and CSS transferred. Fails when a page's CLS is 0.1 or more.
//
//   node scripts/layout-shift.mjs http://127.0.0.1:8080 +32479090159 358024
//
// Needs a running server with the demo data (`make run`); the worker's login and PIN are
// printed when it starts. CHROMIUM_PATH overrides /usr/bin/chromium.
import { chromium } from 'playwright-core';

const [base = 'http://127.0.0.1:8080', login, secret] = process.argv.slice(2);
const RUNS = Number(process.env.RUNS ?? 3);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });

/** A fresh phone: no cache, no service worker yet (a first visit), throttled like Lighthouse. */
async function phone(storageState) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'nl-BE',
    serviceWorkers: 'block',
    storageState,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // Counted before any script of the page runs.
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__cls = 0;
    w.__lcp = 0;
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of /** @type {any[]} */ (list.getEntries())) {
        if (e.hadRecentInput) continue;
        w.__cls += e.value;
        // What moved, for DEBUG=1: the element, from where to where.
        for (const s of e.sources ?? []) {
          const n = s.node;
          const name = n ? `${n.nodeName.toLowerCase()}${n.id ? '#' + n.id : ''}${n.className && typeof n.className === 'string' ? '.' + n.className.split(' ').join('.') : ''}` : '?';
          w.__shifts.push(`${e.value.toFixed(3)} ${name} y ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)} h ${Math.round(s.previousRect.height)}→${Math.round(s.currentRect.height)}`);
        }
      }
    }).observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__lcp = e.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  return { context, page };
}

async function measure(path, storageState, ready) {
  const { context, page } = await phone(storageState);
  let js = 0;
  let css = 0;
  page.on('response', async (res) => {
    const type = res.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    const size = (await res.request().sizes().catch(() => null))?.responseBodySize ?? 0;
    if (type === 'script') js += size;
    else css += size;
  });
  await page.goto(base + path, { waitUntil: 'load' });
  await page.getByTestId(ready).first().waitFor({ timeout: 30_000 });
  // Lists and late chunks settle; shifts after that are still counted.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  const { cls, lcp, shifts } = await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    return { cls: w.__cls, lcp: w.__lcp, shifts: w.__shifts };
  });
  if (process.env.DEBUG) console.log(`  ${path}:\n    ${shifts.join('\n    ')}`);
  await context.close();
  return { cls, lcp, js, css };
}

async function workerState() {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.locator('input[name=login]').fill(/** @type {string} */ (login));
  await page.locator('input[name=secret]').fill(/** @type {string} */ (secret));
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === '/');
  const state = await context.storageState();
  await context.close();
  return state;
}

const pages = [
  { name: 'landing /', path: '/', ready: 'home-title' },
  { name: 'sign-in /login', path: '/login', ready: 'login-submit' },
];
if (login && secret) pages.push({ name: "worker's home /", path: '/', ready: 'worker-home', signedIn: true });
else console.log('(no worker login given: the worker\'s home is skipped)');

const signedIn = login && secret ? await workerState() : undefined;
let failed = false;
console.log(`mobile: 360×640, CPU 4× slower, 150 ms / 1.6 Mbit/s; median of ${RUNS} runs`);
for (const p of pages) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure(p.path, p.signedIn ? signedIn : undefined, p.ready));
  const median = (/** @type {(r: any) => number} */ f) => runs.map(f).sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? 0;
  const cls = Math.max(...runs.map((r) => r.cls));
  failed ||= cls >= 0.1;
  console.log(
    `${cls >= 0.1 ? 'OVER' : 'ok  '}  ${p.name.padEnd(16)} CLS ${cls.toFixed(3)} (worst)  LCP ${Math.round(median((r) => r.lcp))} ms` +
      `  JS ${(median((r) => r.js) / 1024).toFixed(1)} KB  CSS ${(median((r) => r.css) / 1024).toFixed(1)} KB (transferred)`,
  );
}
await browser.close();
if (failed) process.exit(1);
