// @ts-check
// Real-time delivery in two browser contexts: the worker's home is open when the poster posts;
// the offer appears on the worker's phone without a reload, and the worker's accept shows on the
// poster's job page without a reload. axe-core checks both live pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, watchErrors, axeViolations, screenshot, signedIn, fillCleaningJob } from './helpers.mjs';

const WORKER = { login: /** @type {string} */ (process.env.E2E_WORKER), secret: '358024', firstName: process.env.E2E_WORKER_NAME ?? '' };
const POSTER = { login: /** @type {string} */ (process.env.E2E_POSTER), secret: 'klusbuddy-demo' };

// In Belgium, as the phones are: "10:00" in the form is then the time the Go test chose.
const BELGIUM = { timezoneId: 'Europe/Brussels' };

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


/**
 * Marks the page so that a reload (which would clear the mark) can be told from a live update.
 * @param {import('playwright-core').Page} page
 */
async function mark(page) {
  await page.evaluate(() => { /** @type {any} */ (window).__live = true; });
}

/** @param {import('playwright-core').Page} page */
async function stillMarked(page) {
  return page.evaluate(() => /** @type {any} */ (window).__live === true);
}

test('an offer appears live on the worker’s phone and the accept appears live for the poster', async (t) => {
  assert.ok(WORKER.login && POSTER.login, 'E2E_WORKER and E2E_POSTER are set');
  const worker = await signedIn(browser, t, WORKER, BELGIUM);
  const workerErrors = watchErrors(worker);
  await worker.getByTestId('worker-home').waitFor();
  await worker.locator('[data-testid=connection][data-state=live]').waitFor();
  assert.equal(await worker.getByTestId('offer').count(), 0, 'no open offer before the job is posted');
  assert.equal(await worker.getByTestId('push-ask').count(), 0, 'no question about notifications on first load');
  await mark(worker);

  // The poster posts in another context, through the form.
  const poster = await signedIn(browser, t, POSTER, BELGIUM);
  const posterErrors = watchErrors(poster);
  await poster.getByTestId('poster-home').waitFor();
  await poster.getByTestId('post-job').click();
  await fillCleaningJob(poster);
  await poster.getByTestId('job-submit').click();
  await poster.getByTestId('job-page').waitFor();
  await poster.locator('[data-testid=connection][data-state=live]').waitFor();
  await mark(poster);

  // The worker's page shows it without anyone reloading.
  const offer = worker.getByTestId('offer').first();
  await offer.waitFor();
  assert.ok(await stillMarked(worker), 'the offer came without a reload');
  assert.match(await offer.getByTestId('offer-countdown').innerText(), /\d/);
  // The first offer is the moment to ask about notifications (never on first load).
  await worker.getByTestId('push-ask').waitFor();
  assert.deepEqual(await axeViolations(worker), [], 'axe on the worker home with a live offer');
  await screenshot(worker, 'live-offer');

  await offer.getByTestId('offer-accept').click();
  await worker.getByTestId('offer-accepted').waitFor();

  // The poster's page names who is coming, live.
  await poster.getByTestId('job-places').filter({ hasText: WORKER.firstName }).waitFor();
  assert.ok(await stillMarked(poster), 'the poster saw the accept without a reload');
  assert.equal(await poster.getByTestId('job-state').getAttribute('data-state'), 'filled');
  assert.deepEqual(await axeViolations(poster), [], 'axe on the poster’s live job page');
  await screenshot(poster, 'live-filled');

  // The worker can turn notifications on or off for this phone.
  await worker.goto(`${BASE_URL}/devices`);
  const settings = worker.getByTestId('push-settings');
  await settings.waitFor();
  assert.ok(['on', 'off', 'denied', 'unsupported'].includes(
    (await settings.getByTestId('push-settings-state').getAttribute('data-state')) ?? ''));
  assert.deepEqual(await axeViolations(worker), [], 'axe on the devices screen with the notifications switch');
  await screenshot(worker, 'push-settings');
  assert.deepEqual(workerErrors, []);
  assert.deepEqual(posterErrors, []);
});
