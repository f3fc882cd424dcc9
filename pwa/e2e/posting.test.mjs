// @ts-check
// A household posts a job on a phone in one screen, sees the price before posting, and lands on
// the job's page, where the first wave of offers is already out. axe-core checks each screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PHONE, launch, watchErrors, axeViolations, screenshot, fillCleaningJob } from './helpers.mjs';

const POSTER = { login: /** @type {string} */ (process.env.E2E_POSTER), secret: 'klusbuddy-demo' };

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a poster posts a job in one screen and the offers go out', async (t) => {
  assert.ok(POSTER.login, 'E2E_POSTER names a demo poster');
  const context = await browser.newContext(PHONE);
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors = watchErrors(page);

  await page.goto(`${BASE_URL}/login`);
  await page.locator('input[name=login]').fill(POSTER.login);
  await page.locator('input[name=secret]').fill(POSTER.secret);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('poster-home').waitFor();
  await page.getByTestId('post-job').click();

  await page.getByTestId('job-form').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe on the job form');
  await fillCleaningJob(page);
  await page.getByTestId('workers-plus').click();
  // The price before posting: cleaning is € 24,00 an hour, two workers for two hours.
  assert.match(await page.getByTestId('price-estimate').innerText(), /96,00/);
  await screenshot(page, 'posting-form');
  await page.getByTestId('job-submit').click();

  await page.getByTestId('job-page').waitFor();
  const state = await page.getByTestId('job-state').getAttribute('data-state');
  assert.ok(state === 'offering', `job state ${state}: the first wave should be out`);
  assert.deepEqual(await axeViolations(page), [], 'axe on the job page');
  await screenshot(page, 'posting-job');

  const jobId = new URL(page.url()).pathname.split('/').pop();

  // Home: the new job among the upcoming ones, the demo's history below it with amounts.
  await page.goto(BASE_URL);
  await page.getByTestId('my-jobs').waitFor();
  assert.equal(await page.locator(`[data-testid=job-card][data-job-id="${jobId}"]`).count(), 1, 'the new job on the home screen');
  await page.getByTestId('job-card-amount').first().waitFor();
  assert.ok((await page.getByTestId('job-card').count()) > 1, 'the demo household has past jobs');
  assert.deepEqual(errors, []);
});
