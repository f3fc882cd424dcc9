// @ts-check
// Every screen of every role, on a 360 × 740 phone, in all five languages (issue 14): axe-core
// finds nothing, nothing is wider than the phone, Arabic runs right to left with the layout
// mirrored, and (with E2E_ARTIFACTS) a screenshot of each is kept for people to look at.
// One browser; one context per role, signed in once; the language is changed with the switch
// (a signed-in account's language wins over the device's) and screens are reached by the app's
// own router, so that 5 × ~45 screens take minutes, not tens of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE_URL, PHONE, launch, watchErrors, axeViolations, screenshot } from './helpers.mjs';

const LANGS = /** @type {const} */ (['nl', 'fr', 'en', 'tr', 'ar']);
const env = (/** @type {string} */ name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run this through go test ./internal/e2e`);
  return v;
};

// Every catalogue key: none may show on a screen (a screen rendered before its part of the
// catalogue had loaded would show keys, i18n/index.ts).
const KEYS = ['first', 'more', 'staff'].flatMap((part) =>
  [...readFileSync(new URL(`../src/i18n/nl/${part}.ts`, import.meta.url), 'utf8').matchAll(/^ {2}'([^']+)':/gm)].map((m) => m[1]));

/** @typedef {{name: string, path: string, ready: string, menu?: boolean}} Screen */

/** What each role can open, and what shows once each screen has its content. */
const ROLES = /** @type {{role: string, login?: string, secret?: string, screens: Screen[]}[]} */ ([
  {
    role: 'anonymous',
    screens: [
      { name: 'landing', path: '/', ready: '[data-testid=category-list]' },
      { name: 'login', path: '/login', ready: '[data-testid=login-form]' },
      { name: 'signup', path: '/signup', ready: '[data-testid=signup-form]' },
      // Without a token first: the invite screen reads its address only when it opens.
      { name: 'invite-invalid', path: '/invite', ready: '[data-testid=invite-invalid]' },
      { name: 'invite', path: `/invite#${env('E2E_INVITE_TOKEN')}`, ready: '[data-testid=invite-form]' },
      { name: 'not-found', path: '/no-such-page', ready: '[data-testid=not-found]' },
    ],
  },
  {
    role: 'worker', login: env('E2E_WORKER'), secret: '358024',
    screens: [
      { name: 'home', path: '/', ready: '[data-testid=worker-home]' },
      { name: 'menu', path: '/', ready: '[data-testid=worker-home]', menu: true },
      { name: 'hours', path: '/uren', ready: '[data-testid=my-hours]' },
      { name: 'news', path: '/berichten', ready: '[data-testid=news]' },
      { name: 'profile', path: '/profile', ready: '[data-testid=profile]' },
      { name: 'devices', path: '/devices', ready: '[data-testid=devices]' },
      { name: 'forbidden', path: '/coach/people', ready: '[data-testid=forbidden]' },
    ],
  },
  {
    role: 'buddy', login: env('E2E_BUDDY'), secret: '358024',
    screens: [
      { name: 'home', path: '/', ready: '[data-testid=buddy-home]' },
      { name: 'menu', path: '/', ready: '[data-testid=buddy-home]', menu: true },
      { name: 'hours', path: '/vrijwilligersuren', ready: '[data-testid=volunteer-hours]' },
      { name: 'news', path: '/berichten', ready: '[data-testid=news]' },
      { name: 'profile', path: '/profile', ready: '[data-testid=profile]' },
      { name: 'devices', path: '/devices', ready: '[data-testid=devices]' },
    ],
  },
  {
    role: 'poster', login: env('E2E_POSTER'), secret: 'klusbuddy-demo',
    screens: [
      { name: 'home', path: '/', ready: '[data-testid=poster-home]' },
      { name: 'menu', path: '/', ready: '[data-testid=poster-home]', menu: true },
      { name: 'new-job', path: '/jobs/new', ready: '[data-testid=job-form]' },
      { name: 'job', path: `/jobs/${env('E2E_JOB')}`, ready: '[data-testid=job-page]' },
      { name: 'job-edit', path: `/jobs/${env('E2E_JOB')}/edit`, ready: '[data-testid=job-edit-form]' },
      { name: 'statements', path: '/afrekeningen', ready: '[data-testid=statements]' },
      { name: 'statement', path: `/afrekening/${env('E2E_MONTH')}`, ready: '[data-testid=month-statement]' },
      { name: 'news', path: '/berichten', ready: '[data-testid=news]' },
      { name: 'profile', path: '/profile', ready: '[data-testid=profile]' },
      { name: 'devices', path: '/devices', ready: '[data-testid=devices]' },
    ],
  },
  {
    role: 'coordinator', login: env('E2E_COACH'), secret: 'klusbuddy-demo',
    screens: [
      { name: 'home', path: '/', ready: '[data-testid=coach-home]' },
      { name: 'menu', path: '/', ready: '[data-testid=coach-home]', menu: true },
      { name: 'board', path: '/coach/jobs', ready: '[data-testid=coach-board]' },
      { name: 'job', path: `/coach/jobs/${env('E2E_JOB')}`, ready: '[data-testid=coach-job]' },
      { name: 'people', path: '/coach/people', ready: '[data-testid=people]' },
      { name: 'people-buddies', path: '/coach/people?role=buddy', ready: '[data-testid=people]' },
      { name: 'new-person', path: '/coach/people/new', ready: '[data-testid=new-person]' },
      { name: 'person', path: `/coach/people/${env('E2E_PERSON')}`, ready: '[data-testid=person-detail]' },
      { name: 'poster', path: `/coach/posters/${env('E2E_POSTER_ID')}`, ready: '[data-testid=coach-poster]' },
      { name: 'follow-up', path: '/coach/follow-up', ready: '[data-testid=follow-up-screen]' },
      { name: 'impact', path: '/coach/impact', ready: '[data-testid=impact]' },
      { name: 'exports', path: '/coach/exports', ready: '[data-testid=exports]' },
      { name: 'hours', path: '/coach/hours', ready: '[data-testid=coach-hours]' },
      { name: 'audit', path: '/coach/audit', ready: '[data-testid=audit]' },
      { name: 'safety', path: '/coach/safety', ready: '[data-testid=safety-screen]' },
      { name: 'phoned', path: '/coach/phoned', ready: '[data-testid=coach-phoned]' },
      { name: 'news', path: '/berichten', ready: '[data-testid=news]' },
      { name: 'profile', path: '/profile', ready: '[data-testid=profile]' },
      { name: 'devices', path: '/devices', ready: '[data-testid=devices]' },
    ],
  },
  {
    role: 'admin', login: env('E2E_ADMIN'), secret: 'klusbuddy-demo',
    screens: [
      { name: 'home', path: '/', ready: '[data-testid=admin-home]' },
      { name: 'menu', path: '/', ready: '[data-testid=admin-home]', menu: true },
      { name: 'organisations', path: '/admin', ready: '[data-testid=admin]' },
      { name: 'categories', path: '/admin/categories', ready: '[data-testid=category-list]' },
      { name: 'audit', path: '/admin/audit', ready: '[data-testid=audit]' },
      { name: 'exports', path: '/admin/exports', ready: '[data-testid=exports]' },
      { name: 'news', path: '/berichten', ready: '[data-testid=news]' },
      { name: 'profile', path: '/profile', ready: '[data-testid=profile]' },
      { name: 'devices', path: '/devices', ready: '[data-testid=devices]' },
    ],
  },
]);

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** One page per role, signed in once and kept for all five languages. */
const pages = new Map();
/** Where the header's brand sits per role and language, to compare Arabic with Dutch. */
const brandAt = new Map();

