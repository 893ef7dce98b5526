// The followup demo: one completed appointment's planned messages on a timeline, and a clinic's
// retention report as charts. Every result comes from the WASM build, in this tab.
import { init, followupPlan, resolveLocalTime, retentionReport } from '/packages/medspa-kit/index.js';
import { showNetworkCheck } from './network.js';
import { $, el } from './dom.js';

await init();

const step = (id, kind, offset, channel, templateId, extra = {}) => ({ id, kind, offset, channel, templateId, class: 'healthcare', ...extra });
const PROTOCOLS = [
  { id: 'tox', treatmentId: 'neurotoxin', series: { sessions: 2, intervals: [{ min: 14, max: 21 }] }, steps: [
    step('care', 'aftercare', { hours: 0 }, 'sms', 'Aftercare instructions', { fallbackChannels: ['email'] }),
    step('48h', 'check_in', { hours: 48 }, 'sms', '48-hour check-in', { fallbackChannels: ['email'] }),
    step('1w', 'check_in', { days: 7 }, 'email', 'One-week check-in'),
    step('rebook', 'rebooking', { days: 2 }, 'sms', 'Book your touch-up', { fallbackChannels: ['email'] }),
  ] },
  { id: 'peel', treatmentId: 'peel', series: { sessions: 3, intervals: [{ min: 14, max: 21 }] }, steps: [
    step('care', 'aftercare', { hours: 0 }, 'email', 'Peel aftercare'),
    step('48h', 'check_in', { hours: 48 }, 'sms', '48-hour check-in', { fallbackChannels: ['email'] }),
    step('rebook', 'rebooking', { days: 3 }, 'sms', 'Book your next peel', { fallbackChannels: ['email'] }),
    step('remind', 'series_reminder', { days: 5 }, 'email', 'Series reminder'),
  ] },
  { id: 'filler', treatmentId: 'filler', steps: [
    step('care', 'aftercare', { hours: 0 }, 'sms', 'Filler aftercare', { fallbackChannels: ['email'] }),
    step('48h', 'check_in', { hours: 48 }, 'sms', '48-hour check-in', { fallbackChannels: ['email'] }),
    step('1w', 'check_in', { days: 7 }, 'sms', 'One-week check-in', { fallbackChannels: ['email'] }),
  ] },
];
const KIND_WORDS = { aftercare: 'Aftercare', check_in: 'Check-in', rebooking: 'Rebooking prompt', series_reminder: 'Series reminder' };
const REASON_WORDS = { channel_opted_out: 'client opted out of the channel', no_consent: 'no consent for this message class', past: 'already past', no_allowed_hours: 'no allowed hours' };

const show = (iso) => {
  const offset = iso.slice(-6);
  const zone = { '-04:00': 'America/New_York', '-05:00': 'America/Chicago', '-07:00': 'America/Los_Angeles' }[offset] ?? 'UTC';
  return new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso));
};

function renderPlan() {
  const [zone, state] = $('#fu-zone').value.split('|');
  const [date, time] = $('#fu-checkout').value.split('T');
  // The clinic's wall-clock checkout becomes an instant by the schedule plugin's DST rule.
  const end = resolveLocalTime({ date, time, zone: 'America/Los_Angeles' }).instant;
  const treatment = $('#fu-treatment').value;
  const plan = followupPlan({
    appointment: { id: 'demo-visit', clientId: 'demo-client', start: end, end, zone: 'America/Los_Angeles', treatments: [treatment] },
    protocols: PROTOCOLS,
    client: { id: 'demo-client', zone, state, optedOut: $('#fu-optout').checked ? ['sms'] : [] },
    now: end,
  });
  const moved = plan.messages.filter((m) => m.movedForQuietHours).length;
  $('#fu-summary').textContent = `${plan.messages.length} messages planned${moved ? `, ${moved} moved out of the client's quiet hours` : ''}.`;
  $('#fu-timeline').replaceChildren(...plan.messages.map((m) => el('div', { className: 'fu-item', role: 'listitem', dataset: { kind: m.kind } },
    el('time', { dateTime: m.sendAt, textContent: show(m.sendAt) }),
    el('span', {}, el('span', { className: 'what', textContent: `${KIND_WORDS[m.kind]}: ${m.templateId}` }), el('br'),
      el('span', { className: 'meta', textContent: `${m.class} message${m.session ? ` · for session ${m.session}` : ''}` })),
    el('span', {}, el('span', { className: 'chip', textContent: m.channel }),
      ...(m.movedForQuietHours ? [el('span', { className: 'chip moved', textContent: 'moved to allowed hours' })] : []),
      ...(m.channelFallback ? [el('span', { className: 'chip moved', textContent: 'fallback channel' })] : [])))));
  $('#fu-unplanned').textContent = plan.unplanned.length
    ? `Not planned: ${plan.unplanned.map((u) => `${u.stepId} (${REASON_WORDS[u.reason] ?? u.reason})`).join(', ')}.`
    : '';
}

