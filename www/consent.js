// The consent demo: tomorrow's sheet, one appointment's checklist and reminder plan, and an
// editor for the client's form records. Every result comes from the WASM build, in this tab.
import { init, checkDay, checkAppointment, nextActions, validateRules } from '/packages/consent/index.js';
import { rules, clients, appointments, now } from './data/consent-sample.js';
import { showNetworkCheck } from './network.js';
import { $, el } from './dom.js';

await init();

const FORM_NAMES = {
  intake: 'Medical history intake', 'tox-consent': 'Neurotoxin consent', 'filler-consent': 'Filler consent',
  'laser-consent': 'Laser consent (per series)', 'photo-release': 'Photo release', privacy: 'Privacy notice',
  financial: 'Financial & cancellation policy', gfe: 'Good-faith exam', guardian: 'Guardian consent',
};
const CODE_WORDS = {
  MISSING: 'Not started', NOT_SENT: 'Assigned, not sent yet', SENT_NOT_OPENED: 'Sent, not opened',
  IN_PROGRESS: 'Opened, not finished', INCOMPLETE: 'Submitted with required answers blank', UNSIGNED: 'Not signed',
  EXPIRED: 'Expired', EXPIRES_BEFORE_APPOINTMENT: 'Valid today, expires before the visit',
  OUTDATED_VERSION: 'Signed on an old version', REVOKED: 'Revoked by the client', NEEDS_REVIEW: 'Needs a clinician before the day',
  GUARDIAN_REQUIRED: 'Client is a minor: guardian consent needed', EXAM_REQUIRED: 'Good-faith exam needed',
  PERFORMER_NOT_ALLOWED: 'examiner not allowed here', WITNESS_MISSING: 'witness missing',
};
const ACTION_WORDS = {
  send_forms: 'Send form links', reminder: 'Reminder', escalate: 'Tell the front desk', schedule_exam: 'Book a good-faith exam',
  clinical_review: 'Clinical review of intake answers', contact_client: 'Call the client about the revoked consent',
};
const TREATMENT_NAMES = { neurotoxin: 'Neurotoxin', filler: 'Filler', 'laser-hair': 'Laser hair removal', peel: 'Chemical peel', hydrafacial: 'HydraFacial' };

const byId = new Map(clients.map((c) => [c.id, c]));
// Start on the appointment with the most to show: blocked, with a review flag.
let selected = 'a-2';

const clinicTime = (iso, zone) => new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: 'numeric', minute: '2-digit', month: 'short', day: 'numeric', timeZoneName: 'short' }).format(new Date(iso));
const appointmentOf = (id) => appointments.find((a) => a.id === id);
const clientOf = (appointment) => byId.get(appointment.clientId);
const coreClient = ({ name, ...client }) => client;

function renderSheet() {
  const day = checkDay({ rules, clients: clients.map(coreClient), appointments, from: '2025-06-10', to: '2025-06-10', now });
  const total = day.appointments.length;
  $('#day-counts').replaceChildren(...['blocked', 'incomplete', 'ready'].map((status) => {
    const count = day.statusCounts[status];
    const bar = el('div', { className: 'bar' });
    bar.style.width = `${(100 * count) / Math.max(total, 1)}%`;
    return el('div', { className: 'count', dataset: { status } }, el('strong', { textContent: String(count) }), status, bar);
  }));
  $('#day-rows').replaceChildren(...day.appointments.map((check) => {
    const appointment = appointmentOf(check.appointmentId);
    const row = el('tr', { tabIndex: 0 },
      el('td', { textContent: clinicTime(check.start, appointment.zone) }),
      el('td', { textContent: clientOf(appointment).name }),
      el('td', { textContent: check.locationId ?? '' }),
      el('td', { textContent: appointment.treatments.map((t) => TREATMENT_NAMES[t]).join(' + ') }),
      el('td', {}, el('span', { className: 'pill', dataset: { status: check.status }, textContent: check.status })));
    row.setAttribute('aria-selected', String(check.appointmentId === selected));
    const choose = () => { selected = check.appointmentId; renderAll(); };
    row.addEventListener('click', choose);
    row.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); choose(); } });
    return row;
  }));
}

function describe(finding) {
  if (finding.code === null) return 'In order';
  const words = CODE_WORDS[finding.code];
  const reason = finding.reason ? ` (${CODE_WORDS[finding.reason].toLowerCase()})` : '';
  const blanks = finding.unanswered.length ? `: ${finding.unanswered.join(', ')}` : '';
  const waiting = finding.waitingOn.length ? ` · waits for ${finding.waitingOn.map((w) => FORM_NAMES[w] ?? w).join(', ')}` : '';
  return `${words}${reason}${blanks}${waiting}`;
}

