// The schedule demo: a sample clinic, a series planned by planSeries, its windows on a timeline,
// one session moved with reschedule (three scopes) and the next free slots from findSlots. Every
// answer comes from the WASM build in this tab. The clinic is opened once (openClinic) and every
// query passes its handle, so a call carries the request, not the whole calendar.
import { init, openClinic, closeClinic, findSlots, planSeries, reschedule, windows, resolveLocalTime, MedspaError } from '/packages/schedule/index.js';
import { $ } from './dom.js';

const ZONE = 'America/New_York';
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// The sample clinic

const PROVIDERS = {
  'dr-okafor': 'Dr. Amara Okafor, MD',
  'nurse-lee': 'Jordan Lee, RN',
  'np-garcia': 'Sofia Garcia, NP',
  'maya-chen': 'Maya Chen, aesthetician',
};
const RESOURCES = { 'room-1': 'Room 1', 'room-2': 'Room 2', gentlemax: 'GentleMax laser' };
const TREATMENTS = {
  consult: 'Consultation',
  'laser-hair': 'Laser hair removal (6 sessions, every 4–6 weeks)',
  neurotoxin: 'Neurotoxin (touch-up at 14–21 days, then every 90–120)',
  microneedling: 'Microneedling (3 sessions, every 4–6 weeks)',
  peel: 'Superficial chemical peel (6 sessions, every 2–3 weeks)',
  hydrafacial: 'HydraFacial',
};
const SERIES = ['laser-hair', 'neurotoxin', 'microneedling', 'peel'];

const weekdays = (days, start, end, breaks) => days.map((day) => ({ day, start, end, ...(breaks ? { breaks } : {}) }));
const MON_SAT = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function catalog() {
  const room = { kind: 'room' };
  return {
    treatments: [
      { id: 'consult', durationMinutes: 30, qualifications: ['MD'], resources: [room] },
      {
        id: 'laser-hair',
        durationMinutes: 45,
        bufferBeforeMinutes: 10,
        bufferAfterMinutes: 15,
        qualifications: ['RN', 'laser'],
        resources: [room, { kind: 'device' }],
        categories: ['laser'],
        series: { sessions: 6, intervals: [{ min: 28, max: 42 }] },
        consultation: { treatmentId: 'consult', maxAgeDays: 90 },
      },
      {
        id: 'neurotoxin',
        durationMinutes: 30,
        bufferAfterMinutes: 5,
        qualifications: ['RN'],
        anyQualification: ['NP', 'MD'],
        resources: [room],
        series: { sessions: 4, intervals: [{ min: 14, max: 21 }, { min: 90, max: 120 }] },
      },
      {
        id: 'microneedling',
        durationMinutes: 60,
        bufferAfterMinutes: 15,
        qualifications: ['RN'],
        resources: [room],
        categories: ['microneedling'],
        series: { sessions: 3, intervals: [{ min: 28, max: 42 }] },
      },
      {
        id: 'peel',
        durationMinutes: 30,
        bufferAfterMinutes: 10,
        anyQualification: ['aesthetician', 'RN'],
        resources: [room],
        categories: ['peel'],
        series: { sessions: 6, intervals: [{ min: 14, max: 21 }] },
      },
      { id: 'hydrafacial', durationMinutes: 60, bufferAfterMinutes: 15, anyQualification: ['aesthetician', 'RN'], resources: [room], categories: ['facial'] },
    ],
    washouts: [
      { after: 'peel', then: 'laser', days: 14 },
      { after: 'microneedling', then: 'facial', days: 7 },
    ],
  };
}

