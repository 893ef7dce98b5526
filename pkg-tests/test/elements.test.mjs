// Headless Chromium (system browser, driven by playwright-core): the custom elements of
// @medspa-kit/elements under the strict CSP of lib/server.mjs. Each element loads its plugin only
// when it first appears, renders a correct result, follows changes, is themable through custom
// properties and ::part, announces its result, and shows errors without echoing input text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumForSuite, launchChromium } from '../lib/chromium.mjs';
import { defaultMounts, repoRoot, serve } from '../lib/server.mjs';
import { allocateReference } from '../lib/reference.mjs';
import { cart } from '../pages/elements/samples.js';

const executablePath = chromiumForSuite('the elements suite');

const skip = !executablePath;
const screenshots = join(repoRoot, 'build/screenshots');
const WASM = { 'phi-lint': 'phi_lint_bg.wasm', 'series-planner': 'schedule_bg.wasm', 'consent-checklist': 'consent_bg.wasm', 'package-quote': 'billing_bg.wasm' };
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const dollars = (minor) => usd.format(minor / 100);
let browser;
let server;
let lazy; // the page the elements are added to one at a time, shared by the tests in order

before(async () => {
  if (skip) return;
  server = await serve({
    mounts: [
      ['/test-pages/elements/', join(repoRoot, 'pkg-tests/pages/elements')],
      ...defaultMounts(),
    ],
  });
  browser = await launchChromium(executablePath);
  mkdirSync(screenshots, { recursive: true });
  lazy = await open('/test-pages/elements/lazy.html');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page and collects its console errors, CSP violations and every URL it requested. */
async function open(path) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const problems = [];
  const requests = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const response = await page.goto(`${server.url}${path}`);
  assert.match(response.headers()['content-security-policy'], /style-src 'self'/);
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 15000 });
  return { page, problems, requests };
}

const requested = ({ requests }, file) => requests.some((url) => url.endsWith(`/${file}`));
const text = (page, selector) => page.locator(selector).first().textContent();
const computed = (page, selector, property) => page.locator(selector).first().evaluate((node, name) => getComputedStyle(node)[name], property);
const events = (page, type, id) => page.evaluate(([t, i]) => window.__events.filter((e) => e.type === t && e.id === i).map((e) => e.detail), [type, id]);

/** Adds an element to the lazy page, proving its plugin's .wasm was not fetched before and is after. */
async function addLazily(name, loadedSelector) {
  const { page } = lazy;
  assert.ok(!requested(lazy, WASM[name]), `${WASM[name]} was fetched before <medspa-${name}> was added`);
  await page.evaluate((n) => window.addElement(n), name);
  await page.locator(loadedSelector).first().waitFor({ timeout: 15000 });
  assert.ok(requested(lazy, WASM[name]), `${WASM[name]} was not fetched for <medspa-${name}>`);
}

/** A custom property set on the host changes a style inside the shadow root. */
async function assertThemable(page, host, property, selector, cssProperty) {
  const value = 'rgb(1, 2, 3)';
  assert.notEqual(await computed(page, selector, cssProperty), value);
  await page.locator(host).evaluate((node, [name, v]) => node.style.setProperty(name, v), [property, value]);
  assert.equal(await computed(page, selector, cssProperty), value);
}

test('importing the elements loads no plugin', { skip }, async () => {
  assert.ok(lazy.requests.some((url) => url.endsWith('/elements/index.js')));
  assert.deepEqual(lazy.requests.filter((url) => url.endsWith('.wasm') || url.includes('/packages/')), []);
});

test('<medspa-phi-lint> lints the textarea it names, follows its channel, redacts by keyboard', { skip }, async () => {
  const { page } = lazy;
  await addLazily('phi-lint', '#phi-lint [part~="verdict"]');
  const verdict = '#phi-lint [part~="verdict"]';
  // A treatment name on SMS needs a check; on the secure portal it may go.
  assert.equal(await page.locator(verdict).getAttribute('part'), 'verdict verdict-warn');
  assert.match(await text(page, verdict), /^Check before sending/);
  assert.equal(await page.locator(verdict).getAttribute('aria-live'), 'polite');
  await page.locator('#phi-lint').evaluate((node) => node.setAttribute('channel', 'portal'));
  await page.waitForFunction(() => document.querySelector('#phi-lint').report?.verdict === 'allow');
  assert.match(await text(page, verdict), /^OK to send/);
  await page.locator('#phi-lint').evaluate((node) => node.setAttribute('channel', 'sms'));
  // Typing an SSN blocks the message, underlines it, and sends the report as an event.
  await page.focus('#message');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Your SSN 987-65-4321 is on file.');
  await page.waitForFunction(() => document.querySelector('#phi-lint').report?.verdict === 'block');
  assert.match(await text(page, verdict), /^Do not send/);
  assert.equal(await page.locator('.medspa-phi-lint-mirror mark[data-kind="SSN"]').count(), 1);
  const reports = await events(page, 'medspa-phi-lint', 'phi-lint');
  assert.equal(reports.at(-1).verdict, 'block');
  await page.screenshot({ path: join(screenshots, 'elements-phi-lint.png'), fullPage: true });
  // Tab from the textarea reaches Redact inside the element; Enter redacts.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.shadowRoot?.activeElement?.getAttribute('part')), 'redact');
  await page.keyboard.press('Enter');
  const redacted = await page.inputValue('#message');
  assert.ok(!redacted.includes('987-65-4321') && redacted.includes('[SSN]'), redacted);
  assert.equal(await computed(page, '#phi-lint [part~="redact"]', 'letterSpacing'), '3px'); // ::part from theme.css
  await assertThemable(page, '#phi-lint', '--medspa-accent', '#phi-lint [part~="redact"]', 'backgroundColor');
});

