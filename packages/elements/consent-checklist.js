// <medspa-consent-checklist>: one appointment's paperwork (checkAppointment): the overall state,
// then each requirement with its state, what is missing and its deadline.
import { PluginElement, h, localeOf } from './base.js';
import { formatClinicTime } from './format.js';
import { sheet } from './styles.js';

const checklistSheet = sheet(`
  [part~="status"] {
    display: inline-block;
    margin: 0 0 0.75rem;
    padding: 0.15rem 0.6rem;
    border-radius: 999px;
    font-weight: 600;
    color: var(--medspa-badge-text, #fff);
  }
  [part~="status-ready"] { background: var(--medspa-ok, #1a7f37); }
  [part~="status-incomplete"] { background: var(--medspa-warn, #9a6700); }
  [part~="status-blocked"] { background: var(--medspa-block, #b42318); }
  [part~="list"] { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
  [part~="item"] { display: grid; grid-template-columns: auto 1fr; gap: 0.6rem; align-items: baseline; }
  [part~="marker"] { width: 0.7rem; height: 0.7rem; border-radius: 50%; }
  [part~="item-ok"] [part~="marker"] { background: var(--medspa-ok, #1a7f37); }
  [part~="item-pending"] [part~="marker"] { background: var(--medspa-warn, #9a6700); }
  [part~="item-blocking"] [part~="marker"] { background: var(--medspa-block, #b42318); }
  [part~="requirement"] { font-weight: 600; }
  [part~="state"] { margin-left: 0.5rem; font-size: 0.875em; }
  [part~="missing"], [part~="deadline"] { display: block; font-size: 0.875em; }
  [part~="deadline"] { color: var(--medspa-muted, #5b6472); }
`);

const STATUS_WORDS = { ready: 'Ready', incomplete: 'Incomplete', blocked: 'Blocked' };
const STATE_WORDS = { ok: 'Done', pending: 'Pending', blocking: 'Blocking' };
const KIND_WORDS = {
  informed_consent: 'Informed consent', medical_history: 'Medical history', pre_treatment_instructions: 'Pre-treatment instructions',
  photo_release: 'Photo release', privacy_notice: 'Privacy notice', financial_policy: 'Financial policy',
  communication_consent: 'Communication consent', good_faith_exam: 'Good-faith exam', guardian_consent: 'Guardian consent',
};
const CODE_WORDS = {
  MISSING: 'Not started', NOT_SENT: 'Assigned, not sent yet', SENT_NOT_OPENED: 'Sent, not opened',
  IN_PROGRESS: 'Opened, not finished', INCOMPLETE: 'Required answers left blank', UNSIGNED: 'Not signed',
  EXPIRED: 'Expired', EXPIRES_BEFORE_APPOINTMENT: 'Expires before the appointment', OUTDATED_VERSION: 'Signed on an old version',
  REVOKED: 'Revoked by the client', NEEDS_REVIEW: 'A clinician must review the intake answers', GUARDIAN_REQUIRED: 'Guardian consent needed',
  EXAM_REQUIRED: 'Good-faith exam needed', PERFORMER_NOT_ALLOWED: 'examiner not allowed here', WITNESS_MISSING: 'witness missing',
};

/** What is missing, in words: the code and its reason, blank questions, forms it waits for, triggers. */
function missing(finding) {
  const reason = finding.reason ? ` (${(CODE_WORDS[finding.reason] ?? finding.reason).toLowerCase()})` : '';
  const blanks = finding.unanswered.length ? `: ${finding.unanswered.join(', ')}` : '';
  const parts = [`${CODE_WORDS[finding.code] ?? finding.code}${reason}${blanks}`];
  if (finding.waitingOn.length) parts.push(`waits for ${finding.waitingOn.join(', ')}`);
  if (finding.triggers.length) parts.push(`flagged by ${finding.triggers.map((t) => t.trigger).join(', ')}`);
  return parts.join('; ');
}

export class MedspaConsentChecklist extends PluginElement {
  static plugin = 'consent';
  static importByName = () => import('@medspa-kit/consent');
  static sheet = checklistSheet;
  static defaultLabel = 'Consent checklist';
  static resultEvent = 'medspa-consent-check';
  static properties = ['request'];
  #request = null;

  /** The `CheckAppointmentRequest`; or the JSON data block. `now` defaults to the current time. */
  get request() {
    return this.#request;
  }

  set request(request) {
    this.#request = request;
    this.requestUpdate();
  }

  input() {
    const request = this.#request ?? this.jsonData();
    return request ? { now: new Date(), ...request } : null;
  }

  compute(consent, request) {
    return consent.checkAppointment(request);
  }

  render(check) {
    const locale = localeOf(this);
    const items = check.findings.map((finding) => {
      const name = finding.requirement === null ? 'Clinical review' : `${KIND_WORDS[finding.kind] ?? finding.kind} (${finding.requirement})`;
      const done = finding.state === 'ok';
      return h('li', { part: `item item-${finding.state}`, 'data-requirement': finding.requirement ?? 'review' },
        h('span', { part: 'marker', 'aria-hidden': 'true' }),
        h('div', {},
          h('span', { part: 'requirement' }, name),
          h('span', { part: 'state' }, STATE_WORDS[finding.state]),
          !done && h('span', { part: 'missing' }, missing(finding)),
          !done && h('span', { part: 'deadline' }, `Due ${formatClinicTime(finding.deadline, locale)}`),
          done && finding.expiresAt && h('span', { part: 'deadline' }, `Expires ${formatClinicTime(finding.expiresAt, locale)}`)));
    });
    const open = check.findings.filter((f) => f.state !== 'ok').length;
    const next = check.nextDeadline ? ` Next deadline ${formatClinicTime(check.nextDeadline, locale)}.` : '';
    const summary = `${STATUS_WORDS[check.status]}: ${open} of ${check.findings.length} item${check.findings.length === 1 ? '' : 's'} open.${next}`;
    return {
      summary,
      content: [h('p', { part: `status status-${check.status}` }, STATUS_WORDS[check.status]), h('ul', { part: 'list' }, ...items)],
    };
  }
}