/**
 * The role's page, signed in on first use.
 * @param {typeof ROLES[number]} r
 */
async function pageFor(r) {
  if (pages.has(r.role)) return pages.get(r.role);
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = watchErrors(page);
  await page.goto(`${BASE_URL}/login`);
  if (r.login) {
    await page.locator('input[name=login]').fill(r.login);
    await page.locator('input[name=secret]').fill(/** @type {string} */ (r.secret));
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => u.pathname === '/');
  }
  const entry = { page, errors };
  pages.set(r.role, entry);
  return entry;
}

/**
 * Opens path with the app's own router (no reload: the session and catalogue stay), or with a
 * reload where the screen reads the address only at start (the invite's fragment).
 * @param {import('playwright-core').Page} page
 * @param {string} path
 */
async function open(page, path) {
  if (path.includes('#')) {
    // From the same path a new fragment would not load the page again: leave it first.
    await page.goto('about:blank');
    await page.goto(`${BASE_URL}${path}`);
    return;
  }
  await page.evaluate(async (to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.scrollTo(0, 0);
    // Until the app has rendered the new address: the next screen may share a test id with
    // this one (the people list for buddies after the one for workers).
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  }, path);
}

/**
 * Everything that sticks out of the phone's width, skipping what a scrolling or clipping box
 * holds (a wide table in its own scroller is fine) and what is hidden on purpose.
 * @param {import('playwright-core').Page} page
 */
