// @ts-check
// The app shell: it loads on a phone, its manifest and service worker make it an installable,
// offline-capable PWA, the language switch works and axe-core finds nothing to fix.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PHONE, launch, launchWithProfile, watchErrors, axeViolations, screenshot } from './helpers.mjs';

const TITLES = {
  nl: 'Welkom bij Klusbuddy',
  fr: 'Bienvenue sur Klusbuddy',
  en: 'Welcome to Klusbuddy',
  tr: 'Klusbuddy’ye hoş geldiniz',
  ar: 'مرحبًا بك في Klusbuddy',
};

/** The home's title once it reads want (a language's catalogue loads when it is chosen), or
 * what it reads after 5 s, for the assertion to show. */
async function titleOnceItIs(page, want) {
  const title = page.getByTestId('home-title');
  await page.locator('[data-testid=home-title]', { hasText: want }).waitFor({ timeout: 5000 }).catch(() => {});
  return title.textContent();
}

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * A new phone-sized browser context and page, closed when the test ends, pass or fail.
 * @param {import('node:test').TestContext} t
 * @param {object} [options] context options over PHONE
 */
async function phonePage(t, options = {}) {
  const context = await browser.newContext({ ...PHONE, ...options });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

test('the shell loads on a 360 px phone, in Dutch, with the price list and no errors', async (t) => {
  const page = await phonePage(t);
  const errors = watchErrors(page);
  await page.goto(BASE_URL);
  await assert.doesNotReject(page.getByTestId('home-title').waitFor());
  assert.equal(await titleOnceItIs(page, TITLES.nl), TITLES.nl);
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  // The price list comes from the API and the demo data: eight categories with their prices.
  await page.getByTestId('category-list').waitFor();
  assert.equal(await page.getByTestId('category').count(), 8);
  assert.match(await page.locator('[data-testid=category][data-slug=cleaning]').innerText(), /Poetsen[\s\S]*€\s?24,00/);
  // Nothing wider than the phone, and every control big enough for a thumb.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button, a[href], input, select, textarea, [role=button]')]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.width < 44 || r.height < 44))
      .map(({ el, r }) => `${el.outerHTML.slice(0, 80)} is ${Math.round(r.width)}×${Math.round(r.height)}`));
  assert.deepEqual(small, [], 'touch targets under 44×44 px');
  await screenshot(page, 'shell-nl');
  assert.deepEqual(errors, []);
});

