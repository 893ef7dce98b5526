// The schedule package in Node: every operation through the WASM build on a small day spa
// (bench/clinic.mjs), DST in New York and Sydney through the host's Intl data, reschedule's
// three scopes, the resolveLocalTime policies, prepared clinics by handle (the same answers,
// bookings and cancellations, closing, unknown handles), and errors as MedspaError with JSON
// paths and messages that never quote input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../consumer/load.mjs';
import { findRequest, largeClinic, smallClinic, withOffsets } from '../bench/clinic.mjs';

const schedule = await load('@medspa-kit/schedule');
const { MedspaError } = schedule;

const NY = 'America/New_York';
const SYDNEY = 'Australia/Sydney';
const NOW = '2025-03-01T09:00-05:00';
const clinic = (options) => withOffsets(smallClinic(options), schedule.resolveLocalTime);
const spa = clinic({ zone: NY, week: '2025-03-03' });

const OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?[+-]\d{2}:\d{2}$/;
const date = (instant) => instant.slice(0, 10);
const wall = (instant) => instant.slice(11, 16);
const dayNumber = (d) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;
const daysBetween = (a, b) => dayNumber(date(b)) - dayNumber(date(a));

/** Every time in a result carries its UTC offset, and names a wall time that exists. */
function checkTimes(zone, value) {
  const seen = [];
  JSON.stringify(value, (key, v) => {
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) seen.push(v);
    return v;
  });
  for (const instant of seen) {
    assert.match(instant, OFFSET, instant);
    // Under `reject` a nonexistent wall time would throw; an existing one resolves to itself
    // (its first occurrence on a fall-back day).
    const back = schedule.resolveLocalTime({ date: date(instant), time: wall(instant), zone, policy: { gap: 'reject' } });
    assert.equal(back.instant, instant);
  }
  return seen.length;
}

/** Asserts that `fn` throws a MedspaError with `code` at `path` whose message quotes none of `secrets`. */
function throwsCoded(fn, code, path, secrets = []) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof MedspaError, String(e));
    assert.equal(e.code, code);
    assert.equal(e.path, path);
    for (const s of secrets) assert.ok(!e.message.includes(s) && !e.path.includes(s), e.message);
    return true;
  });
}

test('findSlots: the free laser starts of a Monday, with a provider, a room and the laser', () => {
  const page = schedule.findSlots({ clinic: spa, treatmentId: 'laser-hair', from: '2025-03-03', to: '2025-03-03', now: NOW });
  assert.ok(page.slots.length > 0);
  for (const s of page.slots) {
    // Only the laser-certified nurse; one room and the one laser per slot.
    assert.equal(s.providerId, 'nurse-lee');
    assert.equal(s.resourceIds.length, 2);
    assert.equal(s.resourceIds[1], 'gentlemax');
    assert.ok(s.start.endsWith('-05:00'));
  }
  // She is busy 10:00–11:00 with the laser; the 10-minute setup keeps 11:00 out too.
  assert.equal(page.slots[0].start, '2025-03-03T11:15-05:00');
  assert.equal(page.slots[0].end, '2025-03-03T12:00-05:00');
  // Her lunch (12:30–13:15) splits the day and the grid restarts after it.
  const starts = page.slots.map((s) => wall(s.start));
  assert.ok(!starts.some((t) => t > '11:45' && t < '13:15'), starts.join(' '));
  assert.ok(starts.includes('13:15'));
  assert.equal(page.nextCursor ?? null, null);
  checkTimes(NY, page);
});

test('findSlots pages with a cursor and offers one slot per start on request', () => {
  const base = { clinic: spa, treatmentId: 'hydrafacial', from: '2025-03-03', to: '2025-03-04', now: NOW };
  const all = schedule.findSlots({ ...base, limit: 1000 });
  const first = schedule.findSlots({ ...base, limit: 10 });
  assert.equal(first.slots.length, 10);
  assert.ok(first.nextCursor);
  const second = schedule.findSlots({ ...base, limit: 10, cursor: first.nextCursor });
  assert.deepEqual([...first.slots, ...second.slots], all.slots.slice(0, 20));
  const perStart = schedule.findSlots({ ...base, limit: 1000, onePerStart: true });
  const starts = perStart.slots.map((s) => s.start);
  assert.equal(new Set(starts).size, starts.length);
  assert.deepEqual(starts, [...new Set(all.slots.map((s) => s.start))]);
});