/** The clinic with a week of bookings starting on `week` (a local date). */
function sampleClinic(week) {
  const lunch = [{ start: '12:30', end: '13:15' }];
  const providers = [
    { id: 'dr-okafor', qualifications: ['MD', 'RN'], hours: weekdays(['mon', 'tue', 'wed', 'thu', 'fri'], '09:00', '17:00', lunch) },
    { id: 'nurse-lee', qualifications: ['RN', 'laser'], hours: weekdays(['tue', 'wed', 'thu', 'fri', 'sat'], '10:00', '18:00', lunch) },
    { id: 'np-garcia', qualifications: ['RN', 'NP'], hours: weekdays(['mon', 'tue', 'wed', 'thu'], '09:00', '16:00') },
    { id: 'maya-chen', qualifications: ['aesthetician'], hours: weekdays(MON_SAT, '10:00', '18:00', lunch) },
  ];
  // A believable week: each provider has a few bookings a day, in a fixed pattern.
  const pattern = [
    ['dr-okafor', ['room-2'], ['09:00', '10:30', '14:00'], 30],
    ['nurse-lee', ['room-1', 'gentlemax'], ['10:00', '11:00', '15:30'], 60],
    ['np-garcia', ['room-2'], ['11:00', '13:00'], 45],
    ['maya-chen', ['room-1'], ['13:15', '16:00'], 60],
  ];
  const appointments = [];
  for (let d = 0; d < 7; d++) {
    const date = addDays(week, d);
    pattern.forEach(([providerId, resourceIds, times, minutes], p) => {
      times.forEach((time, k) => {
        if ((d + p + k) % 3 === 2) return; // leave gaps
        const start = local(date, time);
        const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
        appointments.push({ id: `b-${d}-${p}-${k}`, start, end, providerId, resourceIds });
      });
    });
  }
  return {
    location: { zone: ZONE, hours: weekdays(MON_SAT, '09:00', '18:00'), slotStepMinutes: 15, minNoticeMinutes: 60, horizonDays: 365 },
    catalog: catalog(),
    providers,
    resources: [
      { id: 'room-1', kind: 'room' },
      { id: 'room-2', kind: 'room' },
      { id: 'gentlemax', kind: 'device' },
    ],
    appointments,
  };
}

// ---------------------------------------------------------------------------------------------
// Dates and words

const dayNumber = (isoDate) => Date.UTC(+isoDate.slice(0, 4), +isoDate.slice(5, 7) - 1, +isoDate.slice(8, 10)) / DAY_MS;
const isoDay = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const addDays = (isoDate, n) => isoDay(dayNumber(isoDate) + n);
/** The instant of a clinic wall time (RFC 5545 rule for gaps and folds). */
const local = (date, time) => resolveLocalTime({ date, time, zone: ZONE }).instant;

const dateFmt = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' });
const shortFmt = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' });
const monthFmt = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short' });
const yearFmt = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hour: 'numeric', minute: '2-digit' });
const onDay = (isoDate, fmt = dateFmt) => fmt.format(new Date(dayNumber(isoDate) * DAY_MS));
/** Instants from the API are clinic wall time plus offset: the first 16 characters are local. */
const localDate = (instant) => instant.slice(0, 10);
const localTime = (instant) => instant.slice(11, 16);
const offsetOf = (instant) => `UTC${instant.slice(-6).replace('-', '−')}`;
const when = (instant) => `${onDay(localDate(instant))} · ${timeFmt.format(new Date(instant))}`;
const surname = (id) => PROVIDERS[id]?.split(',')[0].split(' ').at(-1) ?? id;
const sessionName = (k) => `Session ${k + 1}`;

