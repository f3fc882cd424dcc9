// @ts-check
// Impact (issue 13) on a 360 px phone. The Go test (internal/e2e/impact_test.go) wrote six
// approved jobs in Genk by six workers and two in Hasselt by two. The public page, without
// signing in, shows Genk's figures, hides Hasselt's numbers about two people and says why, in
// Dutch, French, Arabic (right to left) and Turkish; a coordinator reads their figures, charts with tables, and the CSV link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PHONE, launch, signedIn, watchErrors, axeViolations, screenshot } from './helpers.mjs';

const COACH = { login: /** @type {string} */ (process.env.E2E_COACH), secret: 'klusbuddy-demo' };
const YEAR = /** @type {string} */ (process.env.E2E_YEAR);

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the public page shows figures, hides small ones and says why', async (t) => {
  const context = await browser.newContext({ ...PHONE });
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${BASE_URL}/impact?municipality=Genk&date=${YEAR}-01-01`);
  assert.match(await page.locator('h1').innerText(), /Genk/);
  const genk = page.locator('section').first();
  assert.match(await genk.innerText(), /Mensen aan het werk\s+6/);
  assert.deepEqual(await axeViolations(page), [], 'axe on the public page');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide at 360`);
  await screenshot(page, 'impact-public');

  await page.goto(`${BASE_URL}/impact?municipality=Hasselt&date=${YEAR}-01-01&lang=fr`);
  const hasselt = page.locator('section').first();
  assert.match(await hasselt.innerText(), /masqué/);
  assert.match(await hasselt.innerText(), /moins de 5 personnes/);
  assert.deepEqual(await axeViolations(page), [], 'axe on a municipality with hidden numbers');

  // Arabic reads right to left (issue 14); five language links still fit at 360 px.
  await page.goto(`${BASE_URL}/impact?municipality=Hasselt&date=${YEAR}-01-01&lang=ar`);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.match(await page.locator('section').first().innerText(), /أقل من 5 أشخاص/);
  assert.equal(await page.locator('.langs a').count(), 5, 'a link per interface language');
  assert.deepEqual(await axeViolations(page), [], 'axe on the Arabic page');
  const rtlWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(rtlWidth <= 360, `the Arabic page is ${rtlWidth} px wide at 360`);
  await screenshot(page, 'impact-public-ar');
  await page.goto(`${BASE_URL}/impact?municipality=Hasselt&date=${YEAR}-01-01&lang=tr`);
  assert.match(await page.locator('section').first().innerText(), /gizli/);
  assert.deepEqual(await axeViolations(page), [], 'axe on the Turkish page');

  const res = await page.goto(`${BASE_URL}/impact/embed?municipality=Genk&date=${YEAR}-01-01`);
  assert.equal(res?.headers()['x-frame-options'], undefined, 'the embed may be framed');
  assert.deepEqual(errors, []);
});

test('a coordinator reads the impact figures with charts and tables', async (t) => {
  assert.ok(COACH.login, 'E2E_COACH is set');
  const page = await signedIn(browser, t, COACH);
  const errors = watchErrors(page);
  await page.getByTestId('home-impact').click();
  await page.getByTestId('impact-figures').waitFor();
  await page.getByTestId('impact-chart-hours').waitFor();
  assert.equal(await page.getByTestId('impact-chart-hours').locator('tbody tr').count(), 12, 'a row per month');
  assert.match(await page.getByTestId('impact-csv').getAttribute('href') ?? '', /format=csv/);
  assert.deepEqual(await axeViolations(page), [], 'axe on the impact screen');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the screen is ${width} px wide at 360`);
  await screenshot(page, 'impact-coach');
  assert.deepEqual(errors, []);
});