test('planSeries: a consultation, then six laser sessions 4 to 6 weeks apart at the same wall time across DST', () => {
  const answer = schedule.planSeries({ clinic: spa, treatmentId: 'laser-hair', now: NOW, preferences: { sameProvider: true } });
  const { plan } = answer;
  assert.ok(plan, JSON.stringify(answer.unplanned));
  assert.equal(plan.consultation.providerId, 'dr-okafor');
  assert.equal(plan.sessions.length, 6);
  assert.equal(answer.sameProvider, true);
  assert.ok(plan.consultation.end <= plan.sessions[0].start || date(plan.consultation.start) < date(plan.sessions[0].start));
  for (let k = 1; k < 6; k++) {
    const gap = daysBetween(plan.sessions[k - 1].start, plan.sessions[k].start);
    assert.ok(gap >= 28 && gap <= 42, `session ${k}: ${gap} days`);
  }
  // New York springs forward on 9 March: the offset changes, the wall-clock time does not.
  assert.ok(plan.sessions[0].start.endsWith('-05:00'));
  assert.ok(plan.sessions[1].start.endsWith('-04:00'));
  assert.equal(new Set(plan.sessions.map((s) => wall(s.start))).size, 1);
  // One window per session, each booked start inside it.
  assert.deepEqual(answer.windows.map((w) => `${w.kind} ${w.session} ${w.status}`), [0, 1, 2, 3, 4, 5].map((k) => `session ${k} booked`));
  for (const w of answer.windows) {
    assert.equal(w.violated, false);
    assert.ok(w.bookedStart);
    assert.ok(date(w.bookedStart) >= w.earliestDate && (!w.latestDate || date(w.bookedStart) <= w.latestDate));
  }
  checkTimes(NY, answer);
  // The independent checker agrees.
  const report = schedule.validatePlan({ clinic: spa, treatmentId: 'laser-hair', plan, now: NOW, checkNoticeAndHorizon: true });
  assert.deepEqual(report, { valid: true, violations: [] });
});

test('planSeries: a neurotoxin touch-up at 14–21 days, then every 90–120, across Sydney DST', () => {
  const sydney = clinic({ zone: SYDNEY, week: '2025-03-17' });
  const now = '2025-03-14T09:00+11:00';
  const answer = schedule.planSeries({ clinic: sydney, treatmentId: 'neurotoxin', now });
  const starts = answer.plan.sessions.map((s) => s.start);
  assert.equal(starts.length, 4);
  const gaps = starts.slice(1).map((s, k) => daysBetween(starts[k], s));
  assert.ok(gaps[0] >= 14 && gaps[0] <= 21, String(gaps));
  assert.ok(gaps.slice(1).every((g) => g >= 90 && g <= 120), String(gaps));
  // Daylight time until 6 April (+11:00), standard time after (+10:00) until 5 October.
  assert.ok(starts[1].endsWith('+11:00'), starts[1]);
  assert.ok(starts[2].endsWith('+10:00'), starts[2]);
  assert.equal(new Set(starts.map(wall)).size, 1, starts.join(' '));
  // Injectables need an NP or an MD.
  assert.ok(answer.plan.sessions.every((s) => ['np-garcia', 'dr-okafor'].includes(s.providerId)));
  checkTimes(SYDNEY, answer);
});

test('planSeries explains a plan that cannot exist, in codes a front desk can act on', () => {
  // The only laser is away for service all year.
  const away = [{ start: '2025-01-01T00:00Z', end: '2026-06-01T00:00Z' }];
  const noLaser = {
    ...spa,
    location: { ...spa.location, horizonDays: 90 },
    resources: spa.resources.map((r) => (r.kind === 'device' ? { ...r, blocked: away } : r)),
  };
  const answer = schedule.planSeries({ clinic: noLaser, treatmentId: 'laser-hair', now: NOW });
  assert.equal(answer.plan ?? null, null);
  assert.equal(answer.unplanned.code, 'DEVICE_BUSY');
  assert.equal(answer.unplanned.kind, 'session');
  assert.equal(answer.unplanned.session, 0);
  assert.ok(answer.unplanned.window.earliestDate);
  // The laser nurse's certification lapsed.
  const noProvider = { ...spa, providers: spa.providers.map((p) => ({ ...p, qualifications: p.qualifications.filter((q) => q !== 'laser') })) };
  const none = schedule.planSeries({ clinic: noProvider, treatmentId: 'laser-hair', now: NOW });
  assert.equal(none.unplanned.code, 'NO_QUALIFIED_PROVIDER');
});

