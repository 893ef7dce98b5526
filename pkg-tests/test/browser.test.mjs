// Headless Chromium (system browser, driven by playwright-core): the packages as plain ES modules
// under a strict CSP, a Vite-built app, and the demo page, with a screenshot of each.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumForSuite, launchChromium } from '../lib/chromium.mjs';
import { defaultMounts, repoRoot, serve } from '../lib/server.mjs';
import { buildViteApp } from '../lib/vite-app.mjs';

const executablePath = chromiumForSuite('the browser suite');

const screenshots = join(repoRoot, 'build/screenshots');
let browser;
let server;

before(async () => {
  if (!executablePath) return;
  const viteDist = await buildViteApp();
  server = await serve({
    mounts: [
      ['/test-pages/', join(repoRoot, 'pkg-tests/pages')],
      ['/vite/', viteDist],
      ...defaultMounts(),
    ],
  });
  browser = await launchChromium(executablePath);
  mkdirSync(screenshots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page, waits for body[data-ready], and returns what it reported with its problems. */
async function open(path, screenshot) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const response = await page.goto(`${server.url}${path}`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 15000 });
  await page.screenshot({ path: join(screenshots, screenshot), fullPage: true });
  return { page, problems };
}

test('packages load as ES modules under a strict CSP and behave as in Node', { skip: !executablePath }, async () => {
  const { page, problems } = await open('/test-pages/packages.html', 'packages.png');
  const r = await page.evaluate(() => window.__results);
  assert.deepEqual(problems, []);
  assert.equal(r.beforeInit.error.code, 'NOT_INITIALIZED');
  assert.deepEqual(r.plugins, { billing: ['billing'], schedule: ['schedule'] });
  assert.deepEqual(r.split.value.map((m) => m.minor), [34, 33, 33]);
  assert.deepEqual(r.negative.error, {
    isMedspaError: true,
    code: 'NEGATIVE_WEIGHT',
    path: '$.weights[1]',
    message: 'weights must not be negative',
  });
  assert.deepEqual(r.gap.value, { instant: '2025-03-09T03:30-04:00', offset: '-04:00', resolution: 'gap_shifted' });
  assert.equal(r.dateArgument.value, '2025-07-01T10:00-04:00');
  assert.equal(r.trap.error.code, 'INTERNAL');
  assert.deepEqual(r.afterTrap.value.map((m) => m.minor), [2, 1]);
  await page.close();
});

test('a Vite-built app runs in the browser', { skip: !executablePath }, async () => {
  const { page, problems } = await open('/vite/', 'vite-app.png');
  assert.deepEqual(problems, []);
  assert.equal(await page.textContent('#split'), '25000,25000,50000');
  await page.close();
});

test('the demo page calls into WASM and makes no request off this origin', { skip: !executablePath }, async () => {
  const { page, problems } = await open('/', 'demo.png');
  assert.deepEqual(problems, []);
  const origins = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).origin));
  assert.ok(origins.every((o) => o === new URL(server.url).origin), origins.join(', '));
  const total = await page.textContent('[data-testid="split-total"]');
  assert.equal(total.trim(), '$1,000.00');
  await page.fill('#package-price', '999.99');
  await page.click('#split-button');
  await page.waitForFunction(() => document.querySelector('[data-testid="split-total"]').textContent.includes('999.99'));
  const parts = await page.$$eval('[data-testid="split-part"]', (cells) => cells.map((c) => c.textContent.trim()));
  assert.deepEqual(parts, ['$250.00', '$250.00', '$499.99']);
  assert.match(await page.textContent('[data-testid="network-status"]'), /0 requests left this machine/);
  // Refund calculator: 2 of 6 peels used, list-price policy, 5 % fee → $313.00 + $25.04 tax.
  await page.selectOption('#refund-policy', 'list_price_deduction');
  await page.click('#refund-form button');
  await page.waitForFunction(() => document.querySelector('[data-testid="refund-total_refund"]')?.textContent === '$338.04');
  assert.equal(await page.textContent('[data-testid="refund-refund"]'), '$313.00');
  await page.screenshot({ path: join(screenshots, 'demo-refund.png'), fullPage: true });
  // attachPhiLint: the sample message blocks on SMS, its DOB is underlined, the clinic's own
  // number is not, the portal lowers the verdict, and Redact removes the findings.
  assert.match(await page.textContent('.medspa-phi-lint-status'), /Do not send/);
  const marked = await page.$$eval('.medspa-phi-lint-mirror mark', (marks) => marks.map((m) => [m.dataset.kind, m.textContent]));
  assert.ok(marked.some(([kind, text]) => kind === 'DATE_DOB' && text === '02/14/1991'), JSON.stringify(marked));
  assert.ok(!marked.some(([, text]) => text.includes('555-0142')), JSON.stringify(marked));
  await page.selectOption('#lint-channel', 'portal');
  await page.waitForFunction(() => document.querySelector('.medspa-phi-lint').dataset.verdict !== 'block');
  await page.selectOption('#lint-channel', 'sms');
  await page.fill('#lint-message', 'Hi Maria, your SSN 987-65-4321 is on file.');
  await page.waitForFunction(() => document.querySelectorAll('.medspa-phi-lint-mirror mark[data-kind="SSN"]').length === 1);
  await page.click('.medspa-phi-lint-redact');
  assert.ok(!(await page.inputValue('#lint-message')).includes('987-65-4321'));
  await page.screenshot({ path: join(screenshots, 'demo-phi-lint.png'), fullPage: true });
  await page.close();
});