test('<medspa-series-planner> shows the plan with each session inside its shaded window', { skip }, async () => {
  const { page } = lazy;
  await addLazily('series-planner', '#series-planner [part~="session"]');
  assert.equal(await page.locator('#series-planner [part~="session"]').count(), 6);
  assert.equal(await page.locator('#series-planner [part~="consultation"]').count(), 1);
  const summary = page.locator('#series-planner [part~="summary"]');
  assert.equal(await summary.getAttribute('aria-live'), 'polite');
  assert.equal(await summary.textContent(), 'A consultation, then 6 sessions from Mon, Mar 3 to Mon, Jul 21 with one provider, each inside its allowed window.');
  // The series crosses the March DST change: times keep their wall clock, offsets change.
  const whens = await page.locator('#series-planner [part~="session"] [part~="when"]').allTextContents();
  assert.equal(whens[0], 'Mon, Mar 3, 9:30 AM (UTC−05:00) · dr-okafor');
  assert.equal(whens[1], 'Mon, Mar 31, 9:30 AM (UTC−04:00) · dr-okafor');
  assert.equal(await text(page, '#series-planner [part~="session"]:nth-child(4) [part~="window-dates"]'), 'Allowed Mon, Mar 31 – Mon, Apr 14');
  for (const lane of await page.locator('#series-planner [part~="session"]').all()) {
    const band = await lane.locator('[part~="window"]').boundingBox();
    const pin = await lane.locator('[part~="booking"]').boundingBox();
    const centre = pin.x + pin.width / 2;
    assert.ok(band.width > 0 && centre >= band.x && centre <= band.x + band.width, JSON.stringify({ band, pin }));
  }
  const [plan] = await events(page, 'medspa-series-plan', 'series-planner');
  assert.equal(plan.plan.sessions.length, 6);
  assert.equal(await computed(page, '#series-planner [part~="lane-label"]', 'letterSpacing'), '3px');
  await assertThemable(page, '#series-planner', '--medspa-accent', '#series-planner [part~="booking"]', 'backgroundColor');
  // A new request re-plans: a series started two weeks later.
  await page.locator('#series-planner').evaluate((node) => {
    node.request = { ...node.request, now: '2025-03-17T08:00-04:00' };
  });
  await page.waitForFunction(() => document.querySelector('#series-planner').shadowRoot.querySelector('[part~="summary"]').textContent.includes('Mar 17'));
});

test('<medspa-consent-checklist> lists each requirement, what is missing and its deadline', { skip }, async () => {
  const { page } = lazy;
  await addLazily('consent-checklist', '#consent-checklist [part~="item"]');
  assert.equal(await text(page, '#consent-checklist [part~="status"]'), 'Incomplete');
  const summary = page.locator('#consent-checklist [part~="summary"]');
  assert.equal(await summary.getAttribute('aria-live'), 'polite');
  assert.equal(await summary.textContent(), 'Incomplete: 1 of 2 items open. Next deadline Mon, Jun 9, 10:00 AM (UTC−07:00).');
  const consent = '#consent-checklist [data-requirement="tox-consent"]';
  assert.equal(await page.locator(consent).getAttribute('part'), 'item item-pending');
  assert.equal(await text(page, `${consent} [part~="requirement"]`), 'Informed consent (tox-consent)');
  assert.equal(await text(page, `${consent} [part~="missing"]`), 'Not started');
  assert.equal(await text(page, `${consent} [part~="deadline"]`), 'Due Mon, Jun 9, 10:00 AM (UTC−07:00)');
  assert.equal(await page.locator('#consent-checklist [data-requirement="intake"]').getAttribute('part'), 'item item-ok');
  assert.equal(await computed(page, '#consent-checklist [part~="requirement"]', 'letterSpacing'), '3px');
  await assertThemable(page, '#consent-checklist', '--medspa-warn', '#consent-checklist [part~="status"]', 'backgroundColor');
  // A signed consent makes the appointment ready.
  await page.locator('#consent-checklist').evaluate((node) => {
    const records = [...node.request.client.records, { form: 'tox-consent', version: '3', status: 'signed', signedAt: '2025-06-01T17:00Z' }];
    node.request = { ...node.request, client: { ...node.request.client, records } };
  });
  await page.waitForFunction(() => document.querySelector('#consent-checklist').shadowRoot.querySelector('[part~="status"]').textContent === 'Ready');
});