test('DST days: no slot at a nonexistent time in New York or Sydney, repeated times once', () => {
  // A clinic open through the night of each change (synthetic hours, to reach the gap and fold).
  const night = (zone, week) => {
    const c = clinic({ zone, week, bookings: false });
    const hours = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({ day, start: '00:00', end: '04:00' }));
    return { ...c, location: { ...c.location, hours }, providers: c.providers.map((p) => ({ ...p, hours })) };
  };
  const slots = (zone, week, day) =>
    schedule
      .findSlots({ clinic: night(zone, week), treatmentId: 'hydrafacial', from: day, to: day, now: '2025-01-01T00:00Z', limit: 1000, onePerStart: true })
      .slots.map((s) => s.start);
  const nySpring = slots(NY, '2025-03-03', '2025-03-09');
  assert.ok(!nySpring.some((s) => s.startsWith('2025-03-09T02:')), nySpring.join(' '));
  assert.ok(nySpring.includes('2025-03-09T01:00-05:00') && nySpring.includes('2025-03-09T03:00-04:00'));
  const nyFall = slots(NY, '2025-10-27', '2025-11-02');
  assert.ok(nyFall.includes('2025-11-02T01:00-04:00'));
  assert.ok(!nyFall.some((s) => s.startsWith('2025-11-02T01:') && s.endsWith('-05:00')), nyFall.join(' '));
  const sydSpring = slots(SYDNEY, '2025-09-29', '2025-10-05');
  assert.ok(!sydSpring.some((s) => s.startsWith('2025-10-05T02:')), sydSpring.join(' '));
  assert.ok(sydSpring.includes('2025-10-05T03:00+11:00'));
  const sydFall = slots(SYDNEY, '2025-03-31', '2025-04-06');
  assert.ok(sydFall.includes('2025-04-06T02:00+11:00'));
  assert.ok(!sydFall.some((s) => s.startsWith('2025-04-06T02:') && s.endsWith('+10:00')), sydFall.join(' '));
  for (const [zone, list] of [[NY, nySpring], [NY, nyFall], [SYDNEY, sydSpring], [SYDNEY, sydFall]]) checkTimes(zone, list);
});

test('validatePlan names each violation and the sessions involved', () => {
  const { plan } = schedule.planSeries({ clinic: spa, treatmentId: 'laser-hair', now: NOW });
  // No consultation; session 1 three weeks after session 0; session 0 on top of a booking.
  const broken = {
    sessions: [
      { start: '2025-03-03T10:00-05:00', providerId: 'nurse-lee', resourceIds: ['room-2', 'gentlemax'] },
      { ...plan.sessions[1], start: '2025-03-24T11:15-04:00' },
    ],
  };
  const report = schedule.validatePlan({ clinic: spa, treatmentId: 'laser-hair', plan: broken, now: NOW });
  assert.equal(report.valid, false);
  const codes = report.violations.map((v) => `${v.code}:${v.sessions.join(',')}`);
  assert.ok(codes.includes('MISSING_CONSULTATION:0'), codes.join(' '));
  assert.ok(codes.includes('DOUBLE_BOOKING:0'), codes.join(' '));
  assert.ok(codes.includes('TOO_SOON:0,1'), codes.join(' '));
  for (const v of report.violations) assert.ok(v.message.length > 0 && !v.message.includes('nurse-lee'));
});