test('the consent page shows the day sheet, a checklist and its plan, and follows record edits', { skip: !executablePath }, async () => {
  const { page, problems } = await open('/consent.html', 'demo-consent.png');
  assert.deepEqual(problems, []);
  assert.match(await page.textContent('[data-testid="network-status"]'), /^0 requests left this machine/);
  const counts = await page.$$eval('#day-counts .count strong', (cells) => cells.map((c) => c.textContent));
  assert.deepEqual(counts, ['2', '2', '1']);
  // Noor's intake expired: red; her laser consent lacks a witness: amber; isotretinoin is flagged.
  const states = () => page.$$eval('#checklist li', (items) => items.map((li) => [li.querySelector('.what').textContent, li.dataset.state]));
  assert.deepEqual((await states()).find(([what]) => what === 'Medical history intake'), ['Medical history intake', 'blocking']);
  assert.match(await page.textContent('#checklist'), /witness missing/);
  assert.match(await page.textContent('#actions'), /Clinical review of intake answers → clinician: isotretinoin/);
  // Mara: choose her row with the keyboard, add a signed intake, and the intake turns green.
  await page.focus('#day-rows tr:nth-child(2)');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#check-summary').textContent.startsWith('Mara'));
  assert.deepEqual((await states()).find(([what]) => what === 'Medical history intake')[1], 'blocking');
  await page.selectOption('#add-form-id', 'intake');
  await page.click('#add-form button');
  await page.waitForFunction(() => [...document.querySelectorAll('#checklist li')].some((li) => li.querySelector('.what').textContent === 'Medical history intake' && li.dataset.state === 'ok'));
  await page.screenshot({ path: join(screenshots, 'demo-consent-edited.png'), fullPage: true });
  await page.close();
});

test('the schedule page plans a series, shows the cascade of a move, and lists free slots', { skip: !executablePath }, async () => {
  const { page, problems } = await open('/schedule.html', 'demo-schedule.png');
  assert.deepEqual(problems, []);
  const origins = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).origin));
  assert.ok(origins.every((o) => o === new URL(server.url).origin), origins.join(', '));
  // The default laser series: a consultation and six sessions, each with a row and a shaded window.
  assert.equal(await page.$$eval('#plan-rows tr', (rows) => rows.length), 7);
  assert.match(await page.textContent('#plan-summary'), /6 sessions/);
  // Every booked time carries its UTC offset; the series crosses the March DST change.
  const offsets = await page.$$eval('#plan-rows tr', (rows) => rows.map((r) => r.textContent.match(/UTC[−-]0[45]:00/)?.[0]));
  assert.ok(offsets.includes('UTC−05:00') && offsets.includes('UTC−04:00'), offsets.join(','));
  // Move session 2 a week later, "only this one": session 3 is now too soon.
  await page.selectOption('#move-session', { index: 1 });
  const moveTo = async (scope) => {
    await page.check(`input[name="scope"][value="${scope}"]`);
    await page.click('#move-form button[type="submit"]');
    await page.waitForSelector('#move-result:not([hidden])');
  };
  await page.fill('#move-date', '2025-04-08');
  await moveTo('this');
  assert.match(await page.textContent('#move-violations'), /TOO_SOON/);
  await page.screenshot({ path: join(screenshots, 'demo-schedule-move.png'), fullPage: true });
  // "Shift the following" keeps every interval: no violation left.
  await moveTo('following');
  await page.waitForFunction(() => !document.querySelector('#move-violations').textContent.includes('TOO_SOON'));
  // Free slots for a consultation on a chosen day.
  await page.click('#slots-form button[type="submit"]');
  await page.waitForFunction(() => document.querySelectorAll('#slots-list li').length > 0);
  assert.match(await page.textContent('[data-testid="status"]'), /\S/);
  await page.close();
});

test('the followup page plans messages in the client\'s hours and charts retention', { skip: !executablePath }, async () => {
  const { page, problems } = await open('/followup.html', 'demo-followup.png');
  assert.deepEqual(problems, []);
  assert.match(await page.textContent('[data-testid="network-status"]'), /^0 requests left this machine/);
  // A 19:00 checkout in Los Angeles is 22:00 for a New York client: every send is moved to 08:00.
  const times = await page.$$eval('.fu-item time', (items) => items.map((t) => t.dateTime));
  assert.ok(times.length >= 3, times.join(','));
  assert.ok(times.every((t) => t.endsWith('T08:00-04:00') || Number(t.slice(11, 13)) >= 8), times.join(','));
  // Opting out of SMS switches the steps that allow it to email.
  await page.check('#fu-optout');
  await page.waitForFunction(() => [...document.querySelectorAll('.fu-item .chip')].every((c) => c.textContent !== 'sms'));
  // The charts have a bar per treatment and a column per stopping point.
  assert.equal(await page.$$eval('#chart-treatment .bar-row', (rows) => rows.length), 3);
  assert.ok((await page.$$eval('#chart-dropoff .column', (cols) => cols.length)) >= 2);
  await page.close();
});
