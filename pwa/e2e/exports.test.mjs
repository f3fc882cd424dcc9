// @ts-check
// Exports for funders on a coordinator's phone (360 px). The Go test
// (internal/e2e/exports_test.go) posted a job in the coordinator's organisation; the coordinator
// opens the exports screen from home, sets the period, downloads the jobs export and the file
// that arrives holds the header row and E2E_ROWS rows, and nothing personal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BASE_URL, launch, signedIn, watchErrors, axeViolations, screenshot } from './helpers.mjs';

const COACH = { login: /** @type {string} */ (process.env.E2E_COACH), secret: 'klusbuddy-demo' };
const FROM = /** @type {string} */ (process.env.E2E_FROM);
const TO = /** @type {string} */ (process.env.E2E_TO);
const ROWS = Number(process.env.E2E_ROWS);

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a coordinator downloads the jobs export with its rows', async (t) => {
  assert.ok(COACH.login && FROM && TO && ROWS > 0, 'E2E_COACH, E2E_FROM, E2E_TO and E2E_ROWS are set');
  const page = await signedIn(browser, t, COACH, { acceptDownloads: true });
  const errors = watchErrors(page);
  await page.getByTestId('home-exports').click();
  await page.waitForURL((u) => u.pathname === '/coach/exports');
  await page.locator('input[name=from]').fill(FROM);
  await page.locator('input[name=to]').fill(TO);
  assert.deepEqual(await axeViolations(page), [], 'axe on the exports screen');

  // The file is saved once the last row is in.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-jobs-download').click()]);
  assert.equal(download.suggestedFilename(), `klusbuddy-jobs-${FROM}-${TO}.csv`);
  const text = (await readFile(/** @type {string} */ (await download.path()), 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.trimEnd().split('\n');
  assert.match(lines[0] ?? '', /^klus;organisatie;gemeente;categorie;/, 'the header row in Dutch');
  assert.equal(lines.length - 1, ROWS, 'one line per job');
  assert.match(lines[1] ?? '', /^J[A-Z2-7]{12};/, 'a job key, not an id');
  const done = page.getByTestId('export-done');
  await done.waitFor();
  assert.match(await done.innerText(), new RegExp(ROWS === 1 ? '1 rij\\.' : `${ROWS} rijen`));
  assert.deepEqual(await axeViolations(page), [], 'axe after the download');
  await screenshot(page, 'exports-done');
  assert.deepEqual(errors, [], 'no console errors');
});