test('reschedule: this, following and repair, and a refusal outside the window', () => {
  const { plan } = schedule.planSeries({ clinic: spa, treatmentId: 'laser-hair', now: NOW });
  const s = plan.sessions;
  // Session 1 one week later, at the same wall time (still inside its 28–42-day window).
  const moved = schedule.resolveLocalTime({
    date: new Date((dayNumber(date(s[1].start)) + 7) * 86_400_000).toISOString().slice(0, 10),
    time: wall(s[1].start),
    zone: NY,
  }).instant;
  const request = (scope, newStart = moved) => ({ clinic: spa, treatmentId: 'laser-hair', plan, session: 1, newStart, scope, now: NOW });

  const only = schedule.reschedule(request('this'));
  assert.equal(only.accepted, true);
  assert.deepEqual(only.changes.map((c) => [c.session, c.change]), [[1, 'moved']]);
  assert.equal(only.plan.sessions[1].start, moved);
  assert.deepEqual(only.plan.sessions.slice(2), plan.sessions.slice(2));
  // Session 2 kept its date, which is now less than 28 days after session 1.
  assert.equal(daysBetween(moved, s[2].start), daysBetween(s[1].start, s[2].start) - 7);
  assert.ok(daysBetween(moved, s[2].start) < 28);
  assert.deepEqual(only.outOfWindow, [2]);
  assert.ok(only.violations.some((v) => v.code === 'TOO_SOON' && v.sessions.includes(2)));
  assert.equal(only.windows[0].session, 2);
  assert.equal(only.windows[0].earliestDate, new Date((dayNumber(date(moved)) + 28) * 86_400_000).toISOString().slice(0, 10));

  const shifted = schedule.reschedule(request('following'));
  assert.equal(shifted.accepted, true);
  assert.deepEqual(shifted.changes.map((c) => c.change), ['moved', 'shifted', 'shifted', 'shifted', 'shifted']);
  for (let k = 2; k < 6; k++) {
    assert.equal(daysBetween(s[k].start, shifted.plan.sessions[k].start), 7);
    assert.equal(wall(shifted.plan.sessions[k].start), wall(s[k].start));
  }
  assert.deepEqual(shifted.outOfWindow, []);

  const repaired = schedule.reschedule(request('repair'));
  assert.equal(repaired.accepted, true);
  assert.deepEqual(repaired.outOfWindow, []);
  assert.deepEqual(repaired.violations, []);
  assert.equal(repaired.plan.sessions[1].start, moved);
  for (const c of repaired.changes.slice(1)) assert.equal(c.change, 'replanned');
  for (const result of [only, shifted, repaired]) checkTimes(NY, result);

  // Twelve weeks after session 0 is far outside session 1's window: refused, plan unchanged.
  const late = schedule.resolveLocalTime({ date: new Date((dayNumber(date(s[0].start)) + 84) * 86_400_000).toISOString().slice(0, 10), time: '11:15', zone: NY }).instant;
  const refused = schedule.reschedule(request('this', late));
  assert.equal(refused.accepted, false);
  assert.equal(refused.rejection.code, 'OUTSIDE_WINDOW');
  assert.deepEqual(refused.plan, plan);
});

test('windows: the allowed dates of every session still to come', () => {
  const { plan } = schedule.planSeries({ clinic: spa, treatmentId: 'laser-hair', now: NOW });
  const partial = { consultation: plan.consultation, sessions: plan.sessions.slice(0, 2) };
  const { windows } = schedule.windows({ clinic: spa, treatmentId: 'laser-hair', plan: partial, now: NOW });
  const sessions = windows.filter((w) => w.kind === 'session');
  assert.deepEqual(sessions.map((w) => w.status), ['booked', 'booked', 'open', 'open', 'open', 'open']);
  // Session 2 follows a booked session: exact; later ones are only reachable ranges.
  assert.equal(sessions[2].exact, true);
  assert.equal(daysBetween(plan.sessions[1].start, `${sessions[2].earliestDate}T00:00Z`), 28);
  assert.equal(daysBetween(plan.sessions[1].start, `${sessions[2].latestDate}T00:00Z`), 42);
  assert.equal(sessions[3].exact, false);
  assert.ok(sessions[3].earliestDate < sessions[3].latestDate);
});

