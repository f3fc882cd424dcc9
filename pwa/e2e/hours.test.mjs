// @ts-check
// After the job, on a worker's phone (360 px) and a poster's. The Go test
// (internal/e2e/hours_test.go) booked the worker on a job, checked them in five minutes late and
// moved the server's clock to three minutes after the job's end; E2E_CLOCK_OFFSET_MS moves the
// browsers' clocks there too. The worker taps "Klaar", confirms the proposed two hours, the
// poster approves them, and both find them afterwards: the worker among their hours, the poster
// on the month's statement.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PHONE, launch, watchErrors, axeViolations, screenshot } from './helpers.mjs';

const OFFSET = Number(process.env.E2E_CLOCK_OFFSET_MS);
const WORKER = { login: /** @type {string} */ (process.env.E2E_WORKER), secret: '358024' };
const POSTER = { login: /** @type {string} */ (process.env.E2E_POSTER), secret: 'klusbuddy-demo' };
const JOB = Number(process.env.E2E_JOB);
const MONTH = /** @type {string} */ (process.env.E2E_MONTH);
const TOTAL_CENTS = Number(process.env.E2E_TOTAL_CENTS);

/** The digits of an amount as shown ("€ 55,00" → 5500). */
const cents = (/** @type {string} */ text) => Number(text.replace(/[^\d]/g, ''));

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * A phone whose clock stands where the server's does, signed in as `who`.
 * @param {import('node:test').TestContext} t
 * @param {{login: string, secret: string}} who
 */
async function signedIn(t, who) {
  const context = await browser.newContext({ ...PHONE, timezoneId: 'Europe/Brussels' });
  t.after(() => context.close());
  await context.clock.install({ time: Date.now() + OFFSET });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${BASE_URL}/login`);
  await page.locator('input[name=login]').fill(who.login);
  await page.locator('input[name=secret]').fill(who.secret);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === '/');
  return page;
}

test('from check-out to the approved hours, the worker\'s hours and the monthly statement', async (t) => {
  assert.ok(WORKER.login && POSTER.login && JOB && MONTH && TOTAL_CENTS > 0 && Number.isFinite(OFFSET), 'E2E_WORKER, E2E_POSTER, E2E_JOB, E2E_MONTH, E2E_TOTAL_CENTS and E2E_CLOCK_OFFSET_MS are set');

  // The worker taps "Klaar"; the hours are proposed from the check-in and check-out.
  const worker = await signedIn(t, WORKER);
  const workerErrors = watchErrors(worker);
  const card = worker.locator(`[data-testid=assignment][data-job-id="${JOB}"]`);
  await card.waitFor();
  await card.getByTestId('day-check-out').click();
  await card.getByTestId('day-checked-out').waitFor();
  const proposed = card.getByTestId('hours-proposed');
  await proposed.waitFor();
  assert.match(await proposed.innerText(), /\b2 u(ur)?\b/, 'two hours proposed for 1 h 58');
  assert.deepEqual(await axeViolations(worker), [], 'axe on the proposed hours');
  await screenshot(worker, 'hours-proposed');
  await card.getByTestId('hours-ok').click();
  await card.locator('[data-testid=hours-state][data-state=confirmed]').waitFor();

  // The poster approves them on the job's page.
  const poster = await signedIn(t, POSTER);
  const posterErrors = watchErrors(poster);
  await poster.goto(`${BASE_URL}/jobs/${JOB}`);
  const sheet = poster.getByTestId('job-sheet').first();
  await sheet.locator('[data-testid=job-sheet-approve]').waitFor();
  assert.deepEqual(await axeViolations(poster), [], 'axe on the hours to approve');
  await sheet.getByTestId('job-sheet-approve').click();
  await poster.locator('[data-testid=job-sheet][data-state=approved]').waitFor();
  await screenshot(poster, 'hours-approved');

  // The worker finds the approved hours among their own, from the home screen (this month's,
  // by the moved clock); their
  // organisation sets no rate, so no amount is shown (and never the poster's price).
  await worker.goto(`${BASE_URL}/`);
  await worker.getByTestId('worker-home').waitFor();
  await worker.getByTestId('home-hours').click();
  await worker.waitForURL((u) => u.pathname === '/uren');
  const worked = worker.locator(`[data-testid=worked-job][data-job="${JOB}"][data-final=true]`).first();
  await worked.waitFor();
  assert.match(await worked.getByTestId('worked-job-hours').innerText(), /\b2 u(ur)?\b/, 'two approved hours');
  assert.doesNotMatch(await worker.locator('main').innerText(), /€/, 'no amount without the organisation\'s rate');
  assert.deepEqual(await axeViolations(worker), [], 'axe on the worker\'s hours');
  await screenshot(worker, 'hours-worker');

  // The poster finds the month's statement from the home screen: the job's line, its amount,
  // the month's total, printable and as CSV.
  await poster.goto(`${BASE_URL}/`);
  await poster.getByTestId('home-statements').click();
  await poster.waitForURL((u) => u.pathname === '/afrekeningen');
  await poster.locator(`a[href="/afrekening/${MONTH}"]`).click();
  await poster.waitForURL((u) => u.pathname === `/afrekening/${MONTH}`);
  const job = poster.locator(`[data-testid=statement-job][data-job-id="${JOB}"]`);
  await job.waitFor();
  assert.equal(await job.locator('[data-testid=statement-line][data-billed=yes]').count(), 1, 'one billed line: the worker');
  assert.equal(cents(await job.getByTestId('statement-job-total').innerText()), TOTAL_CENTS, 'the job costs the price × 2 hours');
  assert.equal(cents(await poster.getByTestId('statement-month-total').innerText()), TOTAL_CENTS, 'the month\'s total');
  assert.deepEqual(await axeViolations(poster), [], 'axe on the statement');
  await screenshot(poster, 'hours-statement');
  const csvHref = await poster.getByTestId('statement-csv').getAttribute('href');
  assert.ok(csvHref, 'a CSV link');
  const csv = await poster.request.get(new URL(csvHref, BASE_URL).toString());
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'] ?? '', /text\/csv/);
  const euros = `${Math.floor(TOTAL_CENTS / 100)},${String(TOTAL_CENTS % 100).padStart(2, '0')}`;
  assert.ok((await csv.text()).includes(euros), `the CSV holds ${euros}`);

  assert.deepEqual(workerErrors, []);
  assert.deepEqual(posterErrors, []);
});
