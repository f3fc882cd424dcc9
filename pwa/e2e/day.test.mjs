// @ts-check
// The day of the job on a worker's phone (360 px) and a coach's open board. The Go test
// (internal/e2e/day_test.go) booked the worker on a job a week ahead and moved the server's
// clock to 20 minutes before its start; E2E_CLOCK_OFFSET_MS moves the browsers' clocks there
// too. Offline, the booked job, the offers and the hours seen before survive a reload, marked
// as possibly out of date, and "Ik ben er" waits on the phone; back online
// it is sent (the Go test checks it arrived once, with the phone's time) and the lists recover
// without a tap. The worker then does not feel safe: the coach's board shows it live. The
// job's reminders are in the worker's list of what happened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PHONE, launch, watchErrors, axeViolations, screenshot } from './helpers.mjs';

const OFFSET = Number(process.env.E2E_CLOCK_OFFSET_MS);
const WORKER = { login: /** @type {string} */ (process.env.E2E_WORKER), secret: '358024' };
const COACH = { login: /** @type {string} */ (process.env.E2E_COACH), secret: 'klusbuddy-demo' };
const JOB = Number(process.env.E2E_JOB);

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * A context whose clock stands where the server's does, signed in as `who`.
 * @param {import('node:test').TestContext} t
 * @param {{login: string, secret: string}} who
 * @param {object} [options]
 */
async function signedInOnTheDay(t, who, options = {}) {
  const context = await browser.newContext({ ...PHONE, timezoneId: 'Europe/Brussels', ...options });
  t.after(() => context.close());
  // Time flows from there as it does on a real phone.
  await context.clock.install({ time: Date.now() + OFFSET });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${BASE_URL}/login`);
  await page.locator('input[name=login]').fill(who.login);
  await page.locator('input[name=secret]').fill(who.secret);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === '/');
  return { context, page };
}

test('offline check-in waits on the phone and is sent once back online; a safety report reaches the coach live', async (t) => {
  assert.ok(WORKER.login && COACH.login && JOB && Number.isFinite(OFFSET), 'E2E_WORKER, E2E_COACH, E2E_JOB and E2E_CLOCK_OFFSET_MS are set');

  // The coach's board is open at a desk.
  const { page: board } = await signedInOnTheDay(t, COACH, { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });
  const boardErrors = watchErrors(board);
  // Today's jobs, in columns by state; who is booked on the job has not come yet.
  await board.goto(`${BASE_URL}/coach/jobs?filter=today`);
  await board.locator('[data-testid=connection][data-state=live]').waitFor();
  const onBoard = board.locator(`[data-testid=board-job][data-job-id="${JOB}"] [data-testid=board-person][data-role=worker]`);
  await onBoard.waitFor();
  assert.ok(!/checked_in|late/.test((await onBoard.getAttribute('data-arrival')) ?? ''), 'the worker is not there yet');

  // The worker opens the app once online: the booked job is on the home screen.
  const { context, page: worker } = await signedInOnTheDay(t, WORKER);
  await worker.getByTestId('worker-home').waitFor();
  const card = worker.locator(`[data-testid=assignment][data-job-id="${JOB}"]`);
  await card.waitFor();
  // The service worker is installed (it takes control from the next load, as on a phone).
  await worker.evaluate(async () => { await navigator.serviceWorker.ready; });
  await worker.reload();
  await card.waitFor();
  assert.ok(await worker.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker controls the page');
  // Her hours, seen once online: the phone keeps them too.
  await worker.getByTestId('home-hours').click();
  await worker.getByTestId('cap-month').waitFor();
  await worker.goBack();
  await card.waitFor();

  // No connection; the app is reloaded (as after the phone killed it).
  await context.setOffline(true);
  await worker.reload();
  await worker.getByTestId('worker-home').waitFor();
  await card.waitFor();
  const text = await card.innerText();
  assert.match(text, /\d{1,2}[:.]\d{2}/, 'the time is shown offline');
  assert.ok((await card.getByTestId('assignment-address').innerText()).trim().length > 0, 'the address is shown offline');
  // The lists show what the phone kept, marked as possibly out of date.
  await worker.getByTestId('assignments-stale').waitFor();
  await worker.getByTestId('offers-stale').waitFor();
  // Her hours show as last seen, marked too; back to the booked job.
  await worker.getByTestId('home-hours').click();
  await worker.getByTestId('my-hours-stale').waitFor();
  await worker.getByTestId('cap-month').waitFor();
  assert.deepEqual(await axeViolations(worker), [], 'axe on the hours kept on the phone, offline');
  await screenshot(worker, 'day-offline-hours');
  await worker.goBack();
  await card.waitFor();

  // "Ik ben er" waits on the phone.
  await card.getByTestId('day-check-in').click();
  await card.getByTestId('day-waiting').waitFor();
  assert.deepEqual(await axeViolations(worker), [], 'axe on the booked job with a waiting check-in, offline');
  await screenshot(worker, 'day-offline-waiting');

  // Back online: the check-in goes, and the screen recovers without a tap.
  await context.setOffline(false);
  await card.getByTestId('day-waiting').waitFor({ state: 'detached', timeout: 30_000 });
  await card.getByTestId('day-checked-in').waitFor();
  await worker.locator('[data-testid=connection][data-state=live]').waitFor({ timeout: 30_000 });
  await worker.getByTestId('assignments-stale').waitFor({ state: 'detached', timeout: 30_000 });
  await worker.getByTestId('offers-stale').waitFor({ state: 'detached' });
  assert.equal(await worker.getByRole('button', { name: /Opnieuw proberen/ }).count(), 0, 'no list is left in error');

  // The coach's open board shows the arrival without a reload (a board event names the job).
  await board.locator(`[data-testid=board-job][data-job-id="${JOB}"] [data-testid=board-person][data-role=worker]:is([data-arrival=checked_in], [data-arrival=late])`).waitFor();
  assert.deepEqual(await axeViolations(board), [], 'axe on the wide board');
  await screenshot(board, 'day-board-wide');

  // The worker does not feel safe.
  await card.getByTestId('safety-button').click();
  await card.getByTestId('safety-confirm').click();
  const safe = worker.getByTestId('safety-screen');
  await safe.waitFor();
  assert.match(await safe.innerText(), /112/);
  assert.ok(await safe.locator('a[href="tel:112"]').count() > 0, 'a one-tap call to 112');
  assert.deepEqual(await axeViolations(worker), [], 'axe on the safety screen');
  await screenshot(worker, 'day-safety');

  await worker.locator('[data-testid=safety-state][data-state=sent]').waitFor();
  // The reminders of the job (the evening before, two hours before) are in the app's list too.
  await worker.goto(`${BASE_URL}/berichten`);
  await worker.locator('[data-testid=news-item][data-kind=reminder]').first().waitFor();
  assert.deepEqual(await axeViolations(worker), [], 'axe on Berichten');
  await screenshot(worker, 'day-news');

  // The coach's open board shows it at once.
  const alert = board.getByTestId('safety-alert').filter({ hasText: /niet veilig/ });
  await alert.waitFor();
  await screenshot(board, 'day-board-safety');
  assert.deepEqual(await axeViolations(board), [], 'axe on the board with a safety alert');
  assert.deepEqual(boardErrors, []);
});
