// @ts-check
// The screens of the people behind the jobs, on a phone, each checked by axe-core: a poster
// changes a job, an admin changes a price, a coach reads why people were asked for a job.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, watchErrors, axeViolations, screenshot, signedIn } from './helpers.mjs';

const POSTER = { login: /** @type {string} */ (process.env.E2E_POSTER), secret: 'klusbuddy-demo' };
const ADMIN = { login: /** @type {string} */ (process.env.E2E_ADMIN), secret: 'klusbuddy-demo' };
const COACH = { login: /** @type {string} */ (process.env.E2E_COACH), secret: 'klusbuddy-demo' };
const JOB = process.env.E2E_JOB ?? '';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


test('a poster changes the description of a job', async (t) => {
  const page = await signedIn(browser, t, POSTER);
  const errors = watchErrors(page);
  await page.getByTestId('poster-home').waitFor();
  await page.goto(`${BASE_URL}/jobs/${JOB}`);
  await page.getByTestId('job-page').waitFor();
  await page.getByTestId('job-edit').click();
  const form = page.getByTestId('job-edit-form');
  await form.waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe on the edit form');
  await form.locator('textarea[name=description]').fill('Ook de ramen aan de achterkant, graag.');
  await page.getByTestId('job-edit-submit').click();
  await page.getByTestId('job-edited').waitFor();
  assert.match(await page.getByTestId('job-page').innerText(), /achterkant/);
  await screenshot(page, 'job-edited');
  assert.deepEqual(errors, []);
});

test('a poster posts a job for a day of choice within a window', async (t) => {
  const page = await signedIn(browser, t, POSTER);
  const errors = watchErrors(page);
  await page.goto(`${BASE_URL}/jobs/new`);
  const form = page.getByTestId('job-form');
  await form.waitFor();
  await form.locator('input[name=category][value=ironing]').check({ force: true });
  const d = new Date();
  d.setDate(d.getDate() + 8);
  const iso = (/** @type {Date} */ x) => `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}-${String(x.getDate()).padStart(2, '0')}`;
  await form.locator('input[name=date]').fill(iso(d));
  await form.locator('input[name=time]').fill('10:00');
  await form.locator('input[name=days][value=window]').check({ force: true });
  const last = new Date(d);
  last.setDate(last.getDate() + 3);
  await form.locator('input[name=last_day]').fill(iso(last));
  await page.getByTestId('window-summary').filter({ hasText: '4' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe on the form with a window of days');
  await page.getByTestId('job-submit').click();
  await page.getByTestId('job-page').waitFor();
  await page.getByTestId('job-window-note').first().waitFor();
  await screenshot(page, 'job-window');
  assert.deepEqual(errors, []);
});

test('an admin changes a unit price', async (t) => {
  const page = await signedIn(browser, t, ADMIN);
  const errors = watchErrors(page);
  await page.goto(`${BASE_URL}/admin/categories`);
  await page.getByTestId('admin-categories').waitFor();
  await page.getByTestId('category-row').first().waitFor();
  assert.ok((await page.getByTestId('category-row').count()) >= 8, 'every demo category is listed');
  assert.deepEqual(await axeViolations(page), [], 'axe on the category list');
  const row = page.locator('[data-testid=category-row][data-slug=ironing]');
  await row.getByTestId('category-edit').click();
  const form = page.getByTestId('category-form');
  await form.waitFor();
  await form.locator('input[name=unit_price_cents]').fill('23,50');
  assert.deepEqual(await axeViolations(page), [], 'axe on the category form');
  await page.getByTestId('category-save').click();
  await row.getByTestId('category-price').filter({ hasText: '23,50' }).waitFor();
  await screenshot(page, 'admin-categories');
  assert.deepEqual(errors, []);
});

test('a coach reads why each worker was asked', async (t) => {
  const page = await signedIn(browser, t, COACH);
  const errors = watchErrors(page);
  await page.goto(`${BASE_URL}/coach/jobs?filter=all`);
  await page.getByTestId('coach-board').waitFor();
  await page.getByTestId('board-job').first().waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe on the match board');
  await page.goto(`${BASE_URL}/coach/jobs/${JOB}`);
  await page.getByTestId('coach-job').waitFor();
  await page.getByTestId('coach-offer').first().waitFor();
  await page.getByTestId('coach-breakdown').first().waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe on a job with its offers');
  await screenshot(page, 'coach-job');

  // Stepping in: the organisation's workers with their verdicts, one picked, on a phone.
  await page.getByTestId('stepin-load').click();
  await page.getByTestId('stepin-candidate').first().waitFor();
  const pick = page.getByTestId('stepin-pick').first();
  if (await pick.count()) {
    await pick.click();
    await page.getByTestId('stepin-chosen').waitFor();
  }
  assert.deepEqual(await axeViolations(page), [], 'axe on stepping in');
  assert.ok(await fitsTheScreen(page), 'stepping in fits 360 px');
  await screenshot(page, 'coach-stepin');

  // A household that phoned: the coordinator's form.
  await page.goto(`${BASE_URL}/coach/phoned`);
  await page.getByTestId('phoned-submit').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe on the phoned household form');
  assert.ok(await fitsTheScreen(page), 'the phoned household form fits 360 px');
  assert.deepEqual(errors, []);
});

/** @param {import('playwright-core').Page} page */
function fitsTheScreen(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}
