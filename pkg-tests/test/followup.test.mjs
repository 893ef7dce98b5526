// The followup package in Node: plans through the WASM build with quiet hours in the
// recipient's own zone (Intl), channel opt-outs, template checks by phi-lint, series progress,
// a retention report, iCalendar export, and coded errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../consumer/load.mjs';

const fu = await load('@medspa-kit/followup');
const step = (id, kind, offset, channel, templateId, extra = {}) => ({ id, kind, offset, channel, templateId, class: 'healthcare', ...extra });
const tox = {
  id: 'tox', treatmentId: 'neurotoxin', series: { sessions: 2, intervals: [{ min: 14, max: 21 }] },
  steps: [
    step('care', 'aftercare', { hours: 0 }, 'sms', 'tox-aftercare'),
    step('48h', 'check_in', { hours: 48 }, 'sms', 'checkin-48h', { fallbackChannels: ['email'] }),
    step('1w', 'check_in', { days: 7 }, 'sms', 'checkin-1w'),
    step('rebook', 'rebooking', { days: 2 }, 'sms', 'rebook'),
  ],
};
// A Los Angeles clinic; the client lives in New York.
const visit = { id: 'a1', clientId: 'c1', start: '2025-06-10T17:30-07:00', end: '2025-06-10T19:00-07:00', zone: 'America/Los_Angeles', treatments: ['neurotoxin'] };
const plan = (client, extra = {}) => fu.followupPlan({ appointment: visit, protocols: [tox], client: { id: 'c1', zone: 'America/New_York', ...client }, now: '2025-06-10T19:00-07:00', ...extra });

test('sends fall in the recipient\'s hours in the recipient\'s zone, moved forward, never dropped', () => {
  const { messages } = plan({});
  const byTemplate = Object.fromEntries(messages.map((m) => [m.templateId, m]));
  // Checkout at 19:00 in Los Angeles is 22:00 in New York: aftercare moves to 08:00 next morning.
  assert.deepEqual([byTemplate['tox-aftercare'].sendAt, byTemplate['tox-aftercare'].movedForQuietHours], ['2025-06-11T08:00-04:00', true]);
  // +48 h is absolute: 22:00 New York two days later, moved to 08:00.
  assert.equal(byTemplate['checkin-48h'].sendAt, '2025-06-13T08:00-04:00');
  // +7 days keeps the clinic's wall time (19:00 Los Angeles), again 22:00 in New York.
  assert.equal(byTemplate['checkin-1w'].sendAt, '2025-06-18T08:00-04:00');
  for (const m of messages) {
    const hour = Number(m.sendAt.slice(11, 13));
    assert.ok(hour >= 8 && hour < 21, m.sendAt);
    assert.match(m.id, /^fu-[0-9a-f]{16}$/);
    assert.equal(m.class, 'healthcare');
  }
  // The same inputs give the same plan, ids included.
  assert.deepEqual(plan({}), plan({}));
});

test('an opted-out channel falls back where the step allows it, and is reported where it does not', () => {
  const { messages, unplanned } = plan({ optedOut: ['sms'] });
  const checkIn = messages.find((m) => m.templateId === 'checkin-48h');
  assert.deepEqual([checkIn.channel, checkIn.channelFallback], ['email', true]);
  assert.ok(unplanned.some((u) => u.reason === 'channel_opted_out'));
  assert.ok(!messages.some((m) => m.channel === 'sms'));
});

test('a reschedule lists the planned messages to cancel and the new ones', () => {
  const first = plan({});
  const previous = first.messages.map((m) => ({ id: m.id, sendAt: m.sendAt }));
  const moved = fu.followupPlan({
    appointment: { ...visit, start: '2025-06-12T10:00-07:00', end: '2025-06-12T11:00-07:00' },
    protocols: [tox], client: { id: 'c1', zone: 'America/New_York' }, now: '2025-06-10T19:00-07:00', previous,
  });
  assert.equal(moved.cancel.length, previous.length);
  assert.equal(moved.create.length, moved.messages.length);
});

test('nextAllowedSendTime follows the state table: Texas on a Sunday opens at noon', () => {
  // 2025-06-08 is a Sunday; 15:00Z is 10:00 in Chicago.
  const sunday = fu.nextAllowedSendTime({ instant: '2025-06-08T15:00Z', recipient: { zone: 'America/Chicago', state: 'TX' }, rules: {} });
  assert.deepEqual(sunday, { at: '2025-06-08T12:00-05:00', moved: true });
  const weekday = fu.nextAllowedSendTime({ instant: '2025-06-09T15:00Z', recipient: { zone: 'America/Chicago', state: 'TX' }, rules: {} });
  assert.deepEqual(weekday, { at: '2025-06-09T10:00-05:00', moved: false });
});

