// The consent package in Node: every operation through the WASM build on the rule set the Rust
// tests use (crates/consent/tests/fixtures/clinic-rules.json), time zones answered by Intl, the
// JSON paths of errors, and a whole group's day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { load } from '../consumer/load.mjs';
import { groupDay } from '../bench/consent-day.mjs';

const consent = await load('@medspa-kit/consent');
const rules = JSON.parse(readFileSync(new URL('../../crates/consent/tests/fixtures/clinic-rules.json', import.meta.url), 'utf8'));

const appointment = (treatments, extra = {}) => ({
  id: 'appt-1', clientId: 'client-1', start: '2025-06-10T10:00-04:00', zone: 'America/New_York',
  clinicState: 'NY', locationId: 'soho', treatments, ...extra,
});
const intake = (completedAt, pregnant = false) => ({
  form: 'intake', version: '4', status: 'completed', completedAt,
  answers: [{ question: 'pregnant', value: pregnant }, { question: 'anticoagulants', value: false }],
});
const signed = (form, version, signedAt, extra = {}) => ({ form, version, status: 'signed', signedAt, ...extra });
const paperwork = () => [
  intake('2025-05-01T12:00-04:00'),
  signed('privacy', '1', '2024-01-05T12:00-05:00'),
  signed('financial', '1', '2025-05-01T12:00-04:00'),
];
const client = (records, extra = {}) => ({ id: 'client-1', birthDate: '1990-04-02', state: 'NY', records, ...extra });
const NOW = '2025-06-01T12:00Z';
const byRequirement = (check, id) => check.findings.find((f) => f.requirement === id);

test('validateRules accepts the clinic rule set and lists every problem of a broken one', () => {
  assert.deepEqual(consent.validateRules(rules), { valid: true, problems: [] });
  const broken = structuredClone(rules);
  broken.requirements[0].form = 'intake-v9';
  broken.requirements[1].dependsOn = ['privacy'];
  broken.forms[2].version = '2.x';
  const report = consent.validateRules(broken);
  assert.equal(report.valid, false);
  assert.deepEqual(report.problems.map((p) => [p.code, p.path]), [
    ['INVALID_VERSION', '$.forms[2].version'],
    ['UNKNOWN_FORM', '$.requirements[0].form'],
  ]);
  const cyclic = structuredClone(rules);
  cyclic.requirements[1].dependsOn = ['privacy'];
  assert.deepEqual(consent.validateRules(cyclic).problems.map((p) => p.code), ['DEPENDENCY_CYCLE']);
});

test('checkAppointment: a ready checklist, then each kind of gap', () => {
  const ready = consent.checkAppointment({ rules, appointment: appointment(['facial']), client: client(paperwork()), now: NOW });
  assert.equal(ready.status, 'ready');
  assert.deepEqual(ready.findings.map((f) => [f.requirement, f.state, f.code]), [
    ['intake', 'ok', null], ['privacy', 'ok', null], ['financial', 'ok', null],
  ]);
  assert.equal(ready.start, '2025-06-10T10:00-04:00');
  assert.equal(ready.nextDeadline, null);

  const records = paperwork();
  records[2] = signed('financial', '1', '2024-06-09T23:30-04:00');
  records.push(signed('tox-consent', '2.9', '2025-05-02T12:00Z'));
  const gaps = consent.checkAppointment({ rules, appointment: appointment(['neurotoxin'], { clinicState: 'CA' }), client: client(records), now: new Date(NOW) });
  assert.equal(gaps.status, 'incomplete');
  const financial = byRequirement(gaps, 'financial');
  assert.deepEqual([financial.code, financial.expiresAt], ['EXPIRES_BEFORE_APPOINTMENT', '2025-06-09T00:00-04:00']);
  assert.equal(byRequirement(gaps, 'tox-consent').code, 'OUTDATED_VERSION');
  assert.deepEqual([byRequirement(gaps, 'gfe-ca').code, byRequirement(gaps, 'gfe-ca').reason], ['EXAM_REQUIRED', 'MISSING']);
  assert.equal(byRequirement(gaps, 'photo-release').code, 'MISSING');
  assert.equal(byRequirement(gaps, 'tox-consent').deadline, '2025-06-09T10:00-04:00');
});

test('validity ends at midnight in the clinic zone, across DST and where midnight does not exist', () => {
  const fallBack = paperwork();
  fallBack[0] = intake('2024-11-03T01:30-04:00');
  const inside = consent.checkAppointment({ rules, appointment: appointment(['facial'], { start: '2025-11-02T23:30-05:00' }), client: client(fallBack), now: '2025-10-20T12:00Z' });
  assert.deepEqual([byRequirement(inside, 'intake').code, byRequirement(inside, 'intake').expiresAt], [null, '2025-11-03T00:00-05:00']);

  const santiago = paperwork();
  santiago[2] = signed('financial', '1', '2023-09-09T12:00-03:00');
  const chile = consent.checkAppointment({
    rules,
    appointment: { id: 'appt-1', clientId: 'client-1', start: '2024-09-08T10:00-03:00', zone: 'America/Santiago', treatments: ['facial'] },
    client: client(santiago),
    now: '2024-09-01T12:00Z',
  });
  const financial = byRequirement(chile, 'financial');
  assert.deepEqual([financial.code, financial.expiresAt], ['EXPIRES_BEFORE_APPOINTMENT', '2024-09-08T01:00-03:00']);
});