/** The README cart priced by hand: 10 % off allocated by gross, 8.875 % on goods, half up. */
function expectedTotal({ lines }) {
  const gross = lines.map((line) => line.quantity * line.unitPrice.minor);
  const discount = (gross.reduce((a, b) => a + b, 0) * 10) / 100;
  const shares = allocateReference(discount, gross);
  const net = gross.map((g, i) => g - shares[i]);
  const tax = net.map((n, i) => (lines[i].taxCategory === 'goods' ? Math.floor((n * 8875 + 50000) / 100000) : 0));
  return { tax: tax.reduce((a, b) => a + b, 0), total: net.reduce((a, b) => a + b, 0) + tax.reduce((a, b) => a + b, 0) };
}

test('<medspa-package-quote> prices the cart exact to the cent', { skip }, async () => {
  const { page } = lazy;
  await addLazily('package-quote', '#package-quote [part~="total"]');
  const expected = expectedTotal(cart);
  assert.deepEqual(expected, { tax: 719, total: 62819 });
  assert.equal(await text(page, '#package-quote [part~="total"] td'), dollars(expected.total));
  assert.equal(await text(page, '#package-quote [part~="tax"] td'), dollars(expected.tax));
  // The line totals shown add up to the total shown.
  const lineTotals = await page.locator('#package-quote [part~="line"] [part~="amount"]').allTextContents();
  const cents = (shown) => Number(shown.replace(/[$,]/g, '').replace('.', ''));
  assert.equal(lineTotals.map(cents).reduce((a, b) => a + b, 0), expected.total);
  const summary = page.locator('#package-quote [part~="summary"]');
  assert.equal(await summary.getAttribute('aria-live'), 'polite');
  assert.equal(await summary.textContent(), 'Total $628.19, tax $7.19.');
  assert.equal(await computed(page, '#package-quote [part~="total"]', 'letterSpacing'), '3px');
  await assertThemable(page, '#package-quote', '--medspa-accent', '#package-quote [part~="total"] td', 'borderTopColor');
  // An installments attribute splits the balance; the parts add back to the total.
  await page.locator('#package-quote').evaluate((node) => {
    node.setAttribute('first-due', '2025-07-31');
    node.setAttribute('installments', '3');
  });
  await page.locator('#package-quote [part~="installments"] li').first().waitFor();
  assert.deepEqual(await page.locator('#package-quote [part~="installments"] li').allTextContents(), ['Thu, Jul 31: $209.40', 'Sun, Aug 31: $209.40', 'Tue, Sep 30: $209.39']);
  await page.screenshot({ path: join(screenshots, 'elements-lazy.png'), fullPage: true });
});

test('the page with every element had no CSP violation and no request off its origin', { skip }, async () => {
  assert.deepEqual(lazy.problems, []);
  const offOrigin = lazy.requests.filter((url) => !url.startsWith(`${server.url}/`) && !url.startsWith('data:'));
  assert.deepEqual(offOrigin, []);
  await lazy.page.close();
});