function renderChecklist(appointment, client) {
  const check = checkAppointment({ rules, appointment, client: coreClient(client), now });
  const open = check.findings.filter((f) => f.state !== 'ok').length;
  $('#check-summary').textContent = `${client.name}, ${clinicTime(check.start, appointment.zone)}: ${check.status}${open ? `, ${open} open item${open > 1 ? 's' : ''}` : ''}`;
  $('#checklist').replaceChildren(...check.findings.map((finding) => {
    const title = finding.requirement ? FORM_NAMES[finding.form] : 'Clinical review';
    const why = finding.code === 'NEEDS_REVIEW'
      ? `Flagged by: ${finding.triggers.map((t) => t.trigger).join(', ')}`
      : describe(finding);
    return el('li', { dataset: { state: finding.state } },
      el('span', { className: 'dot', dataset: { state: finding.state }, title: finding.state }),
      el('span', {}, el('span', { className: 'what', textContent: title }), el('br'), el('span', { className: 'why', textContent: why })),
      el('span', { className: 'when', textContent: finding.state === 'ok' ? '' : `due ${clinicTime(finding.deadline, appointment.zone)}` }));
  }));
}

function renderPlan(appointment, client) {
  const plan = nextActions({ rules, appointment, client: coreClient(client), now });
  const clientZone = client.zone ?? appointment.zone;
  $('#actions').replaceChildren(...(plan.actions.length ? plan.actions.map((action) => {
    const zone = action.recipient === 'client' || action.recipient === 'guardian' ? clientZone : appointment.zone;
    const forms = action.forms.length ? `: ${action.forms.map((f) => FORM_NAMES[f]).join(', ')}` : '';
    const triggers = action.triggers.length ? `: ${action.triggers.join(', ')}` : '';
    const moved = action.movedForQuietHours ? ' (moved out of quiet hours)' : '';
    return el('li', { dataset: { recipient: action.recipient } },
      el('time', { dateTime: action.at, textContent: clinicTime(action.at, zone) }),
      el('span', { textContent: `${ACTION_WORDS[action.kind]} → ${action.recipient}${forms}${triggers}${moved}` }));
  }) : [el('li', { className: 'done' }, el('span', { textContent: 'Nothing to send: the paperwork is in order.' }))]));
  $('#waiting').textContent = plan.waiting.map((w) => `${FORM_NAMES[w.requirement]} is held until ${w.waitingOn.map((x) => FORM_NAMES[x]).join(', ')} is done.`).join(' ');
}

const STATUSES = ['assigned', 'sent', 'opened', 'in_progress', 'completed', 'signed', 'revoked'];

function renderRecords(client) {
  $('#record-rows').replaceChildren(...client.records.map((record, i) => {
    const status = el('select', { ariaLabel: `Status of ${FORM_NAMES[record.form]}` }, ...STATUSES.map((s) => el('option', { value: s, textContent: s.replace('_', ' '), selected: s === record.status })));
    status.addEventListener('change', () => {
      const finished = record.signedAt ?? record.completedAt ?? record.revokedAt ?? '2025-06-08T18:00Z';
      client.records[i] = { ...record, status: status.value, signedAt: finished, completedAt: finished, revokedAt: finished, witnessed: true };
      renderAll();
    });
    const version = el('input', { value: record.version, size: 4, ariaLabel: `Version of ${FORM_NAMES[record.form]}` });
    version.addEventListener('change', () => { client.records[i] = { ...record, version: version.value }; renderAll(); });
    const finished = record.signedAt ?? record.completedAt ?? record.sentAt;
    return el('tr', {}, el('td', { textContent: FORM_NAMES[record.form] }), el('td', {}, version), el('td', {}, status),
      el('td', { textContent: finished ? finished.slice(0, 10) : '' }));
  }));
  $('#add-form-id').replaceChildren(...rules.forms.filter((f) => f.kind !== 'good_faith_exam').map((f) => el('option', { value: f.id, textContent: FORM_NAMES[f.id] })));
}

function renderAll() {
  const appointment = appointmentOf(selected);
  const client = clientOf(appointment);
  try {
    renderSheet();
    renderChecklist(appointment, client);
    renderPlan(appointment, client);
    renderRecords(client);
  } catch (error) {
    // A version typed as "v2" is refused with a code and a path; show it and keep the page alive.
    $('#check-summary').textContent = `${error.code ?? 'ERROR'} at ${error.path ?? '$'}: ${error.message}`;
  }
}

$('#add-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const appointment = appointmentOf(selected);
  const client = clientOf(appointment);
  const form = rules.forms.find((f) => f.id === $('#add-form-id').value);
  client.records.push({
    form: form.id, version: form.version, status: form.kind === 'medical_history' ? 'completed' : 'signed',
    signedAt: '2025-06-08T18:00Z', completedAt: '2025-06-08T18:00Z', witnessed: true,
    appointmentId: appointment.id, seriesId: appointment.seriesId,
    answers: form.id === 'intake' ? [{ question: 'pregnant', value: false }, { question: 'anticoagulants', value: false }] : [],
  });
  renderAll();
});

if (!validateRules(rules).valid) throw new Error('the sample rules are invalid');
renderAll();
showNetworkCheck();
document.body.dataset.ready = '1';