const VIOLATIONS = {
  TOO_SOON: 'is too soon after the previous session',
  TOO_LATE: 'is later than its window allows',
  OUT_OF_ORDER: 'is not after the previous session',
  TOO_MANY_SESSIONS: 'is more sessions than the series has',
  MISSING_CONSULTATION: 'has no consultation before it',
  STALE_CONSULTATION: 'follows a consultation that is too old',
  WASHOUT: 'falls inside a washout period after another treatment',
  DOUBLE_BOOKING: 'clashes with another booking',
  OUTSIDE_HOURS: 'is outside opening or working hours',
  UNQUALIFIED_PROVIDER: 'is with a provider who lacks a qualification',
  MISSING_RESOURCE: 'is missing a room or device',
  TOO_SHORT_NOTICE: 'is too soon to book',
  OUTSIDE_HORIZON: 'is beyond the booking horizon',
};
const REJECTIONS = {
  OUTSIDE_WINDOW: 'that date is outside the session’s allowed window',
  TOO_SHORT_NOTICE: 'that is too soon to book',
  OUTSIDE_HORIZON: 'that is beyond the booking horizon',
  UNAVAILABLE: 'no qualified provider, room or device is free then',
};
const BLOCKERS = {
  NO_QUALIFIED_PROVIDER: 'no provider holds the qualifications',
  CLINIC_CLOSED: 'the clinic is closed',
  NO_PROVIDER_HOURS: 'no qualified provider works that day',
  DOES_NOT_FIT: 'the treatment does not fit in anyone’s hours',
  PROVIDER_BUSY: 'every qualified provider is busy',
  ROOM_BUSY: 'no room is free',
  DEVICE_BUSY: 'the device is busy',
  CLIENT_BUSY: 'the client has another session',
  WASHOUT: 'a washout period applies',
  OUTSIDE_HORIZON: 'it is beyond the booking horizon',
  TOO_SHORT_NOTICE: 'it is too soon to book',
  PREFERENCE: 'the client’s preferences exclude it',
  SEARCH_LIMIT: 'the search reached its limit',
};
const CHANGES = { moved: 'moved', shifted: 'shifted with it', replanned: 're-planned into its window', unplaceable: 'could not be placed; left as it was' };

function announce(text) {
  $('#status').textContent = text;
}