function overflowing(page, { scrollersMayHoldWide = false } = {}) {
  return page.evaluate(([scrollersMayHoldWide, width]) => {
    // The phone's width, not innerWidth: a mobile browser widens its layout viewport to fit a
    // page that is too wide (and zooms out), and innerWidth with it.
    /** @param {Element} el */
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowX !== 'visible') return true;
      }
      return false;
    };
    /** @param {Element} el */
    const describe = (el) => {
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const id = el.getAttribute('data-testid');
      const here = `${el.tagName.toLowerCase()}${cls}${id ? `[data-testid=${id}]` : ''}`;
      // an icon says little: name its holder too
      return el.tagName.toLowerCase() === 'svg' && el.parentElement ? `${describe(el.parentElement)} > ${here}` : here;
    };
    /** @type {string[]} */
    const out = [];
    if (document.documentElement.scrollWidth > width) out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px`);
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden') continue;
      // Visually hidden on purpose (screen reader text, the skip link until focused).
      if (s.clip !== 'auto' && s.clip !== '' || s.clipPath.startsWith('inset(50%') || el.classList.contains('visually-hidden') || el.classList.contains('skip-link')) continue;
      if ((r.width > width + 0.5 && !(scrollersMayHoldWide && clipped(el))) || (r.right > width + 0.5 || r.left < -0.5) && !clipped(el)) {
        out.push(`${describe(el)} spans ${Math.round(r.left)}..${Math.round(r.right)}`);
      }
    }
    return out.slice(0, 10);
  }, /** @type {const} */ ([scrollersMayHoldWide, PHONE.viewport.width]));
}

/**
 * Where the first line of the screen's title starts and ends, against its box: the start side
 * is left in Dutch and right in Arabic. The line is the union of its pieces: a Latin name in an
 * Arabic sentence is a run of its own.
 * @param {import('playwright-core').Page} page
 */
function titleSide(page) {
  return page.evaluate(() => {
    const h1 = document.querySelector('#main h1');
    if (!h1) return null;
    const box = h1.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(h1);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const first = rects[0];
    if (!first) return null;
    const line = rects.filter((r) => r.top + r.height / 2 > first.top && r.top + r.height / 2 < first.bottom);
    const s = getComputedStyle(h1);
    return {
      fromLeft: Math.min(...line.map((r) => r.left)) - box.left - parseFloat(s.paddingLeft),
      fromRight: box.right - parseFloat(s.paddingRight) - Math.max(...line.map((r) => r.right)),
    };
  });
}

for (const lang of LANGS) {
  for (const r of ROLES) {
    test(`${r.role} in ${lang}: every screen at 360 px`, async () => {
      const { page, errors } = await pageFor(r);
      // The language switch: for a signed-in person the account follows; the catalogue loads.
      await page.getByTestId(`lang-${lang}`).click();
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');

      const brand = await page.locator('.brand').boundingBox();
      assert.ok(brand);
      brandAt.set(`${r.role}/${lang}`, brand);
      if (lang === 'ar') {
        // Mirrored: the name and logo sit at the right, where Dutch has them at the left.
        const nl = brandAt.get(`${r.role}/nl`);
        assert.ok(nl && nl.x + nl.width / 2 < PHONE.viewport.width / 2, `the brand is on the left in Dutch: ${JSON.stringify(nl)}`);
        assert.ok(brand.x + brand.width / 2 > PHONE.viewport.width / 2, `the brand is on the right in Arabic: ${JSON.stringify(brand)}`);
      }

      /** @type {string[]} */
      const problems = [];
      for (const s of r.screens) {
        await open(page, s.path);
        await page.locator(s.ready).first().waitFor();
        // The screen's own content, not its grey rows or spinner.
        await page.waitForFunction(() => !document.querySelector('#main [data-testid=loading]'));
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        // Folded parts (the profile's) open, so that what they hold is checked as well.
        if (await page.evaluate(() => {
          const closed = [...document.querySelectorAll('#main details:not([open])')];
          for (const d of closed) /** @type {HTMLDetailsElement} */ (d).open = true;
          return closed.length > 0;
        })) {
          await page.waitForFunction(() => !document.querySelector('#main [data-testid=loading]'));
        }
        // The menu folded open under the header, with every link of the role.
        if (s.menu) {
          await page.getByTestId('menu-button').click();
          await page.locator('#main-menu.is-open').waitFor();
        }
        const where = `${r.role} ${s.name} (${s.path}) in ${lang}`;

        for (const v of await axeViolations(page)) problems.push(`${where}: axe ${v}`);
        const text = await page.evaluate(() => document.body.innerText);
        for (const k of KEYS.filter((key) => text.includes(key))) problems.push(`${where}: shows the key ${k}`);
        for (const o of await overflowing(page)) problems.push(`${where}: wider than 360 px: ${o}`);
        const side = await titleSide(page);
        if (!side) problems.push(`${where}: no title`);
        else if (lang === 'ar' ? Math.abs(side.fromRight) > 1 : Math.abs(side.fromLeft) > 1) {
          problems.push(`${where}: the title does not start at the ${lang === 'ar' ? 'right' : 'left'}: ${JSON.stringify(side)}`);
        }
        await screenshot(page, `screens-${lang}-${r.role}-${s.name}`);
        if (s.menu) {
          await page.getByTestId('menu-button').click();
          await page.locator('#main-menu.is-open').waitFor({ state: 'detached' });
        }
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(errors, []);
    });
  }
}

// Text at 200 % (a phone's largest text setting, WCAG's "resize text"): every role's screens,
// in Dutch, still fit the 360 px phone — nothing cut off or scrolling sideways; content grows
// downwards.
for (const r of ROLES) {
  test(`${r.role}: every screen at 360 px with text at 200 %`, async () => {
    const { page, errors } = await pageFor(r);
    await page.getByTestId('lang-nl').click();
    await page.waitForFunction(() => document.documentElement.lang === 'nl');
    /** @type {string[]} */
    const problems = [];
    for (const s of r.screens) {
      await open(page, s.path);
      await page.locator(s.ready).first().waitFor();
      await page.waitForFunction(() => !document.querySelector('#main [data-testid=loading]'));
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
        for (const d of document.querySelectorAll('#main details:not([open])')) /** @type {HTMLDetailsElement} */ (d).open = true;
      });
      if (s.menu) {
        await page.getByTestId('menu-button').click();
        await page.locator('#main-menu.is-open').waitFor();
      }
      // A table may scroll in its own box (WCAG allows two-way scrolling for data tables).
      for (const o of await overflowing(page, { scrollersMayHoldWide: true })) problems.push(`${r.role} ${s.name} (${s.path}) at 200 %: ${o}`);
      await screenshot(page, `screens-zoom200-${r.role}-${s.name}`);
      if (s.menu) {
        await page.getByTestId('menu-button').click();
        await page.locator('#main-menu.is-open').waitFor({ state: 'detached' });
      }
      await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(errors, []);
  });
}