test('elements read JSON data blocks, load plugins through configure(), and show errors without input text', { skip }, async () => {
  const loaded = await open('/test-pages/elements/json.html');
  const { page } = loaded;
  await page.locator('#quote [part~="installments"] li').first().waitFor({ timeout: 15000 });
  await page.locator('#broken [part~="error"]:not([hidden])').waitFor();
  await page.locator('#mismatch [part~="error"]:not([hidden])').waitFor();
  await page.locator('#checklist [part~="item"]').first().waitFor();
  await page.locator('#unplannable [part~="explanation"]').waitFor();
  await page.locator('#lint [part~="verdict"]').waitFor();
  assert.deepEqual((await page.evaluate(() => window.__loaded)).sort(), ['billing', 'consent', 'phi-lint', 'schedule']);

  // A textarea inside the element: its DOB blocks an email.
  assert.equal(await page.locator('#lint > .medspa-phi-lint > textarea#reply').count(), 1);
  assert.equal(await page.locator('#lint [part~="verdict"]').getAttribute('part'), 'verdict verdict-block');
  assert.equal(await page.locator('#lint [part~="controls"]').getAttribute('aria-label'), 'Reply check');
  // No Saturday opening: the explanation instead of a plan.
  assert.equal(await text(page, '#unplannable [part~="summary"]'), 'No plan fits: Session 1 cannot be booked from Mon, Mar 3 on, mostly because the clinic is closed.');
  const blockers = await page.locator('#unplannable [part~="blockers"] li').evaluateAll((items) => items.map((li) => li.dataset.code));
  assert.ok(blockers.includes('PREFERENCE'), blockers.join());
  assert.equal(await text(page, '#unplannable [part~="label"]'), 'Saturday-only laser series');
  // The intake was sent back with its required answer blank.
  assert.equal(await text(page, '#checklist [data-requirement="intake"] [part~="missing"]'), 'Required answers left blank: pregnant');
  assert.equal(await text(page, '#checklist [part~="status"]'), 'Blocked');
  // Three installments of the README cart's total.
  const parts = await page.locator('#quote [part~="installments"] li').allTextContents();
  assert.equal(parts.length, 3);
  assert.equal(await text(page, '#quote [part~="total"] td'), dollars(expectedTotal(cart).total));

  // Errors: the plugin's code and path, or the element's own code; never the input's words.
  assert.equal(await text(page, '#mismatch [part~="error"]'), 'every amount must be in the cart\'s currency (CURRENCY_MISMATCH at $.cart.lines[0].unitPrice)');
  assert.match(await text(page, '#broken [part~="error"]'), /\(INVALID_JSON at \$\)$/);
  for (const id of ['mismatch', 'broken']) {
    const shown = await page.locator(`#${id}`).evaluate((node) => node.shadowRoot.textContent);
    assert.ok(!shown.includes('Maria'), shown);
  }
  const errors = await page.evaluate(() => window.__events.filter((e) => e.type === 'medspa-error' && e.id !== 'lint').map((e) => [e.id, e.detail.code, e.detail.path]));
  assert.deepEqual(errors.sort(), [['broken', 'INVALID_JSON', '$'], ['mismatch', 'CURRENCY_MISMATCH', '$.cart.lines[0].unitPrice']]);

  // A bad attribute is a plugin error too: shown with its path and sent as an event.
  await page.locator('#lint').evaluate((node) => node.setAttribute('channel', 'fax'));
  await page.locator('#lint [part~="error"]:not([hidden])').waitFor();
  assert.match(await text(page, '#lint [part~="error"]'), /\(INVALID_VALUE at \$\.options\.channel\)$/);
  await page.locator('#lint').evaluate((node) => node.setAttribute('channel', 'portal'));
  await page.locator('#lint [part~="error"][hidden]').waitFor({ state: 'attached' });
  // So is a message typed past the plugin's limit.
  await page.fill('#reply', 'a'.repeat(70 * 1024));
  await page.locator('#lint [part~="error"]:not([hidden])').waitFor();
  assert.match(await text(page, '#lint [part~="error"]'), /\(TEXT_TOO_LONG at \$/);
  await page.fill('#reply', 'See you Friday.');
  await page.locator('#lint [part~="error"][hidden]').waitFor({ state: 'attached' });
  const lintErrors = await page.evaluate(() => window.__events.filter((e) => e.type === 'medspa-error' && e.id === 'lint').map((e) => e.detail.code));
  assert.deepEqual(lintErrors, ['INVALID_VALUE', 'TEXT_TOO_LONG']);

  await page.screenshot({ path: join(screenshots, 'elements-json.png'), fullPage: true });
  assert.deepEqual(loaded.problems, []);
  assert.deepEqual(loaded.requests.filter((url) => !url.startsWith(`${server.url}/`) && !url.startsWith('data:')), []);
  await page.close();
});

test('the components demo page shows the four elements with sample data', { skip }, async () => {
  const demo = await open('/components.html');
  const { page } = demo;
  for (const selector of ['medspa-series-planner [part~="session"]', 'medspa-consent-checklist [part~="item"]', 'medspa-package-quote [part~="total"]', 'medspa-phi-lint [part~="verdict"]']) {
    await page.locator(selector).first().waitFor({ timeout: 15000 });
  }
  await page.screenshot({ path: join(screenshots, 'elements-demo.png'), fullPage: true });
  assert.deepEqual(demo.problems, []);
  assert.deepEqual(demo.requests.filter((url) => !url.startsWith(`${server.url}/`) && !url.startsWith('data:')), []);
  await page.close();
});
