// Synthetic sample data for the element test pages: a one-provider clinic with a six-session
// laser series, one appointment's paperwork, and the cart of the billing README.
const weekdays = (days, start, end) => days.map((day) => ({ day, start, end }));
const MON_FRI = ['mon', 'tue', 'wed', 'thu', 'fri'];

export const clinic = {
  location: { zone: 'America/New_York', hours: weekdays(MON_FRI, '09:00', '17:00'), slotStepMinutes: 15 },
  catalog: {
    treatments: [
      { id: 'consult', durationMinutes: 30, qualifications: ['MD'], resources: [{ kind: 'room' }] },
      {
        id: 'laser-hair',
        durationMinutes: 45,
        qualifications: ['laser'],
        resources: [{ kind: 'room' }, { kind: 'device' }],
        series: { sessions: 6, intervals: [{ min: 28, max: 42 }] },
        consultation: { treatmentId: 'consult', maxAgeDays: 90 },
      },
    ],
  },
  providers: [{ id: 'dr-okafor', qualifications: ['MD', 'laser'], hours: weekdays(MON_FRI, '09:00', '17:00') }],
  resources: [{ id: 'room-1', kind: 'room' }, { id: 'gentlemax', kind: 'device' }],
};

export const planRequest = { treatmentId: 'laser-hair', now: '2025-03-03T08:00-05:00' };

export const consentRequest = {
  rules: {
    forms: [
      { id: 'intake', kind: 'medical_history', version: '4', questions: [{ id: 'pregnant', required: true }] },
      { id: 'tox-consent', kind: 'informed_consent', version: '3' },
    ],
    treatments: [{ id: 'neurotoxin', categories: ['injectable'] }],
    requirements: [
      { id: 'intake', form: 'intake', validity: { policy: 'every_n_months', months: 12 }, signature: 'none', dueHoursBefore: 48 },
      { id: 'tox-consent', form: 'tox-consent', appliesTo: { treatments: ['neurotoxin'] }, validity: { policy: 'every_n_months', months: 12 }, dueHoursBefore: 24 },
    ],
  },
  appointment: { id: 'a-1', clientId: 'c-1', start: '2025-06-10T17:00Z', zone: 'America/Los_Angeles', treatments: ['neurotoxin'] },
  client: {
    id: 'c-1',
    records: [{ form: 'intake', version: '4', status: 'completed', completedAt: '2025-05-30T17:00Z', answers: [{ question: 'pregnant', value: false }] }],
  },
  now: '2025-06-09T02:00Z',
};

const usd = (minor) => ({ minor, currency: 'USD' });
export const cart = {
  currency: 'USD',
  lines: [
    { id: 'Laser hair removal, 6 sessions', kind: 'package', quantity: 1, unitPrice: usd(60000) },
    { id: 'SPF 50 sunscreen', kind: 'retail', quantity: 2, unitPrice: usd(4500), taxCategory: 'goods' },
  ],
  tax: { rates: [{ id: 'state', rate: '8.875', categories: ['goods'] }] },
  cartDiscounts: [{ discount: { percent: '10' } }],
};
