// The phi-lint package in Node: verdicts from the documented rubric, spans that index JS strings
// (emoji and lone surrogates included), templates, escalation, and coded errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../consumer/load.mjs';

const phi = await load('@medspa-kit/phi-lint');
const found = (text, report) => report.diagnostics.map((d) => [d.kind, text.slice(d.span.start, d.span.end)]);

test('a first name and an appointment time are allowed on SMS', () => {
  const text = 'Hi Maria, your appointment is tomorrow at 3pm. See you soon!';
  const report = phi.lint(text, { channel: 'sms' });
  assert.equal(report.verdict, 'allow');
  assert.equal(report.escalate, 'none');
});

test('an SSN blocks, is underlined exactly, and is redacted', () => {
  const text = 'Hi Maria, your SSN 987-65-4321 is on file.';
  const report = phi.lint(text, { channel: 'sms' });
  assert.equal(report.verdict, 'block');
  assert.deepEqual(found(text, report).find(([kind]) => kind === 'SSN'), ['SSN', '987-65-4321']);
  assert.ok(!report.redacted.includes('987-65-4321'));
  for (const d of report.diagnostics) assert.ok(!d.message.includes('987'), d.message);
});

test('a treatment with a name blocks on SMS but is fine on the secure portal', () => {
  const text = 'Hi Maria, your Botox touch-up is Friday May 2 at 10:00.';
  assert.equal(phi.lint(text, { channel: 'sms' }).verdict, 'block');
  assert.equal(phi.lint(text, { channel: 'portal' }).verdict, 'allow');
});

test("the clinic's own phone number is never flagged", () => {
  const text = 'Questions? Call us at 555-0142.';
  const report = phi.lint(text, { channel: 'sms', context: { clinic: { phones: ['555-0142'] } } });
  assert.deepEqual(found(text, report), []);
});

test('spans are UTF-16 offsets: emoji before a finding and lone surrogates keep them right', () => {
  for (const prefix of ['🙂🙂 ', '\ud800 ', 'é ']) {
    const text = `${prefix}SSN 987-65-4321`;
    const report = phi.lint(text, {});
    const ssn = report.diagnostics.find((d) => d.kind === 'SSN');
    assert.equal(text.slice(ssn.span.start, ssn.span.end), '987-65-4321', JSON.stringify(prefix));
    assert.ok(ssn.utf8.end - ssn.utf8.start === 11);
  }
});

test('a red-flag symptom after filler escalates as urgent, in English and Spanish', () => {
  assert.equal(phi.lint('My lips are turning white and grey after the filler yesterday', { direction: 'inbound' }).escalate, 'urgent');
  assert.equal(phi.lint('Tengo visión borrosa desde el relleno de ayer', { direction: 'inbound', locale: 'es' }).escalate, 'urgent');
  assert.equal(phi.lint('Can I reschedule to Thursday?', { direction: 'inbound' }).escalate, 'none');
});

test('a template that would put the treatment into an SMS is caught at the field', () => {
  const template = 'Hi {{client.first_name}}, your {{treatment.name}} is at {{appointment.time}}';
  const report = phi.lintTemplate(template, { channel: 'sms' });
  const treatment = report.diagnostics.find((d) => template.slice(d.span.start, d.span.end).includes('treatment'));
  assert.ok(treatment, JSON.stringify(report.diagnostics));
  assert.equal(template.slice(treatment.span.start, treatment.span.end), '{{treatment.name}}');
});

test('bad input has codes and paths', () => {
  assert.throws(() => phi.lint('x'.repeat(70_000), {}), (e) => e.code === 'TEXT_TOO_LONG' && e.path === '$.text');
  assert.throws(() => phi.lint('x', { channel: 'fax' }), (e) => e.code === 'INVALID_VALUE' && e.path === '$.options.channel');
  assert.throws(() => phi.lint('x', { policy: 'lenient' }), (e) => e.code === 'INVALID_VALUE' && e.path === '$.options.policy');
  assert.equal(phi.lint('', {}).verdict, 'allow');
});

test('the size limit is on UTF-8 bytes, whatever the text is made of, and nothing stays stuck', () => {
  const tooLong = (e) => e.code === 'TEXT_TOO_LONG' && e.path === '$.text';
  const templateTooLong = (e) => e.code === 'TEXT_TOO_LONG' && e.path === '$.template';
  // At the limit in bytes, in ASCII and in 2- and 3-byte characters; one byte more is refused.
  for (const unit of ['x', 'ñ', '€']) {
    const bytes = Buffer.byteLength(unit);
    const atLimit = unit.repeat(Math.floor(65536 / bytes)) + 'x'.repeat(65536 % bytes);
    assert.equal(Buffer.byteLength(atLimit), 65536);
    assert.equal(typeof phi.lint(atLimit, {}).verdict, 'string');
    assert.throws(() => phi.lint(atLimit + 'x', {}), tooLong);
    assert.throws(() => phi.lintTemplate(atLimit + 'x', {}), templateTooLong);
  }
  // A pasted book (and one whose cut falls inside a surrogate pair) is refused the same way.
  assert.throws(() => phi.lint('😀'.repeat(3_000_000), {}), tooLong);
  assert.throws(() => phi.createLinter({}).lintTemplate('😀'.repeat(3_000_000)), templateTooLong);
  assert.throws(() => phi.lint('x'.repeat(65536) + '😀'.repeat(10), {}), tooLong);
  // The next short message is checked as usual, non-ASCII and lone surrogates included.
  const text = 'Hola María, su DOB 02/14/1991 \ud800 está en su ficha. SSN 123-45-6789';
  const report = phi.lint(text, { channel: 'sms', locale: 'es' });
  assert.equal(report.verdict, 'block');
  for (const d of report.diagnostics.filter((d) => d.kind === 'SSN')) {
    assert.equal(text.slice(d.span.start, d.span.end), '123-45-6789');
  }
  assert.ok(!report.redacted.includes('123-45-6789') && report.redacted.includes('\ufffd'));
});

