// What a page pays to use each plugin package: in headless Chromium, a page (pages/loading/)
// imports the package, awaits init() and makes one small call; we time navigation start to that
// first result over fresh browser contexts (empty cache), and weigh the package's JS and .wasm
// as served and as gzip -9 would send them. Prints a markdown table and writes build/loading.md.
//   node bench/loading.mjs [--runs 7]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defaultMounts, repoRoot, serve } from '../lib/server.mjs';
import { findChromium, launchChromium } from '../lib/chromium.mjs';
import { openPage } from '../lib/examples.mjs';

const PLUGINS = ['billing', 'schedule', 'consent', 'phi-lint', 'followup', 'medspa-kit'];
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 7;

/** One fresh page load of `plugin`: milliseconds to the first result, and the package's files. */
async function loadOnce(browser, origin, plugin) {
  const { context, page, problems } = await openPage(browser);
  const files = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith(`/packages/${plugin}/`)) {
      files.push(response.body().then((body) => ({ path: new URL(response.url()).pathname, body })));
    }
  });
  try {
    await page.goto(`${origin}/loading/?plugin=${encodeURIComponent(plugin)}`);
    await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 60000 });
    const outcome = await page.evaluate(() => window.__loading);
    if (outcome.error || problems.length) throw new Error(`${plugin}: ${[outcome.error, ...problems].filter(Boolean).join('; ')}`);
    return { ms: outcome.ms, files: await Promise.all(files) };
  } finally {
    await context.close();
  }
}

/** Raw and gzip -9 bytes of the JS and of the .wasm; each file compressed alone, as a server would. */
function weigh(files) {
  const sizes = { js: 0, wasm: 0, gzip: 0 };
  for (const { path, body } of files) {
    if (path.endsWith('.wasm')) sizes.wasm += body.length;
    else if (path.endsWith('.js')) sizes.js += body.length;
    else continue;
    sizes.gzip += gzipSync(body, { level: 9 }).length;
  }
  return sizes;
}

/** The nearest-rank percentile `p` (0–100) of `values`. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const executablePath = findChromium();
if (!executablePath) {
  console.error('no Chromium found: install Debian `chromium` or set CHROMIUM_PATH');
  process.exit(1);
}
const server = await serve({ mounts: [['/loading/', join(repoRoot, 'pkg-tests/pages/loading')], ...defaultMounts()] });
const browser = await launchChromium(executablePath);
const chromiumVersion = browser.version();
const load = loadavg()[0].toFixed(1);
const rows = [];
try {
  // One untimed load each first: it weighs the files, and spares the first timed load the cost
  // of starting the browser's processes and reading the files from disk.
  const sizes = {};
  for (const plugin of PLUGINS) sizes[plugin] = weigh((await loadOnce(browser, server.url, plugin)).files);
  // Rounds, each plugin once per round, so a burst of load on the machine is shared by all.
  const times = Object.fromEntries(PLUGINS.map((plugin) => [plugin, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const plugin of PLUGINS) times[plugin].push((await loadOnce(browser, server.url, plugin)).ms);
  }
  for (const plugin of PLUGINS) {
    const { js, wasm, gzip } = sizes[plugin];
    const ms = (p) => percentile(times[plugin], p).toFixed(1);
    rows.push(`| ${plugin} | ${js} | ${wasm} | ${js + wasm} | ${gzip} | ${ms(50)} | ${ms(90)} |`);
  }
} finally {
  await browser.close();
  await server.close();
}

const table = [
  '| plugin | JS bytes | wasm bytes | total raw | total gzip -9 | median ms to first result | p90 ms |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows,
].join('\n');
const report = `# Loading: bytes and time to the first result

\`node pkg-tests/bench/loading.mjs\` on ${new Date().toISOString().slice(0, 10)}: headless Chromium ${chromiumVersion},
${RUNS} fresh page loads per plugin (a new browser context each, so nothing is cached), ${cpus().length} CPUs,
load average ${load} at the start. A page imports the package from the local server, awaits
\`init()\` and makes one small call (for phi-lint and medspa-kit, one \`lint\`); the time runs from
navigation start to that call's result. Bytes are the package's JS and .wasm responses; the local
server does not compress, so "gzip -9" is what a compressing server would send (each file alone).
p90 is the nearest rank (of 7 loads, the slowest).

${table}
`;
mkdirSync(join(repoRoot, 'build'), { recursive: true });
writeFileSync(join(repoRoot, 'build/loading.md'), report);
console.log(table);
