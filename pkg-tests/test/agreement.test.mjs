// Native and WASM agree: every fixture of crates/api/tests/fixtures runs through the native
// binding (`cargo run --example fixtures_native`, chrono-tz zones) and through the WASM packages
// in Node (the host's Intl zones), and the answers or errors must be the same JSON, exactly.
// Each fixture also runs in its own plugin's package, and schedule queries on an opened clinic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from '../consumer/load.mjs';
import { repoRoot } from '../lib/server.mjs';

const FIXTURES = join(repoRoot, 'crates/api/tests/fixtures');
const PLUGIN_OF = {
  billing: ['allocate', 'quote', 'invoice', 'packageSchedule', 'packageUsage', 'packageRefund', 'deferredRevenue', 'membershipCharges', 'installmentPlan', 'paymentReminders'],
  schedule: ['resolveLocalTime', 'toClinicTime', 'findSlots', 'planSeries', 'validatePlan', 'reschedule', 'windows'],
  consent: ['validateRules', 'checkAppointment', 'checkDay', 'nextActions'],
  'phi-lint': ['lint', 'lintTemplate'],
  followup: ['followupPlan', 'followupDay', 'nextAllowedSendTime', 'validateProtocols', 'seriesProgress', 'retentionReport', 'toICalendar'],
};
/** Exports that are not JSON operations: set-up, handles and DOM helpers. */
const NOT_OPERATIONS = new Set(['init', 'initSync', 'version', 'plugins', 'MedspaError', 'openClinic', 'closeClinic', 'addAppointments', 'removeAppointments', 'attachPhiLint', 'createLinter']);
const PREPARED = new Set(['findSlots', 'planSeries', 'validatePlan', 'reschedule', 'windows']);

const native = JSON.parse(
  execFileSync('cargo', ['run', '-q', '-p', 'medspa-api', '--example', 'fixtures_native'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  }),
);

function fixture(operation, name) {
  return JSON.parse(readFileSync(join(FIXTURES, operation, `${name}.json`), 'utf8'));
}

/** What a call gives, in the native example's shape. */
function outcome(fn, args) {
  try {
    return { answer: fn(...args) };
  } catch (error) {
    assert.equal(error.name, 'MedspaError', `not a MedspaError: ${error.message}`);
    return { error: { code: error.code, path: error.path, message: error.message } };
  }
}

test('every JSON export of the all-in-one package has fixtures, and every fixture ran natively', async () => {
  const kit = await load('medspa-kit');
  const operations = Object.keys(kit).filter((name) => typeof kit[name] === 'function' && !NOT_OPERATIONS.has(name) && !name.startsWith('__'));
  const folders = readdirSync(FIXTURES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  assert.deepEqual(operations.sort(), folders.sort());
  assert.deepEqual([...new Set(native.map((r) => r.operation))].sort(), folders.sort());
  assert.ok(native.length >= 150, `${native.length} fixtures`);
});

test('the all-in-one package gives the native answer or error for every fixture', async () => {
  const kit = await load('medspa-kit');
  kit.initSync();
  const differences = [];
  for (const { operation, case: name, ...expected } of native) {
    const got = outcome(kit[operation], fixture(operation, name).args);
    try {
      assert.deepStrictEqual(got, expected);
    } catch (error) {
      differences.push(`${operation}/${name}: ${error.message.slice(0, 2000)}`);
    }
  }
  assert.deepEqual(differences, []);
});

test('each plugin package gives the native answer or error for its fixtures', async () => {
  for (const [plugin, operations] of Object.entries(PLUGIN_OF)) {
    const pkg = await load(`@medspa-kit/${plugin}`);
    pkg.initSync();
    for (const { operation, case: name, ...expected } of native.filter((r) => operations.includes(r.operation))) {
      assert.deepStrictEqual(outcome(pkg[operation], fixture(operation, name).args), expected, `${plugin}: ${operation}/${name}`);
    }
  }
});

test('schedule queries on an opened clinic answer as the native one-shot call', async () => {
  const schedule = await load('@medspa-kit/schedule');
  schedule.initSync();
  let compared = 0;
  for (const { operation, case: name, answer } of native.filter((r) => PREPARED.has(r.operation) && 'answer' in r)) {
    const { clinic, ...request } = fixture(operation, name).args[0];
    const handle = schedule.openClinic(clinic);
    try {
      assert.deepStrictEqual(schedule[operation](request, handle), answer, `${operation}/${name}`);
      compared += 1;
    } finally {
      schedule.closeClinic(handle);
    }
  }
  assert.ok(compared >= 15, `${compared} prepared comparisons`);
});
