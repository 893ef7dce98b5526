// The same measurement for our WASM build: `lint(text, { channel: 'sms', locale })`, spans in
// UTF-16 code units. Prints JSON (scored by report.py); when no built package exports `lint`
// yet, prints `{ pending: true, reason }` instead. Usage: node run_ours.mjs [--reps N]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadCorpus, measure } from './common.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const reps = Number(process.argv[process.argv.indexOf('--reps') + 1]) || 20;
// The packed package a user would install, then the unpacked `cargo xtask build` output; the
// plugin's own package first (wasm-opt -O3), then the all-in-one (-Oz, about 2% slower).
const candidates = [
  'pkg-tests/consumer/node_modules/@medspa-kit/phi-lint',
  'build/packages/phi-lint',
  'pkg-tests/consumer/node_modules/medspa-kit',
  'build/packages/medspa-kit',
];

async function find() {
  const tried = [];
  for (const dir of candidates) {
    const manifest = join(repo, dir, 'package.json');
    if (!existsSync(manifest)) {
      tried.push(`${dir}: absent`);
      continue;
    }
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    const entry = pkg.exports?.['.']?.node ?? pkg.main;
    const mod = await import(pathToFileURL(join(repo, dir, entry)));
    if (typeof mod.lint === 'function') return { dir, pkg, mod, tried };
    tried.push(`${dir}: no lint export`);
  }
  return { tried };
}

const { dir, pkg, mod, tried } = await find();
if (!mod) {
  process.stdout.write(JSON.stringify([{ tool: 'medspa-kit', pending: true, reason: tried.join('; ') }]));
  process.exit(0);
}

const cases = loadCorpus();
const kinds = Object.fromEntries(
  ['NAME', 'DATE_DOB', 'DATE_OTHER', 'PHONE', 'FAX', 'EMAIL', 'ADDRESS', 'ZIP', 'SSN', 'MRN', 'INSURANCE_ID',
    'ACCOUNT', 'LICENSE', 'VEHICLE', 'DEVICE_ID', 'URL', 'IP', 'BIOMETRIC', 'OTHER_ID', 'TREATMENT',
    'CONDITION', 'MEDICATION', 'BODY_AREA', 'SYMPTOM'].map((k) => [k, [k]]),
);
const findings = (report) =>
  report.diagnostics
    .filter((d) => !d.ruleId.startsWith('escalate/')) // escalations are not findings
    .map((d) => ({ start: d.span.start, end: d.span.end, type: d.kind }));
const versions = { [pkg.name]: pkg.version, loaded_from: dir, node: process.version };
if (tried.length) versions.skipped = tried;

// The timed calls are the plain public `lint`, as the peers' are their `redact`; turning the
// report into findings for scoring is not timed.
const lintPlain = (text, c) => mod.lint(text, { channel: 'sms', locale: c?.locale ?? 'en' });
const plain = (text, c) => findings(lintPlain(text, c));
// What the Rust evaluation does: each message's own channel, policy and clinic/recipient context.
const lintWithContext = (text, c) => mod.lint(text, c ? c.options : { channel: 'sms' });
const withContext = (text, c) => findings(lintWithContext(text, c));
process.stdout.write(JSON.stringify([
  measure('medspa-kit', cases, plain, kinds, reps, { versions, note: "{ channel: 'sms', locale } only" }, lintPlain),
  measure('medspa-kit (corpus options + context)', cases, withContext, kinds, reps, {
    versions,
    note: "each message's channel, policy and context, as examples/evaluate.rs",
  }, lintWithContext),
]));
