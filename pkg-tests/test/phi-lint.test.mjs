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
