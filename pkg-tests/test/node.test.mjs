// The packed packages in Node 20+: ESM and CommonJS entry points, each plugin on its own, the
// coded errors, Date arguments, and recovery from a trap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { load } from '../consumer/load.mjs';
import { allocateReference, random } from '../lib/reference.mjs';

const require = createRequire(new URL('../consumer/package.json', import.meta.url));
const PLUGINS = ['billing', 'schedule', 'consent', 'phi-lint', 'followup'];
const usd = (minor) => ({ minor, currency: 'USD' });

test('each plugin package loads on its own and contains only its plugin', async () => {
  for (const plugin of PLUGINS) {
    const pkg = await load(`@medspa-kit/${plugin}`);
    assert.deepEqual(pkg.plugins(), [plugin]);
    assert.match(pkg.version(), /^\d+\.\d+\.\d+$/);
    assert.equal(typeof pkg.MedspaError, 'function');
  }
});

test('the all-in-one package has every plugin and every export', async () => {
  const kit = await load('medspa-kit');
  assert.deepEqual(kit.plugins(), PLUGINS);
  for (const name of ['allocate', 'resolveLocalTime', 'toClinicTime', 'init', 'initSync']) {
    assert.equal(typeof kit[name], 'function', name);
  }
});

test('allocate splits by largest remainder, ties to the lowest index', async () => {
  const { allocate } = await load('@medspa-kit/billing');
  assert.deepEqual(allocate(usd(100), [1, 1, 1]), [usd(34), usd(33), usd(33)]);
  assert.deepEqual(allocate(usd(-100), [1, 1, 1]).map((m) => m.minor), [-34, -33, -33]);
  assert.deepEqual(allocate({ minor: 1000, currency: 'JPY' }, [1, 0, 2]), [
    { minor: 333, currency: 'JPY' },
    { minor: 0, currency: 'JPY' },
    { minor: 667, currency: 'JPY' },
  ]);
});

test('allocate agrees with an independent statement of the rule on random inputs', async () => {
  const { allocate } = await load('@medspa-kit/billing');
  const next = random(20261128);
  for (let i = 0; i < 2000; i++) {
    const total = next(2_000_001) - 1_000_000;
    const weights = Array.from({ length: 1 + next(12) }, () => (next(4) === 0 ? 0 : next(100_000)));
    if (weights.every((w) => w === 0)) weights[0] = 1;
    const parts = allocate(usd(total), weights).map((m) => m.minor);
    assert.deepEqual(parts, allocateReference(total, weights), `case ${i}: ${total} over ${weights}`);
    assert.equal(parts.reduce((a, b) => a + b, 0), total);
  }
});

test('caller mistakes throw MedspaError with a code and a path, never the input', async () => {
  const { allocate, MedspaError } = await load('@medspa-kit/billing');
  const cases = [
    [() => allocate(usd(100), []), 'NO_WEIGHTS', '$.weights'],
    [() => allocate(usd(100), [0, 0]), 'ALL_WEIGHTS_ZERO', '$.weights'],
    [() => allocate(usd(100), [1, -2]), 'NEGATIVE_WEIGHT', '$.weights[1]'],
    [() => allocate(usd(100), [1, '987-65-4321']), 'INVALID_TYPE', '$.weights[1]'],
    [() => allocate(usd(100), [1.5]), 'INVALID_TYPE', '$.weights[0]'],
    [() => allocate({ minor: 100, currency: 'Jane Roe' }, [1]), 'UNKNOWN_CURRENCY', '$.total.currency'],
    [() => allocate({ minor: 100 }, [1]), 'MISSING_FIELD', '$.total'],
    [() => allocate({ minor: 100, currency: 'USD', memo: 'DOB 02/14/1991' }, [1]), 'UNKNOWN_FIELD', '$.total'],
    [() => allocate({ minor: 2 ** 60, currency: 'USD' }, [1]), 'AMOUNT_TOO_LARGE', '$.total'],
    [() => allocate({ minor: 100, currency: 'USD' }, [new Date(NaN)]), 'INVALID_TYPE', '$.weights[0]'],
  ];
  for (const [call, code, path] of cases) {
    assert.throws(call, (error) => {
      assert.ok(error instanceof MedspaError, `${code}: ${error}`);
      assert.ok(error instanceof Error);
      assert.deepEqual({ code: error.code, path: error.path }, { code, path });
      for (const secret of ['987', 'Jane', '1991', 'memo']) assert.ok(!error.message.includes(secret), error.message);
      return true;
    });
  }
});

test('CommonJS require() loads the same packages', () => {
  const { allocate, plugins } = require('@medspa-kit/billing');
  assert.deepEqual(plugins(), ['billing']);
  assert.deepEqual(allocate(usd(10), [1, 2]).map((m) => m.minor), [3, 7]);
  assert.deepEqual(require('medspa-kit').plugins(), PLUGINS);
});