test('validateProtocols catches a template that would put the treatment into an SMS', () => {
  const report = fu.validateProtocols({
    protocols: [tox], treatments: ['neurotoxin'],
    templates: [
      { id: 'checkin-48h', text: 'Hi {{client.first_name}}, how is your {{treatment.name}} healing?' },
      { id: 'tox-aftercare', text: 'Hi {{client.first_name}}, thanks for visiting today. Reply STOP to opt out.' },
      { id: 'checkin-1w', text: 'Hi {{client.first_name}}, checking in. Reply STOP to opt out.' },
      { id: 'rebook', text: 'Hi {{client.first_name}}, time to book your next visit. Reply STOP to opt out.' },
    ],
  });
  assert.equal(report.valid, false);
  const leak = report.problems.find((p) => p.code === 'TEMPLATE_LEAKS_PHI');
  assert.equal(leak.path, '$.templates[0].text');
  assert.ok(!leak.message.includes('treatment.name'));
});

test('seriesProgress and retentionReport on a small clinic', () => {
  const peel = { sessions: 3, intervals: [{ min: 28, max: 42 }] };
  const progress = fu.seriesProgress({
    now: '2025-06-20T12:00-04:00', zone: 'America/New_York',
    plans: [
      { id: 'p1', clientId: 'c1', series: peel, sessions: ['2025-04-01T10:00-04:00', '2025-05-01T10:00-04:00'] },
      { id: 'p2', clientId: 'c2', series: peel, sessions: ['2025-05-20T10:00-04:00'] },
    ],
  });
  // p1: window 05-29..06-12, past it by 8 days; p2: window 06-17..07-01, open.
  assert.deepEqual(progress.plans.map((p) => [p.planId, p.status]), [['p1', 'overdue'], ['p2', 'due']]);
  const report = fu.retentionReport({
    today: '2025-09-01',
    treatments: [{ treatmentId: 'peel', series: { sessions: 2, intervals: [{ min: 14, max: 21 }] } }],
    series: [
      { id: 's1', clientId: 'a', treatmentId: 'peel', locationId: 'A', sessions: ['2025-05-01', '2025-05-16'], receivedFollowup: true },
      { id: 's2', clientId: 'b', treatmentId: 'peel', locationId: 'A', sessions: ['2025-05-10'], receivedFollowup: false },
      { id: 's3', clientId: 'c', treatmentId: 'peel', locationId: 'B', sessions: ['2025-05-02', '2025-05-20'], receivedFollowup: true },
    ],
  });
  // Finished: s1 and s3 completed, s2 stopped after one session.
  assert.deepEqual(report.overall, { completed: 2, total: 3, basisPoints: 6667 });
  assert.deepEqual(report.dropOff.map((d) => [d.sessionsCompleted, d.series]), [[1, 1]]);
});

test('toICalendar writes RFC 5545 events with CRLF lines and stable UIDs', () => {
  const { messages } = plan({});
  const ics = fu.toICalendar({ now: '2025-06-10T19:00-07:00', messages, visits: [], uidDomain: 'glow.example' });
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'));
  assert.ok(ics.trimEnd().endsWith('END:VCALENDAR'));
  assert.equal(ics.split('BEGIN:VEVENT').length - 1, messages.length);
  for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
  assert.equal(ics, fu.toICalendar({ now: '2025-06-10T19:00-07:00', messages, visits: [], uidDomain: 'glow.example' }));
});

test('errors carry a code and a path and never quote the input', () => {
  assert.throws(
    () => fu.followupPlan({ appointment: { ...visit, treatments: ['Jane Roe-Marsh'] }, protocols: [tox], client: { id: 'c1' }, now: '2025-06-10T19:00-07:00' }),
    (error) => error instanceof fu.MedspaError && error.path.startsWith('$.request.appointment.treatments') && !error.message.includes('Jane'),
  );
  assert.throws(
    () => fu.nextAllowedSendTime({ instant: '2025-06-08T15:00Z', recipient: { zone: 'Mars/Olympus' }, rules: {} }),
    { code: 'UNKNOWN_TIME_ZONE' },
  );
});