test('review triggers name trigger and question ids, never the answers', () => {
  const records = paperwork();
  records[0] = intake('2025-05-01T12:00-04:00', true);
  const check = consent.checkAppointment({ rules, appointment: appointment(['facial']), client: client(records), now: NOW });
  const review = check.findings.find((f) => f.code === 'NEEDS_REVIEW');
  assert.equal(review.requirement, null);
  assert.equal(review.deadline, '2025-06-10T00:00-04:00');
  assert.deepEqual(review.triggers, [{ trigger: 'pregnancy', question: 'pregnant', answeredAt: '2025-05-01T12:00-04:00' }]);
  const reviewed = consent.checkAppointment({
    rules, appointment: appointment(['facial']), now: NOW,
    client: client(records, { reviews: [{ trigger: 'pregnancy', reviewedAt: '2025-05-02T09:00-04:00' }] }),
  });
  assert.equal(reviewed.status, 'ready');
});

test('checkDay sorts the sheet for the front desk and counts codes', () => {
  const day = consent.checkDay(groupDay(200));
  assert.equal(day.appointments.length, 200);
  const order = { blocked: 0, incomplete: 1, ready: 2 };
  for (let i = 1; i < day.appointments.length; i++) {
    assert.ok(order[day.appointments[i - 1].status] <= order[day.appointments[i].status]);
  }
  const { blocked, incomplete, ready } = day.statusCounts;
  assert.equal(blocked + incomplete + ready, 200);
  const findings = day.appointments.flatMap((a) => a.findings).filter((f) => f.code !== null);
  for (const { code, count } of day.codeCounts) {
    assert.equal(count, findings.filter((f) => f.code === code).length, code);
  }
  assert.equal(day.locations.length, 20);
  assert.ok(day.reviewList.every((item) => item.triggers.length > 0));
});

test('nextActions plans sends in the client zone and escalations in clinic time', () => {
  const plan = consent.nextActions({
    rules, appointment: appointment(['neurotoxin']), now: '2025-06-01T05:00Z',
    client: client([], { zone: 'America/Los_Angeles' }),
  });
  assert.deepEqual(plan.waiting, [{ requirement: 'tox-consent', waitingOn: ['intake'] }]);
  assert.deepEqual(plan.actions.map((a) => [a.kind, a.recipient, a.at]), [
    ['send_forms', 'client', '2025-06-01T08:00-07:00'],
    ['reminder', 'client', '2025-06-07T08:00-07:00'],
    ['escalate', 'staff', '2025-06-08T10:00-04:00'],
    ['reminder', 'client', '2025-06-09T08:00-07:00'],
    ['escalate', 'staff', '2025-06-10T10:00-04:00'],
  ]);
});

test('errors carry a code and a path into the request and never quote it', () => {
  const phi = ['Jane Roe-Marsh', '987-65-4321', 'jane.roe@example.com'];
  const cases = [
    [{ form: phi[0], version: '1', status: 'sent' }, 'UNKNOWN_FORM', '$.request.client.records[0].form'],
    [{ form: 'privacy', version: phi[1], status: 'sent' }, 'INVALID_VERSION', '$.request.client.records[0].version'],
    [{ form: 'privacy', version: '1', status: 'signed', signedAt: phi[2] }, 'INVALID_INSTANT', '$.request.client.records[0].signedAt'],
  ];
  for (const [record, code, path] of cases) {
    assert.throws(
      () => consent.checkAppointment({ rules, appointment: appointment(['facial']), client: client([record]), now: NOW }),
      (error) => {
        assert.ok(error instanceof consent.MedspaError);
        assert.deepEqual([error.code, error.path], [code, path]);
        for (const secret of phi) assert.ok(!error.message.includes(secret));
        return true;
      },
    );
  }
  assert.throws(
    () => consent.checkAppointment({ rules, appointment: appointment(['facial'], { zone: 'Mars/Olympus' }), client: client([]), now: NOW }),
    { code: 'UNKNOWN_TIME_ZONE', path: '$.request.appointment.zone' },
  );
  assert.throws(
    () => consent.checkDay({ ...groupDay(1), from: '2025-03-12', to: '2026-03-12' }),
    { code: 'INVALID_RANGE', path: '$.request.to' },
  );
});