test('resolveLocalTime: the named policies for gaps and folds, with the offset', () => {
  const at = (zone, d, time, policy) => schedule.resolveLocalTime({ date: d, time, zone, ...(policy ? { policy } : {}) });
  assert.deepEqual(at(NY, '2025-06-01', '10:00'), { instant: '2025-06-01T10:00-04:00', offset: '-04:00', resolution: 'ok' });
  assert.deepEqual(at(NY, '2025-03-09', '02:30'), { instant: '2025-03-09T03:30-04:00', offset: '-04:00', resolution: 'gap_shifted' });
  assert.deepEqual(at(NY, '2025-11-02', '01:30'), { instant: '2025-11-02T01:30-04:00', offset: '-04:00', resolution: 'ambiguous_resolved' });
  assert.deepEqual(at(NY, '2025-11-02', '01:30', { ambiguous: 'latest' }), { instant: '2025-11-02T01:30-05:00', offset: '-05:00', resolution: 'ambiguous_resolved' });
  assert.deepEqual(at(SYDNEY, '2025-04-06', '02:30', { ambiguous: 'latest' }), { instant: '2025-04-06T02:30+10:00', offset: '+10:00', resolution: 'ambiguous_resolved' });
  assert.deepEqual(at(SYDNEY, '2025-10-05', '02:30', { gap: 'shift_forward', ambiguous: 'reject' }), { instant: '2025-10-05T03:30+11:00', offset: '+11:00', resolution: 'gap_shifted' });
  throwsCoded(() => at(NY, '2025-03-09', '02:30', { gap: 'reject' }), 'NONEXISTENT_LOCAL_TIME', '$.request.time', ['02:30', NY]);
  throwsCoded(() => at(SYDNEY, '2025-04-06', '02:30', { ambiguous: 'reject' }), 'AMBIGUOUS_LOCAL_TIME', '$.request.time', ['02:30', SYDNEY]);
  throwsCoded(() => at(NY, '2025-11-02', '01:30', { ambiguous: 'second' }), 'INVALID_VALUE', '$.request.policy.ambiguous', ['second']);
});

test('errors are MedspaErrors with the path of the field and no input text', () => {
  const secret = 'PHI-987-65-4321';
  const laser = spa.catalog.treatments.findIndex((t) => t.id === 'laser-hair');
  const withSeries = (series) => ({
    ...spa,
    catalog: { ...spa.catalog, treatments: spa.catalog.treatments.map((t, i) => (i === laser ? { ...t, series } : t)) },
  });
  const plan = (c, extra = {}) => () => schedule.planSeries({ clinic: c, treatmentId: 'laser-hair', now: NOW, ...extra });
  throwsCoded(
    plan(withSeries({ sessions: 6, intervals: [{ min: 42, max: 28 }] })),
    'MIN_ABOVE_MAX',
    `$.request.clinic.catalog.treatments[${laser}].series.intervals[0].min`,
  );
  throwsCoded(plan(withSeries({ sessions: 6 })), 'MISSING_INTERVALS', `$.request.clinic.catalog.treatments[${laser}].series.intervals`);
  throwsCoded(() => schedule.planSeries({ clinic: spa, treatmentId: secret, now: NOW }), 'UNKNOWN_TREATMENT', '$.request.treatmentId', [secret]);
  throwsCoded(plan({ ...spa, location: { ...spa.location, zone: `Mars/${secret}` } }), 'UNKNOWN_TIME_ZONE', '$.request.clinic.location.zone', [secret]);
  const overlapping = { ...spa, location: { ...spa.location, hours: [...spa.location.hours, { day: 'mon', start: '08:00', end: '10:00' }] } };
  throwsCoded(plan(overlapping), 'OVERLAPPING_HOURS', `$.request.clinic.location.hours[${spa.location.hours.length}]`);
  throwsCoded(
    () => schedule.findSlots({ clinic: spa, treatmentId: 'peel', from: '2025-03-03', to: '2035-03-03', now: NOW }),
    'RANGE_TOO_LONG',
    '$.request.to',
  );
  throwsCoded(() => schedule.findSlots({ clinic: spa, treatmentId: 'peel', from: '2025-03-03', to: secret, now: NOW }), 'INVALID_DATE', '$.request.to', [secret]);
  throwsCoded(
    () => schedule.validatePlan({ clinic: spa, treatmentId: 'peel', now: NOW, plan: { sessions: [{ start: '2025-03-03T10:00-05:00', providerId: secret }] } }),
    'UNKNOWN_PROVIDER',
    '$.request.plan.sessions[0].providerId',
    [secret],
  );
  throwsCoded(() => schedule.windows({ clinic: spa, treatmentId: 'peel', now: NOW, plan: { sessions: [] }, [secret]: 1 }), 'UNKNOWN_FIELD', '$.request', [secret]);
  const { plan: booked } = schedule.planSeries({ clinic: spa, treatmentId: 'laser-hair', now: NOW });
  throwsCoded(
    () => schedule.reschedule({ clinic: spa, treatmentId: 'laser-hair', plan: booked, session: 9, newStart: booked.sessions[0].start, scope: 'this', now: NOW }),
    'INVALID_SESSION',
    '$.request.session',
  );
  throwsCoded(
    () => schedule.reschedule({ clinic: spa, treatmentId: 'laser-hair', plan: booked, session: 1, newStart: booked.sessions[1].start, scope: 'everything', now: NOW }),
    'INVALID_VALUE',
    '$.request.scope',
    ['everything'],
  );
});

