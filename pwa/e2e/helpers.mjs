// @ts-check
// Shared set-up for the browser tests: the machine's Chromium through playwright-core, a phone
// sized context, and axe-core. The Go test (internal/e2e) starts the server and passes BASE_URL.
import { existsSync, readFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const BASE_URL = /** @type {string} */ (process.env.BASE_URL);
if (!BASE_URL) throw new Error('BASE_URL is not set: run the browser tests through `go test ./internal/e2e`');
/** Where screenshots go; unset (the default) takes none. */
const ARTIFACTS = process.env.E2E_ARTIFACTS;

/** Flags for Chromium on a machine with no network beyond loopback and, often, as root. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
};

export async function launch() {
  return chromium.launch(LAUNCH);
}

/**
 * A browser with a real (temporary) profile: Playwright's contexts are incognito, and Chromium
 * does not offer to install an app from an incognito window.
 * @param {object} options context options
 */
export async function launchWithProfile(options) {
  const dir = mkdtempSync(join(tmpdir(), 'klusbuddy-profile-'));
  const context = await chromium.launchPersistentContext(dir, { ...LAUNCH, ...options });
  const close = async () => {
    await context.close();
    // Chromium's helper processes may still write to the profile for a moment after closing:
    // remove it until it stays gone, so that a test run leaves nothing behind.
    for (let i = 0; i < 20 && existsSync(dir); i++) {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      await new Promise((done) => setTimeout(done, 100));
    }
  };
  return { context, close };
}

/** A cheap Android phone: 360 × 740 CSS pixels, touch, Dutch unless told otherwise. */
export const PHONE = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'nl-BE',
};

/**
 * A new phone-sized context of `browser` in which `who` has signed in, on the home page; the
 * context is closed when test `t` ends.
 * @param {import('playwright-core').Browser} browser
 * @param {import('node:test').TestContext} t
 * @param {{login: string, secret: string}} who
 * @param {object} [options] more context options
 */
export async function signedIn(browser, t, who, options = {}) {
  const context = await browser.newContext({ ...PHONE, ...options });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${BASE_URL}/login`);
  await page.locator('input[name=login]').fill(who.login);
  await page.locator('input[name=secret]').fill(who.secret);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === '/'); // signed in: the session cookie is set
  return page;
}

/**
 * Fills the job form for two hours of cleaning at 10:00 on the Tuesday after next, when most
 * demo workers work (the browser's own time zone).
 * @param {import('playwright-core').Page} page
 */
export async function fillCleaningJob(page) {
  const form = page.getByTestId('job-form');
  await form.waitFor();
  await form.locator('input[name=category][value=cleaning]').check({ force: true });
  const d = new Date();
  d.setDate(d.getDate() + 7);
  while (d.getDay() !== 2) d.setDate(d.getDate() + 1);
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  await form.locator('input[name=date]').fill(date);
  await form.locator('input[name=time]').fill('10:00');
  await page.getByTestId('duration-2').click();
}

/**
 * Collects console errors, uncaught exceptions and failed requests (CSP violations show up as
 * console errors), so that a test can assert the page ran clean.
 * @param {import('playwright-core').Page} page
 */
export function watchErrors(page) {
  /** @type {string[]} */
  const errors = [];
  page.on('console', (m) => {
    // A signed-out page asks GET /api/v1/session and gets 401, which Chromium logs; that is
    // the expected answer, not an error.
    if (m.type() === 'error' && !(m.location().url.endsWith('/api/v1/session') && m.text().includes('401'))) {
      errors.push(`console: ${m.text()} (${m.location().url})`);
    }
  });
  page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
  page.on('requestfailed', (r) => {
    // The app cancels lookups it no longer needs (a postcode typed on); that is no failure.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  return errors;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page and returns its violations, one readable line each. The script is
 * evaluated through the DevTools protocol, which the page's strict CSP does not block.
 * @param {import('playwright-core').Page} page
 */
export async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  /** @type {{id: string, impact: string, help: string, nodes: {target: string[]}[]}[]} */
  const violations = await page.evaluate(async () => {
    // @ts-ignore: axe was defined by the script above
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((/** @type {any} */ v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((/** @type {any} */ n) => ({ target: n.target })),
    }));
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Saves a screenshot for people to look at; tests never compare pixels.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
export async function screenshot(page, name) {
  if (!ARTIFACTS) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
