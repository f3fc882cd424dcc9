// @ts-check
// Run after the Go test has posted a job on which a buddy must come and a worker has accepted
// it: a buddy sees the request on their phone, confirms with one tap and sees the job with its
// address; the worker, in another context, sees that their buddy comes along.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchErrors, axeViolations, screenshot, signedIn } from './helpers.mjs';

const BUDDY = { login: /** @type {string} */ (process.env.E2E_BUDDY), secret: '358024', firstName: process.env.E2E_BUDDY_NAME ?? '' };
const WORKER = { login: /** @type {string} */ (process.env.E2E_WORKER), secret: '358024', firstName: process.env.E2E_WORKER_NAME ?? '' };

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


test('a buddy confirms a request and the worker sees who comes along', async (t) => {
  assert.ok(BUDDY.login && WORKER.login, 'E2E_BUDDY and E2E_WORKER are set');
  const worker = await signedIn(browser, t, WORKER);
  await worker.getByTestId('worker-home').waitFor();
  const waiting = worker.getByTestId('assignment-buddy').first();
  await waiting.waitFor();
  assert.equal(await waiting.getAttribute('data-state'), 'searching', 'the worker waits for a buddy');
  assert.deepEqual(await axeViolations(worker), [], 'axe on the worker home, waiting for a buddy');

  const buddy = await signedIn(browser, t, BUDDY);
  const errors = watchErrors(buddy);
  await buddy.getByTestId('buddy-home').waitFor();
  const request = buddy.getByTestId('buddy-request').first();
  await request.waitFor();
  assert.match(await request.innerText(), new RegExp(WORKER.firstName), 'the request names the worker');
  assert.deepEqual(await axeViolations(buddy), [], 'axe on the buddy home with a request');
  await screenshot(buddy, 'buddy-request');
  await request.getByTestId('buddy-request-confirm').click();
  await buddy.getByTestId('buddy-confirmed').waitFor();
  const going = buddy.getByTestId('accompaniment').first();
  await going.waitFor();
  assert.match(await going.getByTestId('accompaniment-address').innerText(), /\d{4}/, 'the exact address with its postcode');
  assert.deepEqual(await axeViolations(buddy), [], 'axe after confirming');
  await screenshot(buddy, 'buddy-confirmed');
  assert.deepEqual(errors, []);

  await worker.reload();
  const confirmed = worker.getByTestId('assignment-buddy').first();
  await confirmed.waitFor();
  assert.equal(await confirmed.getAttribute('data-state'), 'confirmed');
  assert.match(await confirmed.innerText(), new RegExp(BUDDY.firstName));
});