test('createLinter compiles options once and reports as lint does', () => {
  const options = { channel: 'sms', context: { clinic: { phones: ['(212) 555-0100'], staff: ['Ashley Brooks'] } } };
  const sms = 'Hi Maria, your Botox is Tuesday, March 4 at 2:30 PM. Call (212) 555-0100 or 646-555-0199. Ashley';
  const linter = phi.createLinter(options);
  assert.deepEqual(linter.lint(sms), phi.lint(sms, options));
  assert.deepEqual(linter.lintTemplate('Hi {{client.first_name}}, {{treatment.name}}'), phi.lintTemplate('Hi {{client.first_name}}, {{treatment.name}}', options));
  // The options were read once: changing the object afterwards does not change the linter.
  options.channel = 'portal';
  assert.equal(linter.lint(sms).verdict, 'block');
  assert.equal(phi.lint(sms, options).verdict, 'allow');
  // Bad options throw at creation, with lint's codes and paths; a freed linter says so.
  assert.throws(() => phi.createLinter({ channel: 'fax' }), (e) => e.code === 'INVALID_VALUE' && e.path === '$.options.channel');
  assert.throws(() => phi.createLinter({ context: { recipient: { dob: 'soon' } } }), (e) => e.path === '$.options.context.recipient.dob');
  linter.free();
  linter.free();
  assert.throws(() => linter.lint(sms), (e) => e instanceof phi.MedspaError && e.code === 'LINTER_FREED');
  // Many linters at once, freed in any order, each keeps its own options.
  const channels = ['sms', 'portal', 'email', 'portal', 'sms'];
  const linters = channels.map((channel) => phi.createLinter({ channel }));
  linters[1].free();
  linters[3].free();
  const again = phi.createLinter({ channel: 'portal' });
  assert.equal(again.lint(sms).verdict, 'allow');
  for (const i of [0, 2, 4]) assert.deepEqual(linters[i].lint(sms), phi.lint(sms, { channel: channels[i] }));
  // A non-string text gets lint's coded error.
  assert.throws(() => again.lint(42), (e) => e.code === 'INVALID_TYPE' && e.path === '$.text');
});

test('lint notices options that changed in place, or that serialise alike', () => {
  const sms = 'Hi Maria, call 646-555-0199 about your Botox';
  const options = { channel: 'sms', context: { clinic: { phones: [] } } };
  const flagged = phi.lint(sms, options);
  assert.ok(flagged.diagnostics.some((d) => d.kind === 'PHONE'));
  options.context.clinic.phones.push('646-555-0199'); // the same object, mutated
  assert.ok(!phi.lint(sms, options).diagnostics.some((d) => d.kind === 'PHONE'));
  options.context.clinic.phones.pop();
  assert.deepEqual(phi.lint(sms, options), flagged);
  // Members JSON leaves out, and other key orders, are the same options.
  assert.deepEqual(phi.lint(sms, { context: { clinic: { phones: [] } }, channel: 'sms', locale: undefined }), flagged);
  assert.deepEqual(phi.lint(sms, JSON.parse(JSON.stringify(options))), flagged);
  assert.equal(phi.lint(sms, { ...options, channel: 'portal' }).verdict, 'allow');
  assert.equal(phi.lint(sms, options).verdict, flagged.verdict);
});

test('lint with options changed at random, in place or not, answers as a freshly compiled linter', () => {
  // A seeded generator: the same sequence on every run.
  let seed = 12345;
  const next = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed >>> 16) % n; // the high bits: the low ones of this generator cycle quickly
  };
  const pick = (list) => list[next(list.length)];
  const text = 'Hi Maria Lopez, call 646-555-0199 or visit glowmedspa.example about your Botox. DOB 02/14/1991. - Ashley';
  const options = { channel: 'sms' };
  const edits = [
    () => { options.channel = pick(['sms', 'email', 'portal', 'voice']); },
    () => { options.policy = pick(['reminder', 'marketing', 'secure-portal']); },
    () => { delete options.policy; },
    () => { options.locale = pick(['en', 'es', undefined]); },
    () => { options.acceptedUnencrypted = pick([true, false]); },
    () => { options.context ??= {}; options.context.clinic = { phones: pick([[], ['646-555-0199']]), domains: pick([[], ['glowmedspa.example']]) }; },
    () => { options.context?.clinic?.phones?.push('212-555-0100'); },
    () => { options.context?.clinic?.phones?.pop(); },
    () => { options.context ??= {}; options.context.recipient = pick([{ names: ['Maria Lopez'] }, { dob: '1991-02-14' }, {}]); },
    () => { delete options.context; },
    () => { options.extraTerms = pick([{ treatments: ['touch-up'] }, {}]); },
  ];
  for (let step = 0; step < 300; step++) {
    pick(edits)();
    // Sometimes the same options again, sometimes a copy, sometimes keys in another order.
    const given = pick([options, options, structuredClone(options), Object.fromEntries(Object.entries(options).reverse())]);
    const expected = phi.createLinter(structuredClone(options));
    assert.deepEqual(phi.lint(text, given), expected.lint(text), `step ${step}: ${JSON.stringify(options)}`);
    expected.free();
  }
});
