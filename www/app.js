// The demo page: every number here comes from the WASM build of medspa-kit, in this tab.
import { showNetworkCheck } from './network.js';
import { $ } from './dom.js';
import { init, allocate, attachPhiLint, packageRefund, resolveLocalTime, plugins, version, MedspaError } from '/packages/medspa-kit/index.js';

const SESSIONS = [
  { name: 'Neurotoxin, 3 areas', listMinor: 30000 },
  { name: 'Neurotoxin touch-up', listMinor: 30000 },
  { name: 'Dermal filler, 1 syringe', listMinor: 60000 },
];
const PLUGINS = {
  billing: ['Packages, memberships, invoices and refunds, exact to the cent', 'allocate · quote · invoice · packageRefund · deferredRevenue · membershipCharges · installmentPlan · paymentReminders'],
  schedule: ['Series planning, slot finding and DST-safe clinic time', 'findSlots · planSeries · validatePlan · reschedule · windows · openClinic · resolveLocalTime'],
  consent: ['Are the forms for this appointment complete, current and reviewed', 'validateRules · checkAppointment · checkDay · nextActions'],
  'phi-lint': ['Checks a message for PHI before it is sent by SMS or email', 'lint · lintTemplate · attachPhiLint'],
  followup: ['Aftercare, check-ins, rebooking and series completion', 'followupPlan · followupDay · nextAllowedSendTime · validateProtocols · seriesProgress · retentionReport · toICalendar'],
};

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const dollars = (minor) => usd.format(minor / 100);

function parseCents(text) {
  const match = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

function showSplit() {
  const cents = parseCents($('#package-price').value);
  $('#split-error').textContent = cents === null ? 'Enter a price such as 1000.00' : '';
  if (cents === null) return;
  const parts = allocate({ minor: cents, currency: 'USD' }, SESSIONS.map((s) => s.listMinor));
  $('#split-rows').replaceChildren(
    ...SESSIONS.map((session, i) => {
      const row = document.createElement('tr');
      for (const [text, testid] of [[session.name], [dollars(session.listMinor)], [dollars(parts[i].minor), 'split-part']]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        if (testid) cell.dataset.testid = testid;
        row.append(cell);
      }
      return row;
    }),
  );
  $('[data-testid="split-total"]').textContent = dollars(parts.reduce((sum, p) => sum + p.minor, 0));
}

const STEP_LABELS = {
  price_paid: 'Price paid',
  used_allocated_value: 'Allocated value of sessions used',
  used_list_value: 'Sessions used at list price',
  raised_to_zero: 'Raised to zero',
  cancellation_fee: 'Cancellation fee',
  expired_no_refund: 'Expired: no refund',
  refund: '= Refund',
  tax_refund: 'Tax refunded in proportion',
  total_refund: '= Total refund',
};

function showRefund() {
  const used = Number($('#refund-used').value);
  const fee = $('#refund-fee').value.trim();
  const usd = (minor) => ({ minor, currency: 'USD' });
  try {
    const result = packageRefund({
      purchase: {
        package: { price: usd(54000), items: [{ serviceId: 'peel', name: 'Chemical peel', sessions: 6, listPrice: usd(10000) }] },
        purchasedOn: '2025-03-01',
        taxPaid: usd(4320),
        redemptions: Array.from({ length: used }, (_, i) => ({ itemIndex: 0, redeemedOn: `2025-03-${String(2 + i).padStart(2, '0')}` })),
      },
      refundOn: '2025-03-20',
      policy: { basis: $('#refund-policy').value, ...(fee && fee !== '0' ? { fee: { percentOfPrice: fee } } : {}) },
    });
    $('#refund-error').textContent = '';
    $('#refund-steps').replaceChildren(
      ...result.steps.map((step) => {
        const row = document.createElement('tr');
        const label = document.createElement('th');
        label.scope = 'row';
        label.textContent = STEP_LABELS[step.label] ?? step.label;
        const amount = document.createElement('td');
        amount.textContent = dollars(step.amount.minor);
        amount.dataset.testid = `refund-${step.label}`;
        row.append(label, amount);
        return row;
      }),
    );
  } catch (error) {
    $('#refund-steps').replaceChildren();
    $('#refund-error').textContent = error instanceof MedspaError ? `${error.code} at ${error.path}: ${error.message}` : String(error);
  }
}

function showTime() {
  try {
    const { instant, resolution } = resolveLocalTime({ date: $('#local-date').value, time: $('#local-time').value, zone: $('#local-zone').value });
    $('#time-instant').textContent = instant;
    $('#time-resolution').textContent = resolution.replace('_', ' ');
    $('#time-resolution').dataset.kind = resolution;
  } catch (error) {
    $('#time-instant').textContent = error instanceof MedspaError ? `${error.code} at ${error.path}` : String(error);
    $('#time-resolution').textContent = '';
  }
}

await init();
$('#version').textContent = version();
const compiled = plugins();
$('#plugin-list').replaceChildren(
  ...Object.entries(PLUGINS).map(([name, [what, live]]) => {
    const item = document.createElement('li');
    const title = document.createElement('strong');
    title.textContent = `@medspa-kit/${name}`;
    const status = !compiled.includes(name) ? 'not in this build' : live ? `live: ${live}` : 'packaged; operations coming';
    item.append(title, document.createTextNode(` ${what}`), Object.assign(document.createElement('span'), { className: 'badge', textContent: status }));
    return item;
  }),
);
$('#split-form').addEventListener('submit', (e) => {
  e.preventDefault();
  showSplit();
});
$('#refund-form').addEventListener('submit', (e) => {
  e.preventDefault();
  showRefund();
});
$('#time-form').addEventListener('submit', (e) => {
  e.preventDefault();
  showTime();
});
const clinic = { phones: ['555-0142'], staff: ['Dr. Alvarez'] };
const message = $('#lint-message');
const linter = attachPhiLint(message, { channel: 'sms', context: { clinic } });
const showRedacted = () => {
  $('#lint-redacted').textContent = linter.report?.redacted ?? '';
};
message.addEventListener('medspa:phi-lint', showRedacted);
$('#lint-channel').addEventListener('change', (e) => {
  linter.setOptions({ channel: e.target.value, context: { clinic } });
});
showRedacted();
showSplit();
showRefund();
showTime();
showNetworkCheck();
document.body.dataset.ready = '1';
