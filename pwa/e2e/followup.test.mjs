// @ts-check
// Under the radar, on a coordinator's phone (360 px). The Go test (internal/e2e/followup_test.go)
// invited a new worker; this script opens "Opvolgen", checks the worker is not on it, says so
// (GET /healthz), and the Go test moves the server's clock past the invite's three days. The
// sweep puts the worker on the list: the screen shows them without a reload. The coordinator
// notes a call and the entry shows it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PHONE, launch, watchErrors, axeViolations, screenshot } from './helpers.mjs';

const COACH = { login: /** @type {string} */ (process.env.E2E_COACH), secret: 'klusbuddy-demo' };
const PERSON = Number(process.env.E2E_PERSON);

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('someone entering the follow-up list shows live; the coordinator notes a call', async (t) => {
  assert.ok(COACH.login && PERSON > 0, 'E2E_COACH and E2E_PERSON are set');
  const context = await browser.newContext({ ...PHONE, timezoneId: 'Europe/Brussels' });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors = watchErrors(page);
  await page.goto(`${BASE_URL}/login`);
  await page.locator('input[name=login]').fill(COACH.login);
  await page.locator('input[name=secret]').fill(COACH.secret);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === '/');
  await page.getByTestId('coach-home').waitFor();

  // From the home's count to the list.
  await page.getByTestId('home-follow-up').click();
  await page.waitForURL((u) => u.pathname === '/coach/follow-up');
  await page.getByTestId('follow-up-screen').waitFor();
  await page.locator('[data-testid=follow-up-empty], [data-testid=follow-up-list]').first().waitFor();
  const entry = page.locator(`[data-testid=follow-up-person][data-person-id="${PERSON}"]`);
  assert.equal(await entry.count(), 0, 'not on the list before the three days');
  assert.deepEqual(await axeViolations(page), [], 'axe on the list');
  // A mark on this document: a reload would lose it.
  await page.evaluate(() => { /** @type {any} */ (window).__stillHere = true; });

  // The Go test moves the server's clock now.
  assert.equal((await page.request.get(`${BASE_URL}/healthz`)).status(), 200);
  await entry.waitFor({ timeout: 30_000 });
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__stillHere), true, 'shown without a reload');
  assert.match(await entry.getByTestId('follow-up-reason').first().innerText(), /Uitnodiging na 3 dagen niet gebruikt/);
  assert.deepEqual(await axeViolations(page), [], 'axe with someone on the list');
  await screenshot(page, 'follow-up-entered');

  // The coordinator notes a call; the entry shows it as the latest action.
  await entry.getByLabel(/Notitie over Radar/).fill('Gebeld: komt morgen langs');
  await entry.getByTestId('follow-up-call').click();
  await page.getByTestId('follow-up-done').waitFor();
  const latest = page.locator(`[data-testid=follow-up-person][data-person-id="${PERSON}"] [data-testid=follow-up-latest]`);
  await latest.waitFor();
  assert.match(await latest.innerText(), /Gebeld door .*: Gebeld: komt morgen langs/);
  await screenshot(page, 'follow-up-called');
  assert.deepEqual(errors, []);
});