test('init() is optional in Node, idempotent, and initSync() is a no-op once loaded', async () => {
  const pkg = await load('@medspa-kit/consent');
  await Promise.all([pkg.init(), pkg.init()]);
  pkg.initSync();
  assert.deepEqual(pkg.plugins(), ['consent']);
});

test('wall-clock times resolve through the host time-zone data with the DST convention', async () => {
  const { resolveLocalTime, toClinicTime, MedspaError } = await load('@medspa-kit/schedule');
  const ny = (date, time) => resolveLocalTime({ date, time, zone: 'America/New_York' });
  assert.deepEqual(ny('2025-06-01', '10:00'), { instant: '2025-06-01T10:00-04:00', offset: '-04:00', resolution: 'ok' });
  assert.deepEqual(ny('2025-03-09', '02:30'), { instant: '2025-03-09T03:30-04:00', offset: '-04:00', resolution: 'gap_shifted' });
  assert.deepEqual(ny('2025-11-02', '01:30'), { instant: '2025-11-02T01:30-04:00', offset: '-04:00', resolution: 'ambiguous_resolved' });
  assert.deepEqual(resolveLocalTime({ date: '2025-10-05', time: '02:15', zone: 'Australia/Lord_Howe' }), {
    instant: '2025-10-05T02:45+11:00',
    offset: '+11:00',
    resolution: 'gap_shifted',
  });
  assert.throws(
    () => resolveLocalTime({ date: '2025-06-01', time: '10:00', zone: 'Mars/Olympus_Mons' }),
    (e) => e instanceof MedspaError && e.code === 'UNKNOWN_TIME_ZONE' && e.path === '$.request.zone' && !e.message.includes('Mars'),
  );
  // A Date is accepted wherever an instant is expected.
  const instant = new Date(Date.UTC(2025, 0, 15, 15, 0));
  assert.equal(toClinicTime({ instant, zone: 'America/New_York' }), '2025-01-15T10:00-05:00');
  assert.equal(toClinicTime({ instant: '2025-07-01T14:00:00Z', zone: 'Europe/Berlin' }), '2025-07-01T16:00+02:00');
});

test('a trap becomes MedspaError INTERNAL and the next call works', async () => {
  const pkg = await load('@medspa-kit/trap-test');
  assert.deepEqual(pkg.allocate(usd(3), [1, 1]).map((m) => m.minor), [2, 1]);
  // lint's shim remembers the names and messages the instance has sent; a fresh instance starts
  // its list over, and the shim must not read the new indexes against the old list.
  const sms = 'Hi Maria, your Botox follow-up is May 2. SSN 123-45-6789, call 555-0142.';
  const before = pkg.lint(sms, { channel: 'sms' });
  assert.deepEqual(before.diagnostics.map((d) => d.kind), ['NAME', 'TREATMENT', 'DATE_OTHER', 'SSN', 'PHONE']);
  for (let round = 0; round < 3; round++) {
    assert.throws(() => pkg.__trapForTests(), (e) => e instanceof pkg.MedspaError && e.code === 'INTERNAL');
    assert.deepEqual(pkg.allocate(usd(3), [1, 1]).map((m) => m.minor), [2, 1]);
    // The first report after the reset names things in an order of its own.
    assert.equal(pkg.lint('SSN 123-45-6789', { channel: 'email' }).diagnostics[0].kind, 'SSN');
    assert.deepEqual(pkg.lint(sms, { channel: 'sms' }), before);
  }
  // lint and lintTemplate share the instance's list: after a reset, whichever runs first must
  // not leave the other reading new indexes against its old names.
  const ssn = 'SSN 123-45-6789';
  assert.throws(() => pkg.__trapForTests(), (e) => e.code === 'INTERNAL');
  const allowed = pkg.lint('', { channel: 'sms' });
  const template = pkg.lintTemplate(`${ssn} {{treatment.name}}`, { channel: 'sms' });
  assert.throws(() => pkg.__trapForTests(), (e) => e.code === 'INTERNAL');
  assert.deepEqual(pkg.lintTemplate(`${ssn} {{treatment.name}}`, { channel: 'sms' }), template);
  assert.equal(pkg.lint(ssn, { channel: 'sms' }).verdict, 'block');
  assert.deepEqual(pkg.lint('', { channel: 'sms' }), allowed);
  // A linter from createLinter compiles its options again in the fresh instance, and freeing
  // one from before a reset leaves the new instance's linters alone.
  const kept = pkg.createLinter({ channel: 'sms' });
  const stale = pkg.createLinter({ channel: 'portal' });
  assert.throws(() => pkg.__trapForTests(), (e) => e.code === 'INTERNAL');
  // (Handles count from 0 in each instance, so one of these has the stale linter's number.)
  const fresh = ['email', 'email', 'email', 'email'].map((channel) => pkg.createLinter({ channel }));
  stale.free();
  assert.deepEqual(kept.lint(sms), before);
  for (const linter of fresh) assert.deepEqual(linter.lint(sms), pkg.lint(sms, { channel: 'email' }));
});