/** A year of sample series: deterministic, about 300 of them over three treatments. */
function sampleSeries() {
  const treatments = [['peel', 3, 14], ['laser-hair', 6, 28], ['microneedling', 3, 28]];
  const series = [];
  for (let i = 0; i < 300; i++) {
    const [treatmentId, total, gap] = treatments[i % 3];
    const followed = i % 2 === 0;
    const done = Math.min(total, 1 + ((i * 7) % (followed ? total + 2 : total)));
    const start = Date.UTC(2024, 6 + (i % 9), 1 + (i % 25));
    const sessions = Array.from({ length: done }, (_, k) => new Date(start + k * (gap + (i % 5)) * 86_400_000).toISOString().slice(0, 10));
    series.push({ id: `s${i}`, clientId: `c${i}`, treatmentId, locationId: i % 4 ? 'Santa Monica' : 'Pasadena', sessions, valueMinor: 20_000 + (i % 7) * 15_000, receivedFollowup: followed });
  }
  return series;
}

function bar(label, rate) {
  const share = rate.basisPoints ?? 0;
  const fill = el('div', { className: 'bar-fill' });
  fill.style.width = `${share / 100}%`;
  return el('div', { className: 'bar-row', role: 'listitem' }, el('span', { textContent: label }), el('div', { className: 'bar-track' }, fill),
    el('span', { className: 'value', textContent: `${(share / 100).toFixed(0)} %`, title: `${rate.completed} of ${rate.total} finished series` }));
}

function renderRetention() {
  const report = retentionReport({
    today: '2025-06-01',
    treatments: [
      { treatmentId: 'peel', series: { sessions: 3, intervals: [{ min: 14, max: 21 }] } },
      { treatmentId: 'laser-hair', series: { sessions: 6, intervals: [{ min: 28, max: 42 }] } },
      { treatmentId: 'microneedling', series: { sessions: 3, intervals: [{ min: 28, max: 42 }] } },
    ],
    series: sampleSeries(),
  });
  $('#chart-treatment').replaceChildren(...report.byTreatment.map((g) => bar(g.key, g.rate)));
  const most = Math.max(1, ...report.dropOff.map((d) => d.series));
  $('#chart-dropoff').replaceChildren(...report.dropOff.map((d) => {
    const fill = el('div', { className: 'col-fill' });
    fill.style.height = `${(6.5 * d.series) / most}rem`;
    return el('div', { className: 'column', role: 'listitem', title: `${d.series} series stopped after ${d.sessionsCompleted}` },
      el('span', { textContent: String(d.series) }), fill, el('span', { textContent: `after ${d.sessionsCompleted}` }));
  }));
  const comparison = report.followup;
  $('#chart-followup').replaceChildren(...(comparison ? [bar('With follow-up', comparison.withFollowup), bar('Without', comparison.withoutFollowup)] : []));
  $('#at-risk').replaceChildren(...report.atRisk.slice(0, 5).map((r) => el('li', { textContent: `${r.clientId} · ${r.treatmentId} · ${r.daysOverdue} days overdue` })));
}

for (const id of ['#fu-treatment', '#fu-checkout', '#fu-zone', '#fu-optout']) $(id).addEventListener('change', renderPlan);
renderPlan();
renderRetention();
showNetworkCheck();
document.body.dataset.ready = '1';