test('the manifest is valid and installable, with any and maskable icons', async (t) => {
  const { context, close } = await launchWithProfile(PHONE);
  t.after(close);
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(BASE_URL);
  await page.getByTestId('home-title').waitFor();

  const res = await page.request.get(`${BASE_URL}/manifest.webmanifest`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^application\/manifest\+json/);
  const m = await res.json();
  assert.equal(m.name, 'Klusbuddy');
  assert.ok(m.short_name, 'short_name');
  assert.equal(m.start_url, '/');
  assert.equal(m.display, 'standalone');
  assert.match(m.theme_color, /^#[0-9a-f]{6}$/i);
  assert.match(m.background_color, /^#[0-9a-f]{6}$/i);
  for (const size of ['192x192', '512x512']) {
    for (const purpose of ['any', 'maskable']) {
      assert.ok(m.icons.some((/** @type {any} */ i) => i.sizes === size && (i.purpose ?? 'any').split(' ').includes(purpose)),
        `an icon ${size} for ${purpose}`);
    }
  }
  // Every icon exists, is a PNG and has the size it claims.
  for (const icon of m.icons) {
    const r = await page.request.get(new URL(icon.src, BASE_URL).href);
    assert.equal(r.status(), 200, icon.src);
    const png = await r.body();
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${icon.src} is a PNG`);
    assert.equal(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.sizes, `${icon.src} size`);
  }
  // Chromium's own reading of the manifest: no parse errors, nothing that stops installing.
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest', {});
  assert.deepEqual(manifest.errors, [], 'manifest errors');
  assert.ok(manifest.url.endsWith('/manifest.webmanifest'));
  await page.evaluate(() => navigator.serviceWorker.ready);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, [], 'installability errors');
});

test('the service worker registers, takes control and serves the shell offline, but never /api', async (t) => {
  const page = await phonePage(t);
  await page.goto(BASE_URL);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, `${BASE_URL}/`);
  await page.reload();
  await page.getByTestId('home-title').waitFor();
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker controls the page');

  await page.context().setOffline(true);
  await page.reload();
  assert.equal(await titleOnceItIs(page, TITLES.nl), TITLES.nl, 'shell served from the precache');
  // An API call offline must fail (the worker does not answer it), and the page says it is offline.
  const apiFailed = await page.evaluate(() => fetch('/api/v1/categories').then(() => false, () => true));
  assert.ok(apiFailed, '/api is not served from the service worker');
  await page.getByTestId('offline-banner').waitFor();

  // A screen whose texts are in another part of the catalogue (i18n/index.ts), then another
  // language: their chunks come from the precache too, and no key shows meanwhile.
  await page.evaluate(() => {
    window.history.pushState(null, '', '/signup');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  await page.getByTestId('signup-form').waitFor();
  await page.getByTestId('lang-tr').click();
  await page.waitForFunction(() => document.documentElement.lang === 'tr');
  await page.getByTestId('signup-form').waitFor();
  const text = await page.locator('#main').innerText();
  assert.doesNotMatch(text, /\bsignup\.\w+/, 'a catalogue key on screen');
  assert.equal((await page.locator('#main h1').innerText()).trim(), 'Müşteri olarak kaydol');
});

test('the language switch changes every text at once and is remembered', async (t) => {
  const page = await phonePage(t);
  const errors = watchErrors(page);
  await page.goto(BASE_URL);
  await page.getByTestId('category-list').waitFor();

  await page.getByTestId('lang-fr').click();
  assert.equal(await titleOnceItIs(page, TITLES.fr), TITLES.fr);
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await page.getByTestId('lang-fr').getAttribute('aria-pressed'), 'true');
  assert.match(await page.locator('[data-testid=category][data-slug=cleaning]').innerText(), /Nettoyage/);
  await page.reload();
  assert.equal(await titleOnceItIs(page, TITLES.fr), TITLES.fr, 'choice kept after a reload');

  await page.getByTestId('lang-en').click();
  assert.equal(await titleOnceItIs(page, TITLES.en), TITLES.en);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.match(await page.locator('[data-testid=category][data-slug=cleaning]').innerText(), /Cleaning/);
  assert.deepEqual(errors, []);
});

test('the browser language decides the first language', async (t) => {
  for (const [locale, lang] of [['fr-BE', 'fr'], ['en-GB', 'en'], ['de-DE', 'nl'], ['tr-TR', 'tr'], ['ar-MA', 'ar']]) {
    const page = await phonePage(t, { locale });
    await page.goto(BASE_URL);
    const want = TITLES[/** @type {keyof typeof TITLES} */ (lang)];
    assert.equal(await titleOnceItIs(page, want), want, locale);
    }
});

test('axe-core finds no accessibility violations, in every language', async (t) => {
  const page = await phonePage(t);
  await page.goto(BASE_URL);
  await page.getByTestId('category-list').waitFor();
  for (const lang of ['nl', 'fr', 'en', 'tr', 'ar']) {
    await page.getByTestId(`lang-${lang}`).click();
    assert.deepEqual(await axeViolations(page), [], `axe violations in ${lang}`);
    await screenshot(page, `shell-${lang}`);
  }
});

test('Arabic turns the page right to left, on a 360 px phone, with nothing wider than the screen', async (t) => {
  const page = await phonePage(t);
  const errors = watchErrors(page);
  await page.goto(BASE_URL);
  await page.getByTestId('category-list').waitFor();
  const brandX = async () => (await page.locator('.brand').boundingBox())?.x ?? -1;
  const ltrBrand = await brandX();

  await page.getByTestId('lang-ar').click();
  assert.equal(await titleOnceItIs(page, TITLES.ar), TITLES.ar);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.ok((await brandX()) > ltrBrand, 'the logo moves to the right');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  // Prices keep Latin digits.
  assert.match(await page.locator('[data-testid=category][data-slug=cleaning]').innerText(), /24[.,]00/);
  await screenshot(page, 'shell-ar-rtl');

  // A form in Arabic: fields right to left, the phone or e-mail typed left to right, axe clean.
  await page.getByTestId('landing-login').click();
  await page.locator('input[name="login"]').waitFor();
  assert.equal(await page.locator('input[name="login"]').evaluate((el) => getComputedStyle(el).direction), 'ltr');
  const formOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(formOverflow <= 0, `login page is ${formOverflow}px wider than the screen`);
  assert.deepEqual(await axeViolations(page), [], 'axe violations on the Arabic login page');
  await screenshot(page, 'login-ar-rtl');
  await page.goBack();
  await page.getByTestId('category-list').waitFor();

  await page.getByTestId('lang-nl').click();
  assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
  assert.equal(await brandX(), ltrBrand, 'the Dutch layout is back where it was');
  assert.deepEqual(errors, []);
});
