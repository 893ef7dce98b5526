// The web components demo: the four elements of @medspa-kit/elements with sample data. The
// elements load each plugin package from the <meta name="medspa-kit-packages"> base URL when
// they first appear. The server must serve packages/elements at /elements/.
import '/elements/index.js';
import { rules, clients, appointments, now } from './data/consent-sample.js';
import { showNetworkCheck } from './network.js';
import { $ } from './dom.js';

// ---------------------------------------------------------------------------------------------
// Series planner: a clinic with two laser-qualified providers, two rooms and one laser.

const weekdays = (days, start, end) => days.map((day) => ({ day, start, end }));
const TUE_SAT = ['tue', 'wed', 'thu', 'fri', 'sat'];
const room = { kind: 'room' };

$('#planner').clinic = {
  location: { zone: 'America/New_York', hours: weekdays(['mon', ...TUE_SAT], '09:00', '18:00'), slotStepMinutes: 15, minNoticeMinutes: 60 },
  catalog: {
    treatments: [
      { id: 'consult', durationMinutes: 30, qualifications: ['MD'], resources: [room] },
      {
        id: 'laser-hair',
        durationMinutes: 45,
        bufferBeforeMinutes: 10,
        bufferAfterMinutes: 15,
        qualifications: ['RN', 'laser'],
        resources: [room, { kind: 'device' }],
        series: { sessions: 6, intervals: [{ min: 28, max: 42 }] },
        consultation: { treatmentId: 'consult', maxAgeDays: 90 },
      },
    ],
  },
  providers: [
    { id: 'dr-okafor', qualifications: ['MD', 'RN'], hours: weekdays(['mon', 'tue', 'wed', 'thu', 'fri'], '09:00', '17:00') },
    { id: 'nurse-lee', qualifications: ['RN', 'laser'], hours: weekdays(TUE_SAT, '10:00', '18:00') },
  ],
  resources: [
    { id: 'room-1', kind: 'room' },
    { id: 'room-2', kind: 'room' },
    { id: 'gentlemax', kind: 'device' },
  ],
};
$('#planner').request = {
  treatmentId: 'laser-hair',
  now: '2025-03-02T12:00-05:00',
  preferences: { sameProvider: true, earliestStart: '2025-03-03T00:00-05:00' },
};

// ---------------------------------------------------------------------------------------------
// Consent checklist: the consent page's sample appointment a-2 (the demo keeps a display name
// on each client, which the plugin's request does not take).

const appointment = appointments.find((a) => a.id === 'a-2');
const { name, ...client } = clients.find((c) => c.id === appointment.clientId);
$('#checklist').request = { rules, appointment, client, now };

// ---------------------------------------------------------------------------------------------
// Package quote: a laser package and aftercare retail, a spring code, tax on goods, a deposit.

const usd = (minor) => ({ minor, currency: 'USD' });
$('#quote').cart = {
  currency: 'USD',
  date: '2025-04-12',
  lines: [
    { id: 'Laser hair removal, 6 sessions', kind: 'package', quantity: 1, unitPrice: usd(180000) },
    { id: 'Soothing gel', kind: 'retail', quantity: 1, unitPrice: usd(3800), taxCategory: 'goods' },
    { id: 'SPF 50 sunscreen', kind: 'retail', quantity: 2, unitPrice: usd(4500), taxCategory: 'goods' },
  ],
  tax: { rates: [{ id: 'state', rate: '8.875', categories: ['goods'] }] },
  promotions: [{ code: 'SPRING10', discount: { percent: '10' }, eligible: { kinds: ['package'] }, validUntil: '2025-05-31' }],
  appliedCodes: ['SPRING10'],
  depositsPaid: usd(20000),
};
$('#quote-installments').addEventListener('change', (event) => {
  if (event.target.value) $('#quote').setAttribute('installments', event.target.value);
  else $('#quote').removeAttribute('installments');
});

// ---------------------------------------------------------------------------------------------
// PHI check: the channel select switches the element's attribute, which relints.

$('#lint-channel').addEventListener('change', (event) => $('#lint').setAttribute('channel', event.target.value));

// Ready once every element has shown its first result.
const results = ['medspa-phi-lint', 'medspa-series-plan', 'medspa-consent-check', 'medspa-quote'];
await Promise.all(results.map((type) => new Promise((done) => document.addEventListener(type, done, { once: true }))));
showNetworkCheck();
document.body.dataset.ready = '1';
