// Helpers for the examples test and the loading benchmark: a page that records what it did wrong
// and where it reached, and the example projects' packages installed from `npm pack` tarballs, as a user would install them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A page in a fresh browser context (empty cache, no cookies). `problems` collects console
 * errors (a dedicated worker's included), uncaught errors and CSP violations; `requests` every
 * URL the page and its workers asked for.
 */
export async function openPage(browser) {
  const context = await browser.newContext();
  const problems = [];
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, problems, requests };
}

/**
 * Packs every `file:` dependency of each example's package.json with `npm pack` (so the
 * package's `files` list is what gets tested) and installs the tarballs into `work`, whose
 * node_modules then serves every example copied below it. Nothing is fetched from a registry.
 */
export function installExampleDependencies(exampleDirs, work) {
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  writeFileSync(join(work, 'package.json'), '{ "private": true }\n');
  const packed = new Set();
  for (const dir of exampleDirs) {
    const { dependencies = {} } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const [name, spec] of Object.entries(dependencies)) {
      if (!spec.startsWith('file:')) throw new Error(`${dir}: ${name} should come from the local build (file:), not ${spec}`);
      const output = execFileSync('npm', ['pack', resolve(dir, spec.slice('file:'.length)), '--json', '--pack-destination', tarballs], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      packed.add(join(tarballs, JSON.parse(output)[0].filename));
    }
  }
  execFileSync('npm', ['install', '--offline', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', ...packed], {
    cwd: work,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
