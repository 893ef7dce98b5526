// Sample clinic paperwork for the consent demo: a realistic rule set, clients with forms in every
// state, and tomorrow's appointments at two locations. Synthetic data only.
export const rules = {
  forms: [
    { id: 'intake', kind: 'medical_history', version: '4', questions: [
      { id: 'pregnant', required: true }, { id: 'anticoagulants', required: true },
      { id: 'isotretinoin_last_dose' }, { id: 'cold_sores' }, { id: 'allergies' },
    ] },
    { id: 'tox-consent', kind: 'informed_consent', version: '3' },
    { id: 'filler-consent', kind: 'informed_consent', version: '2' },
    { id: 'laser-consent', kind: 'informed_consent', version: '2.1' },
    { id: 'photo-release', kind: 'photo_release', version: '1' },
    { id: 'privacy', kind: 'privacy_notice', version: '1' },
    { id: 'financial', kind: 'financial_policy', version: '1' },
    { id: 'gfe', kind: 'good_faith_exam', version: '1' },
    { id: 'guardian', kind: 'guardian_consent', version: '1' },
  ],
  treatments: [
    { id: 'neurotoxin', categories: ['injectable'] },
    { id: 'filler', categories: ['injectable'] },
    { id: 'laser-hair', categories: ['laser'] },
    { id: 'peel', categories: ['peel'] },
    { id: 'hydrafacial', categories: ['facial'] },
  ],
  requirements: [
    { id: 'intake', form: 'intake', validity: { policy: 'every_n_months', months: 12 }, signature: 'none', dueHoursBefore: 48 },
    { id: 'privacy', form: 'privacy', validity: { policy: 'once' } },
    { id: 'financial', form: 'financial', validity: { policy: 'every_n_days', days: 365 }, dueHoursBefore: 24 },
    { id: 'tox-consent', form: 'tox-consent', appliesTo: { treatments: ['neurotoxin'] }, validity: { policy: 'every_n_months', months: 12 }, minVersion: '3', dueHoursBefore: 24, dependsOn: ['intake'] },
    { id: 'filler-consent', form: 'filler-consent', appliesTo: { treatments: ['filler'] }, validity: { policy: 'every_n_months', months: 12 }, dueHoursBefore: 24, dependsOn: ['intake'] },
    { id: 'laser-consent', form: 'laser-consent', appliesTo: { categories: ['laser'] }, validity: { policy: 'per_series' }, signature: 'witnessed', dueHoursBefore: 24 },
    { id: 'photo-release', form: 'photo-release', appliesTo: { categories: ['injectable', 'laser'] }, validity: { policy: 'once' } },
    { id: 'gfe', form: 'gfe', appliesTo: { categories: ['injectable'] }, validity: { policy: 'every_n_months', months: 12 }, signature: 'none', when: { clinicStates: ['CA'] }, exam: { performerRoles: ['MD', 'DO', 'NP', 'PA'] } },
    { id: 'guardian', form: 'guardian', validity: { policy: 'every_visit' }, when: { maxAge: 17 }, dueHoursBefore: 24 },
  ],
  reviewTriggers: [
    { id: 'pregnancy', question: 'pregnant', when: { equals: true } },
    { id: 'anticoagulants', question: 'anticoagulants', when: { equals: true }, appliesTo: { categories: ['injectable', 'laser'] } },
    { id: 'isotretinoin', question: 'isotretinoin_last_dose', when: { withinMonths: 6 }, appliesTo: { categories: ['laser', 'peel'] } },
    { id: 'cold-sores', question: 'cold_sores', when: { equals: true }, appliesTo: { treatments: ['filler', 'laser-hair'] } },
    { id: 'lidocaine', question: 'allergies', when: { anyOf: ['lidocaine'] }, appliesTo: { categories: ['injectable'] } },
  ],
};

const intake = (completedAt, answers = {}) => ({
  form: 'intake', version: '4', status: 'completed', completedAt,
  answers: Object.entries({ pregnant: false, anticoagulants: false, ...answers }).map(([question, value]) => ({ question, value })),
});
const signed = (form, version, signedAt, extra = {}) => ({ form, version, status: 'signed', signedAt, ...extra });
const basics = [signed('privacy', '1', '2024-02-10T15:00Z'), signed('financial', '1', '2025-01-20T15:00Z')];

export const clients = [
  { id: 'c-ava', name: 'Ava M.', birthDate: '1988-07-14', state: 'CA', zone: 'America/Los_Angeles', records: [
    intake('2025-05-30T17:00Z'), ...basics, signed('tox-consent', '3', '2025-05-30T17:10Z'),
    signed('photo-release', '1', '2024-02-10T15:05Z'),
    { form: 'gfe', version: '1', status: 'completed', completedAt: '2025-05-31T18:00Z', performer: { role: 'NP', modality: 'telehealth' } },
  ] },
  { id: 'c-noor', name: 'Noor K.', birthDate: '1979-11-02', state: 'CA', zone: 'America/Los_Angeles', records: [
    intake('2024-06-02T16:00Z', { isotretinoin_last_dose: '2025-03-01' }), ...basics,
    { form: 'laser-consent', version: '2.1', status: 'signed', signedAt: '2025-04-01T16:00Z', seriesId: 'lhr-noor', witnessed: false },
  ] },
  { id: 'c-lena', name: 'Lena P.', birthDate: '1992-03-09', state: 'CA', zone: 'America/Los_Angeles', records: [
    intake('2025-04-11T16:00Z', { pregnant: true }), ...basics,
    { form: 'filler-consent', version: '2', status: 'sent', sentAt: '2025-06-07T16:00Z' },
  ] },
  { id: 'c-theo', name: 'Theo R.', birthDate: '2008-09-30', state: 'NV', zone: 'America/Los_Angeles', records: [
    intake('2025-06-01T16:00Z'), ...basics,
  ] },
  { id: 'c-mara', name: 'Mara S.', birthDate: '1985-01-22', state: 'CA', zone: 'America/New_York', records: [
    ...basics, signed('tox-consent', '2', '2024-09-12T16:00Z'), signed('photo-release', '1', '2024-09-12T16:05Z'),
  ] },
];

export const appointments = [
  { id: 'a-1', clientId: 'c-ava', start: '2025-06-10T17:00Z', zone: 'America/Los_Angeles', locationId: 'Santa Monica', clinicState: 'CA', treatments: ['neurotoxin'] },
  { id: 'a-2', clientId: 'c-noor', start: '2025-06-10T18:30Z', zone: 'America/Los_Angeles', locationId: 'Santa Monica', clinicState: 'CA', treatments: ['laser-hair'], seriesId: 'lhr-noor' },
  { id: 'a-3', clientId: 'c-lena', start: '2025-06-10T20:00Z', zone: 'America/Los_Angeles', locationId: 'Pasadena', clinicState: 'CA', treatments: ['filler'] },
  { id: 'a-4', clientId: 'c-theo', start: '2025-06-10T21:15Z', zone: 'America/Los_Angeles', locationId: 'Pasadena', clinicState: 'CA', treatments: ['peel'] },
  { id: 'a-5', clientId: 'c-mara', start: '2025-06-10T22:00Z', zone: 'America/Los_Angeles', locationId: 'Santa Monica', clinicState: 'CA', treatments: ['neurotoxin', 'hydrafacial'] },
];

/** The demo's "now": the evening before the appointments, in Los Angeles. */
export const now = '2025-06-09T02:00Z';