test('the large benchmark clinic answers every operation', () => {
  const big = largeClinic();
  assert.equal(big.appointments.length, 10_000);
  assert.equal(big.providers.length, 20);
  const day = schedule.findSlots(findRequest(big, '2025-03-12', '2025-03-12'));
  assert.ok(day.slots.length > 50);
  checkTimes(big.location.zone, day.slots.slice(0, 20));
});

/** A request without its clinic, for a prepared clinic's handle. */
const bare = ({ clinic: _, ...request }) => request;

test('a prepared clinic answers every operation as the one-shot calls do', () => {
  const handle = schedule.openClinic(spa);
  assert.equal(typeof handle, 'number');
  try {
    const find = { clinic: spa, treatmentId: 'hydrafacial', from: '2025-03-03', to: '2025-03-05', now: NOW, limit: 1000 };
    assert.deepEqual(schedule.findSlots(bare(find), handle), schedule.findSlots(find));
    const series = { clinic: spa, treatmentId: 'laser-hair', now: NOW, preferences: { sameProvider: true } };
    const planned = schedule.planSeries(bare(series), handle);
    assert.deepEqual(planned, schedule.planSeries(series));
    const { plan } = planned;
    assert.equal(plan.sessions.length, 6);
    const check = { clinic: spa, treatmentId: 'laser-hair', plan, now: NOW, checkNoticeAndHorizon: true };
    assert.deepEqual(schedule.validatePlan(bare(check), handle), { valid: true, violations: [] });
    const newStart = schedule.resolveLocalTime({ date: new Date((dayNumber(date(plan.sessions[1].start)) + 7) * 86_400_000).toISOString().slice(0, 10), time: wall(plan.sessions[1].start), zone: NY }).instant;
    for (const scope of ['this', 'following', 'repair']) {
      const move = { clinic: spa, treatmentId: 'laser-hair', plan, session: 1, newStart, scope, now: NOW };
      assert.deepEqual(schedule.reschedule(bare(move), handle), schedule.reschedule(move), scope);
    }
    const partial = { clinic: spa, treatmentId: 'laser-hair', plan: { sessions: plan.sessions.slice(0, 2) }, now: NOW };
    assert.deepEqual(schedule.windows(bare(partial), handle), schedule.windows(partial));
    // The large clinic too.
    const big = largeClinic();
    const bigHandle = schedule.openClinic(big);
    const day = findRequest(big, '2025-03-12', '2025-03-12');
    assert.deepEqual(schedule.findSlots(bare(day), bigHandle), schedule.findSlots(day));
    assert.equal(schedule.closeClinic(bigHandle), true);
  } finally {
    assert.equal(schedule.closeClinic(handle), true);
  }
});

