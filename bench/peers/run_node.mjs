// Runs the npm redactors `redact-pii` and `@redactpii/node` over the corpus; prints their findings
// and timings as JSON (scored by report.py). Usage: node run_node.mjs [--reps N]
// Both only return the redacted string, so their spans are recovered by aligning each placeholder
// with the input (common.mjs); the timed call is the plain public `redact(text)`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Redactor } from '@redactpii/node';
import { loadCorpus, measure, spansFromRedaction } from './common.mjs';

const require = createRequire(import.meta.url);
const { SyncRedactor } = require('redact-pii');
const version = (name) =>
  JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
const reps = Number(process.argv[process.argv.indexOf('--reps') + 1]) || 20;
const cases = loadCorpus();

// Placeholder each tool writes -> the corpus kinds it counts as.
const REDACT_PII = {
  CREDIT_CARD_NUMBER: ['ACCOUNT'],
  STREET_ADDRESS: ['ADDRESS'],
  ZIPCODE: ['ZIP'],
  PHONE_NUMBER: ['PHONE', 'FAX'],
  IP_ADDRESS: ['IP'],
  US_SOCIAL_SECURITY_NUMBER: ['SSN'],
  EMAIL_ADDRESS: ['EMAIL'],
  USERNAME: ['OTHER_ID'],
  PASSWORD: ['OTHER_ID'],
  CREDENTIALS: ['OTHER_ID'],
  // Any run of 4+ digits: counted for every numeric identifier kind (generous on purpose).
  DIGITS: ['MRN', 'INSURANCE_ID', 'ACCOUNT', 'OTHER_ID', 'DEVICE_ID', 'LICENSE', 'VEHICLE'],
  URL: ['URL'],
  PERSON_NAME: ['NAME'],
};
const REDACTPII_NODE = {
  CREDIT_CARD_NUMBER: ['ACCOUNT'],
  EMAIL_ADDRESS: ['EMAIL'],
  PERSON_NAME: ['NAME'],
  PHONE_NUMBER: ['PHONE', 'FAX'],
  US_SOCIAL_SECURITY_NUMBER: ['SSN'],
};

function viaRedaction(redact, placeholders, misaligned) {
  return (text, c) => {
    const spans = spansFromRedaction(text, redact(text), placeholders);
    if (spans === null && c) misaligned.push(c.id);
    return spans ?? [];
  };
}

const tools = [
  ['redact-pii', 'redact-pii', () => new SyncRedactor(), REDACT_PII, 'all built-in redactors (default)'],
  ['@redactpii/node', '@redactpii/node', () => new Redactor(), REDACTPII_NODE, 'all 5 rules, normal mode (default)'],
  ['@redactpii/node (aggressive)', '@redactpii/node', () => new Redactor({ aggressive: true }), REDACTPII_NODE, 'aggressive: true'],
];
const results = [];
for (const [tool, pkg, make, placeholders, note] of tools) {
  const redactor = make();
  const misaligned = [];
  const redact = (t) => redactor.redact(t);
  const detect = viaRedaction(redact, placeholders, misaligned);
  const versions = { [pkg]: version(pkg), node: process.version };
  const result = measure(tool, cases, detect, placeholders, reps, { versions, note }, redact);
  result.misaligned = [...new Set(misaligned)];
  results.push(result);
}
process.stdout.write(JSON.stringify(results));
