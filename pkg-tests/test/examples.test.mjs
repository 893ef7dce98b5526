// Builds and runs every example in www/examples, so an example that breaks fails CI: the Node
// scripts and the Vite app against packages installed from `npm pack` tarballs, and the plain
// page, the worker page and the built Vite app in headless Chromium under the strict CSP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { CSP, defaultMounts, repoRoot, serve } from '../lib/server.mjs';
import { chromiumForSuite, launchChromium } from '../lib/chromium.mjs';
import { installExampleDependencies, openPage } from '../lib/examples.mjs';
import { allocateReference } from '../lib/reference.mjs';

const examples = join(repoRoot, 'www/examples');
const work = join(repoRoot, 'pkg-tests/.examples-work');
const viteDist = join(work, 'vite-app/dist');
const screenshots = join(repoRoot, 'build/screenshots');

const executablePath = chromiumForSuite('the browser checks of the examples');

let browser;
let server;

before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // Copies without anything a developer may have installed or built in place.
  for (const name of ['node', 'vite-app']) {
    cpSync(join(examples, name), join(work, name), { recursive: true, filter: (from) => !/[/\\](node_modules|dist)$/.test(from) });
  }
  installExampleDependencies([join(examples, 'node'), join(examples, 'vite-app')], work);
  if (!executablePath) return;
  server = await serve({ mounts: [['/built/vite-app/', viteDist], ...defaultMounts()] });
  browser = await launchChromium(executablePath);
  mkdirSync(screenshots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

test('the Node examples print the split and the verdict, from ESM and from CommonJS', () => {
  const split = allocateReference(100, [1, 1, 1]).join(' ');
  const outputs = ['esm.mjs', 'commonjs.cjs'].map((script) =>
    execFileSync(process.execPath, [script], { cwd: join(work, 'node'), encoding: 'utf8' }),
  );
  for (const output of outputs) {
    const [allocated, linted] = output.trimEnd().split('\n');
    assert.equal(allocated, `allocate 100 cents by 1:1:1 → ${split}`);
    assert.match(linted, /^lint verdict → block \(.*phi\/ssn.*\)$/);
  }
  assert.equal(outputs[0], outputs[1]);
});

test('the Vite example builds against the package installed from its tarball', async () => {
  // The example's own `vite build`, with a base that matches where this test serves it.
  await build({ root: join(work, 'vite-app'), base: '/built/vite-app/', logLevel: 'warn', build: { emptyOutDir: true } });
  const assets = readdirSync(join(viteDist, 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `no .wasm among ${assets}`);
});

/**
 * Opens an example page, lets `check` run against it, then asserts the page broke no rule
 * (CSP, console, uncaught errors), asked nothing of another origin, and saves a screenshot.
 */
async function exercise(path, name, check) {
  const { context, page, problems, requests } = await openPage(browser);
  try {
    const response = await page.goto(`${server.url}${path}`);
    assert.equal(response.headers()['content-security-policy'], CSP);
    await check(page, problems);
    await page.screenshot({ path: join(screenshots, `example-${name}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    const away = requests.filter((url) => new URL(url).origin !== server.url);
    assert.deepEqual(away, [], 'requests left the server origin');
  } finally {
    await context.close();
  }
}

/** Waits for `predicate` in the page; on timeout, says what the page reported as wrong. */
async function waitFor(page, problems, predicate, arg) {
  try {
    await page.waitForFunction(predicate, arg, { timeout: 15000 });
  } catch (error) {
    throw new Error(`${error.message}\npage problems: ${problems.join('\n') || 'none'}`);
  }
}

const verdictShown = () => ['allow', 'warn', 'block'].includes(document.querySelector('#verdict').textContent);

test('plain-html: the verdict of the message is shown, and follows edits', { skip: !executablePath }, async () => {
  await exercise('/examples/plain-html/', 'plain-html', async (page, problems) => {
    await waitFor(page, problems, verdictShown);
    // An SSN is never sent by text message, whatever else the message says.
    assert.equal(await page.textContent('#verdict'), 'block');
    const redacted = await page.textContent('#redacted');
    assert.ok(redacted.includes('[SSN]') && !redacted.includes('987-65-4321'), redacted);
    await page.fill('#message', 'Your appointment is confirmed.');
    await waitFor(page, problems, () => document.querySelector('#verdict').textContent === 'allow');
  });
});

test('worker: planSeries runs in the worker and the page shows the plan', { skip: !executablePath }, async () => {
  await exercise('/examples/worker/', 'worker', async (page, problems) => {
    await waitFor(page, problems, () => document.querySelectorAll('#plan time').length > 0);
    // Open Monday to Friday 9 to 5 and free; now is Monday 3 March 08:00, so the first peel is
    // at 09:00 that day and each next one as early as allowed, 14 days later, at the same wall
    // time: New York moves to daylight time on 9 March.
    const starts = await page.$$eval('#plan time', (times) => times.map((t) => t.dateTime));
    assert.deepEqual(starts, ['2025-03-03T09:00-05:00', '2025-03-17T09:00-04:00', '2025-03-31T09:00-04:00']);
    // The WASM module was fetched by the worker, never by the page's main thread: planSeries
    // cannot have run anywhere else.
    const [worker] = page.workers();
    const inWorker = await worker.evaluate(() => ({
      isWorker: self instanceof WorkerGlobalScope,
      wasm: performance.getEntriesByType('resource').map((e) => e.name).filter((name) => name.endsWith('.wasm')),
    }));
    assert.equal(inWorker.isWorker, true);
    assert.deepEqual(inWorker.wasm.map((url) => new URL(url).pathname), ['/packages/schedule/wasm/schedule_bg.wasm']);
    const onPage = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((name) => name.endsWith('.wasm')));
    assert.deepEqual(onPage, []);
  });
});

test('vite-app: the built app quotes the cart and lints the note', { skip: !executablePath }, async () => {
  // The cart, worked by hand: 10 % off $690.00 is $69.00, shared 600:90 between the lines, so
  // the serums' share is $9.00; tax is 8.875 % of their $81.00 = $7.18875, $7.19 rounded.
  const discount = 69000 / 10;
  const taxable = 9000 - (discount * 9000) / 69000;
  const tax = Math.round((taxable * 8875) / 100_000);
  const total = `$${((69000 - discount + tax) / 100).toFixed(2)}`;
  await exercise('/built/vite-app/', 'vite-app', async (page, problems) => {
    await waitFor(page, problems, verdictShown);
    assert.equal(await page.textContent('#total'), total);
    // A date of birth is an identifier: never in a text message.
    assert.equal(await page.textContent('#verdict'), 'block');
  });
});