test('booking a slot on a prepared clinic takes it away; cancelling gives it back', () => {
  const handle = schedule.openClinic(spa);
  const request = { treatmentId: 'laser-hair', from: '2025-03-03', to: '2025-03-03', now: NOW };
  const before = schedule.findSlots(request, handle);
  const slot = before.slots[0];
  const booking = { id: 'web-1', start: slot.start, end: slot.end, providerId: slot.providerId, resourceIds: slot.resourceIds, bufferBeforeMinutes: 10, bufferAfterMinutes: 15 };
  assert.equal(schedule.addAppointments(handle, [booking]), spa.appointments.length + 1);
  const after = schedule.findSlots(request, handle);
  assert.ok(!after.slots.some((s) => s.start === slot.start), after.slots.map((s) => s.start).join(' '));
  // Exactly what a one-shot call sees with the booking in the calendar.
  assert.deepEqual(after, schedule.findSlots({ ...request, clinic: { ...spa, appointments: [...spa.appointments, booking] } }));
  assert.equal(schedule.removeAppointments(handle, ['web-1', 'no-such-booking']), 1);
  assert.deepEqual(schedule.findSlots(request, handle), before);
  // A bad booking changes nothing and names its field, without quoting it.
  const secret = 'PHI-987-65-4322';
  throwsCoded(() => schedule.addAppointments(handle, [booking, { ...booking, providerId: secret }]), 'UNKNOWN_PROVIDER', '$.appointments[1].providerId', [secret]);
  throwsCoded(() => schedule.addAppointments(handle, [{ ...booking, start: secret }]), 'INVALID_INSTANT', '$.appointments[0].start', [secret]);
  throwsCoded(() => schedule.removeAppointments(handle, [42]), 'INVALID_TYPE', '$.ids[0]');
  assert.deepEqual(schedule.findSlots(request, handle), before);
  // Closed: every use of the handle is refused, closing again is harmless.
  assert.equal(schedule.closeClinic(handle), true);
  assert.equal(schedule.closeClinic(handle), false);
  throwsCoded(() => schedule.findSlots(request, handle), 'UNKNOWN_CLINIC_HANDLE', '$.clinic');
  throwsCoded(() => schedule.addAppointments(handle, [booking]), 'UNKNOWN_CLINIC_HANDLE', '$.clinic');
});

test('handles: unknown, mistyped, missing, or given with a clinic', () => {
  const request = { treatmentId: 'peel', from: '2025-03-03', to: '2025-03-03', now: NOW };
  throwsCoded(() => schedule.findSlots(request, 987_654), 'UNKNOWN_CLINIC_HANDLE', '$.clinic');
  throwsCoded(() => schedule.planSeries({ treatmentId: 'peel', now: NOW }, 0), 'UNKNOWN_CLINIC_HANDLE', '$.clinic');
  throwsCoded(() => schedule.findSlots(request, 'PHI-987-65-4323'), 'INVALID_TYPE', '$.clinic', ['PHI-987-65-4323']);
  throwsCoded(() => schedule.findSlots(request), 'MISSING_CLINIC', '$.request.clinic');
  // `undefined` and `null` mean no handle.
  throwsCoded(() => schedule.findSlots(request, undefined), 'MISSING_CLINIC', '$.request.clinic');
  throwsCoded(() => schedule.findSlots(request, null), 'MISSING_CLINIC', '$.request.clinic');
  const handle = schedule.openClinic(spa);
  try {
    throwsCoded(() => schedule.findSlots({ ...request, clinic: spa }, handle), 'CLINIC_GIVEN_TWICE', '$.request.clinic');
    throwsCoded(() => schedule.findSlots({ ...request, treatmentId: 'PHI-987-65-4324' }, handle), 'UNKNOWN_TREATMENT', '$.request.treatmentId', ['PHI-987-65-4324']);
  } finally {
    schedule.closeClinic(handle);
  }
  // A clinic that does not open names its field under `$.clinic`.
  const overlapping = { ...spa, location: { ...spa.location, hours: [...spa.location.hours, { day: 'mon', start: '08:00', end: '10:00' }] } };
  throwsCoded(() => schedule.openClinic(overlapping), 'OVERLAPPING_HOURS', `$.clinic.location.hours[${spa.location.hours.length}]`);
  throwsCoded(() => schedule.openClinic({ ...spa, location: { ...spa.location, zone: 'Mars/PHI-987-65-4325' } }), 'UNKNOWN_TIME_ZONE', '$.clinic.location.zone', ['PHI-987-65-4325']);
  throwsCoded(() => schedule.openClinic({ ...spa, extra: 1 }), 'UNKNOWN_FIELD', '$.clinic');
});
