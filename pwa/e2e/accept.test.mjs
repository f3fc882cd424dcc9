// @ts-check
// Run after posting.test.mjs on the same server: a worker who got the offer sees it on their
// phone when they open the app, accepts with one tap and sees the job
// with its address; the poster, in another browser context, sees who is coming.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchErrors, axeViolations, screenshot, signedIn } from './helpers.mjs';

const WORKER = { login: /** @type {string} */ (process.env.E2E_WORKER), secret: '358024', firstName: process.env.E2E_WORKER_NAME ?? '' };
const POSTER = { login: /** @type {string} */ (process.env.E2E_POSTER), secret: 'klusbuddy-demo' };

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


test('the worker accepts the offer with one tap and the poster sees who is coming', async (t) => {
  assert.ok(WORKER.login && POSTER.login, 'E2E_WORKER and E2E_POSTER are set');
  const worker = await signedIn(browser, t, WORKER);
  const errors = watchErrors(worker);
  await worker.getByTestId('worker-home').waitFor();
  const offer = worker.getByTestId('offer').first();
  await offer.waitFor();
  assert.match(await offer.getByTestId('offer-countdown').innerText(), /\d/);
  assert.deepEqual(await axeViolations(worker), [], 'axe on the worker home with an offer');
  await screenshot(worker, 'offer');
  await offer.getByTestId('offer-accept').click();
  // Settled, or held while a buddy is found when this worker needs one (buddy.test.mjs goes on from there).
  await worker.locator('[data-testid=offer-accepted], [data-testid=offer-held]').first().waitFor();
  const booked = worker.getByTestId('assignment').first();
  await booked.waitFor();
  assert.match(await booked.getByTestId('assignment-address').innerText(), /\d{4}/, 'the exact address with its postcode');
  assert.deepEqual(await axeViolations(worker), [], 'axe after accepting');
  await screenshot(worker, 'accepted');
  assert.deepEqual(errors, []);

  const poster = await signedIn(browser, t, POSTER);
  await poster.getByTestId('poster-home').waitFor();
  const card = poster.getByTestId('job-card').first();
  await card.waitFor();
  await card.click();
  await poster.getByTestId('job-page').waitFor();
  assert.match(await poster.getByTestId('job-places').innerText(), new RegExp(WORKER.firstName));
});