function describeError(error) {
  if (error instanceof MedspaError) return `${error.message} (${error.code} at ${error.path})`;
  return String(error);
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---------------------------------------------------------------------------------------------
// State

const state = { week: null, clinic: null, handle: null, treatmentId: null, now: null, preferences: {}, plan: null, preview: null };

/** Makes the sample clinic with bookings in the week of `week` current (opened on first use). */
function useClinic(week) {
  if (state.week === week) return;
  if (state.handle !== null) closeClinic(state.handle);
  state.week = week;
  state.clinic = sampleClinic(week);
  state.handle = null;
}

/**
 * Runs `query(handle)` on the open clinic. After an internal error the module starts afresh and
 * forgets its open clinics (UNKNOWN_CLINIC_HANDLE): the clinic is opened again, once.
 */
function onClinic(query) {
  state.handle ??= openClinic(state.clinic);
  try {
    return query(state.handle);
  } catch (error) {
    if (!(error instanceof MedspaError && error.code === 'UNKNOWN_CLINIC_HANDLE')) throw error;
    state.handle = openClinic(state.clinic);
    return query(state.handle);
  }
}

function windowText(w) {
  if (!w) return '';
  const from = onDay(w.earliestDate, shortFmt);
  return w.latestDate ? `${from} – ${onDay(w.latestDate, shortFmt)}` : `from ${from}`;
}

/** Windows of every session of `plan`, by session index. */
function windowsOf(plan) {
  const { windows: list } = onClinic((clinic) => windows({ treatmentId: state.treatmentId, plan, now: state.now }, clinic));
  const bySession = new Map();
  for (const w of list) if (w.kind === 'session') bySession.set(w.session, w);
  return bySession;
}

// ---------------------------------------------------------------------------------------------
// Timeline

/**
 * Draws one lane per session: the allowed window shaded, the booked start marked with its
 * provider and time, and (after a move) a ghost where the session was.
 */
function drawTimeline(container, plan, bySession, ghosts = new Map()) {
  const days = [];
  for (const w of bySession.values()) days.push(dayNumber(w.earliestDate), dayNumber(w.latestDate ?? w.earliestDate));
  const sessions = plan.sessions;
  for (const s of sessions) days.push(dayNumber(localDate(s.start)));
  for (const g of ghosts.values()) days.push(dayNumber(localDate(g)));
  if (plan.consultation) days.push(dayNumber(localDate(plan.consultation.start)));
  const first = Math.min(...days) - 4;
  const last = Math.max(...days) + 5;
  const pct = (day) => `${(((day - first) / (last - first)) * 100).toFixed(3)}%`;

  const axis = el('div', 'axis');
  axis.setAttribute('aria-hidden', 'true');
  axis.append(el('span', 'lane-label'));
  const ticks = el('div', 'track ticks');
  for (let d = first; d <= last; d++) {
    const iso = isoDay(d);
    if (iso.endsWith('-01')) {
      const tick = el('span', 'tick', iso.slice(5, 7) === '01' || ticks.childElementCount === 0 ? onDay(iso, yearFmt) : onDay(iso, monthFmt));
      tick.style.left = pct(d);
      ticks.append(tick);
    }
  }
  axis.append(ticks);

  const lanes = [axis];
  const lane = (label, track) => {
    const row = el('div', 'lane');
    row.append(el('span', 'lane-label', label), track);
    return row;
  };
  const pin = (instant, className, caption) => {
    const day = dayNumber(localDate(instant));
    const marker = el('span', `pin ${className}`);
    marker.style.left = pct(day + 0.5);
    if (caption) {
      const tag = el('span', 'pin-caption', caption);
      if ((day - first) / (last - first) > 0.7) tag.classList.add('flip');
      marker.append(tag);
    }
    return marker;
  };
  if (plan.consultation) {
    const track = el('div', 'track');
    const c = plan.consultation;
    track.append(pin(c.start, 'consult', `${onDay(localDate(c.start), shortFmt)} · ${localTime(c.start)} · ${surname(c.providerId)}`));
    lanes.push(lane('Consultation', track));
  }
  sessions.forEach((s, k) => {
    const track = el('div', 'track');
    const w = bySession.get(k);
    const violated = w?.violated;
    if (w) {
      const band = el('span', `band${w.exact ? '' : ' reachable'}`);
      band.style.left = pct(dayNumber(w.earliestDate));
      band.style.width = `calc(${pct(dayNumber(w.latestDate ?? w.earliestDate) + 1)} - ${pct(dayNumber(w.earliestDate))})`;
      band.title = `Allowed ${windowText(w)}`;
      track.append(band);
    }
    if (ghosts.has(k)) track.append(pin(ghosts.get(k), 'ghost'));
    track.append(pin(s.start, violated ? 'booked violated' : 'booked', `${onDay(localDate(s.start), shortFmt)} · ${localTime(s.start)} · ${surname(s.providerId)}`));
    const row = lane(sessionName(k), track);
    row.setAttribute('aria-label', `${sessionName(k)}: ${when(s.start)} with ${PROVIDERS[s.providerId]}; allowed ${windowText(w)}${violated ? '; outside its window' : ''}`);
    row.setAttribute('role', 'img');
    lanes.push(row);
  });
  container.replaceChildren(...lanes);
}

// ---------------------------------------------------------------------------------------------
// 1 · Plan

function renderPlan() {
  const { plan } = state;
  const bySession = windowsOf(plan);
  drawTimeline($('#plan-timeline'), plan, bySession);
  const rows = [];
  const row = (label, b, w) => {
    const tr = el('tr');
    const who = [PROVIDERS[b.providerId], ...b.resourceIds.map((r) => RESOURCES[r] ?? r)].join(' · ');
    const whenCell = el('td');
    whenCell.append(el('span', null, when(b.start)), el('span', 'offset', ` ${offsetOf(b.start)}`));
    tr.append(el('th', null, label), whenCell, el('td', null, who), el('td', null, w ? windowText(w) : '—'));
    tr.firstChild.scope = 'row';
    return tr;
  };
  if (plan.consultation) rows.push(row('Consultation', plan.consultation));
  plan.sessions.forEach((s, k) => rows.push(row(sessionName(k), s, bySession.get(k))));
  $('#plan-rows').replaceChildren(...rows);

  const select = $('#move-session');
  const keep = Number(select.value || 1);
  select.replaceChildren(...plan.sessions.map((s, k) => new Option(`${sessionName(k)} · ${onDay(localDate(s.start), shortFmt)}`, String(k))));
  select.value = String(Math.min(keep, plan.sessions.length - 1));
  fillMoveFields();
}

function plan() {
  const start = $('#plan-start').value;
  state.treatmentId = $('#plan-treatment').value;
  useClinic(start);
  // "Now" is the day before the chosen start, so the week of bookings lies ahead.
  state.now = local(addDays(start, -1), '12:00');
  const provider = $('#plan-provider').value;
  state.preferences = {
    earliestStart: local(start, '00:00'),
    sameProvider: $('#plan-same').checked,
    ...(provider ? { providerId: provider } : {}),
  };
  state.preview = null;
  $('#move-result').hidden = true;
  $('#move-apply').disabled = true;
  $('#move-error').textContent = '';
  const answer = onClinic((clinic) => planSeries({ treatmentId: state.treatmentId, now: state.now, preferences: state.preferences }, clinic));
  if (!answer.plan) {
    const u = answer.unplanned;
    const why = u.blockers.slice(0, 3).map((b) => BLOCKERS[b.code] ?? b.code).join('; ');
    const which = u.kind === 'consultation' ? 'The consultation' : sessionName(u.session);
    $('#plan-summary').textContent = `No plan fits. ${which} has no free time between ${windowText(u.window)}: ${why}.`;
    $('#plan-timeline').replaceChildren();
    $('#plan-rows').replaceChildren();
    announce($('#plan-summary').textContent);
    return;
  }
  state.plan = answer.plan;
  const s = answer.plan.sessions;
  const who = answer.sameProvider ? ` with ${PROVIDERS[s[0].providerId]}` : '';
  const consult = answer.plan.consultation ? 'A consultation, then ' : '';
  $('#plan-summary').textContent = `${consult}${s.length} sessions from ${onDay(localDate(s[0].start))} to ${onDay(localDate(s.at(-1).start))}${who}, each inside its window.`;
  renderPlan();
  announce(`Planned. ${$('#plan-summary').textContent}`);
}

// ---------------------------------------------------------------------------------------------
// 2 · Move

function fillMoveFields() {
  const k = Number($('#move-session').value);
  const s = state.plan?.sessions[k];
  if (!s) return;
  $('#move-date').value = addDays(localDate(s.start), 7);
  $('#move-time').value = localTime(s.start);
}

function preview() {
  const k = Number($('#move-session').value);
  const scope = document.querySelector('input[name="scope"]:checked').value;
  $('#move-error').textContent = '';
  let newStart;
  try {
    // A wall time the clocks skip is refused rather than silently moved.
    newStart = resolveLocalTime({ date: $('#move-date').value, time: $('#move-time').value, zone: ZONE, policy: { gap: 'reject' } }).instant;
  } catch (error) {
    const text = error instanceof MedspaError && error.code === 'NONEXISTENT_LOCAL_TIME'
      ? 'That time does not exist on that day: the clocks spring forward. Pick a time after 3:00 AM.'
      : describeError(error);
    $('#move-error').textContent = text;
    announce(text);
    return;
  }
  const request = { treatmentId: state.treatmentId, plan: state.plan, session: k, newStart, scope, now: state.now, preferences: state.preferences };
  const result = onClinic((clinic) => reschedule(request, clinic));
  if (!result.accepted) {
    const r = result.rejection;
    const blockers = r.blockers.length ? ` (${r.blockers.slice(0, 2).map((b) => BLOCKERS[b.code] ?? b.code).join('; ')})` : '';
    const text = `${sessionName(k)} cannot move to ${when(newStart)}: ${REJECTIONS[r.code] ?? r.code}${blockers}. Its window is ${windowText(r.window)}.`;
    $('#move-error').textContent = text;
    $('#move-result').hidden = true;
    $('#move-apply').disabled = true;
    announce(text);
    return;
  }
  state.preview = result.plan;
  const ghosts = new Map(result.changes.filter((c) => c.from !== c.to).map((c) => [c.session, c.from]));
  drawTimeline($('#move-timeline'), result.plan, windowsOf(result.plan), ghosts);
  const changes = result.changes.map((c) => {
    const li = el('li');
    const moved = c.from === c.to ? 'stays' : `${when(c.from)} → ${when(c.to)}`;
    li.append(el('strong', null, `${sessionName(c.session)} `), el('span', null, `${moved} — ${CHANGES[c.change] ?? c.change}`));
    return li;
  });
  $('#move-changes').replaceChildren(...(changes.length ? changes : [el('li', 'muted', 'None')]));
  const problems = result.violations.map((v) => {
    const li = el('li', 'problem');
    const who = v.consultation ? 'The consultation' : v.sessions.length > 1 ? `${sessionName(v.sessions.at(-1))}` : sessionName(v.sessions[0] ?? 0);
    li.append(el('span', null, `${who} ${VIOLATIONS[v.code] ?? 'has a problem'}. `), el('code', null, v.code));
    return li;
  });
  $('#move-violations').replaceChildren(...(problems.length ? problems : [el('li', 'ok', 'None: every session fits its window.')]));
  $('#move-result').hidden = false;
  $('#move-apply').disabled = false;
  const moved = result.changes.filter((c) => c.from !== c.to).length;
  announce(`${sessionName(k)} moved to ${when(newStart)}. ${moved} session${moved === 1 ? '' : 's'} change, ${result.violations.length} problem${result.violations.length === 1 ? '' : 's'}.`);
}

function applyPreview() {
  if (!state.preview) return;
  state.plan = state.preview;
  state.preview = null;
  $('#move-result').hidden = true;
  $('#move-apply').disabled = true;
  renderPlan();
  announce('The new plan is now the current plan.');
}

// ---------------------------------------------------------------------------------------------
// 3 · Slots

function slots() {
  const day = $('#slots-date').value;
  const treatmentId = $('#slots-treatment').value;
  if (state.week === null) useClinic(day);
  const now = state.now ?? local(addDays(day, -1), '12:00');
  try {
    const page = onClinic((clinic) => findSlots({ treatmentId, from: day, to: day, now, limit: 200 }, clinic));
    const byTime = new Map();
    for (const s of page.slots) {
      if (!byTime.has(s.start)) byTime.set(s.start, []);
      byTime.get(s.start).push(s);
    }
    const items = [...byTime].slice(0, 24).map(([start, list]) => {
      const li = el('li', 'slot');
      li.append(el('strong', null, timeFmt.format(new Date(start))), el('span', null, list.map((s) => surname(s.providerId)).join(', ')), el('small', null, list[0].resourceIds.map((r) => RESOURCES[r] ?? r).join(' · ')));
      return li;
    });
    $('#slots-list').replaceChildren(...items);
    const text = byTime.size
      ? `${byTime.size} free start times on ${onDay(day)} (${offsetOf(page.slots[0].start)})${byTime.size > 24 ? '; the first 24 shown' : ''}.`
      : `No free time on ${onDay(day)}.`;
    $('#slots-summary').textContent = text;
    announce(text);
  } catch (error) {
    $('#slots-summary').textContent = describeError(error);
  }
}

// ---------------------------------------------------------------------------------------------
// Start

await init();
$('#plan-treatment').replaceChildren(...SERIES.map((id) => new Option(TREATMENTS[id], id)));
$('#slots-treatment').replaceChildren(...Object.entries(TREATMENTS).map(([id, name]) => new Option(name.split(' (')[0], id)));
$('#plan-provider').append(...Object.entries(PROVIDERS).map(([id, name]) => new Option(name, id)));
// A Monday a week before New York springs forward, so the series crosses the change.
$('#plan-start').value = '2025-03-03';
$('#slots-date').value = '2025-03-04';
$('#plan-form').addEventListener('submit', (e) => {
  e.preventDefault();
  plan();
});
$('#move-session').addEventListener('change', fillMoveFields);
$('#move-form').addEventListener('submit', (e) => {
  e.preventDefault();
  preview();
});
$('#move-apply').addEventListener('click', applyPreview);
$('#slots-form').addEventListener('submit', (e) => {
  e.preventDefault();
  slots();
});
plan();
slots();
document.body.dataset.ready = '1';
