// Compiled with `tsc --noEmit` by the package tests: the declarations shipped with the packages
// must describe the API exactly (the @ts-expect-error lines fail the build if a type is `any`).
import { init, initSync, allocate, quote, packageRefund, membershipCharges, MedspaError, type Money, type Cart, type Quote } from '@medspa-kit/billing';
import { resolveLocalTime, toClinicTime, openClinic, findSlots, planSeries, type LocalTimeResolution, type Clinic, type FindSlotsResponse } from '@medspa-kit/schedule';
import { followupPlan, nextAllowedSendTime, type FollowupPlan, type MessageChannel } from '@medspa-kit/followup';
import * as kit from 'medspa-kit';
import { lint, lintTemplate, attachPhiLint, createLinter, type Report, type PhiLintHandle, type PhiLinter } from '@medspa-kit/phi-lint';
import { checkAppointment, checkDay, nextActions, validateRules, type RuleSet, type AppointmentCheck, type FindingCode } from '@medspa-kit/consent';

await init();
initSync();
await init(new URL('https://clinic.example/billing_bg.wasm'));

const parts: Money[] = allocate({ minor: 100, currency: 'USD' }, [1, 2]);
const cart: Cart = {
  currency: 'USD',
  lines: [{ kind: 'retail', quantity: 2, unitPrice: { minor: 4500, currency: 'USD' }, taxCategory: 'goods' }],
  tax: { rates: [{ id: 'state', rate: '8.875', categories: ['goods'] }] },
  cartDiscounts: [{ discount: { percent: '10' } }, { discount: { fixed: { minor: 500, currency: 'USD' } } }],
};
const priced: Quote = quote(cart);
const taxCents: number = priced.taxTotal.minor;
const refundCents: number = packageRefund({
  purchase: { package: { price: { minor: 1000, currency: 'USD' }, items: [{ serviceId: 's', name: 'S', sessions: 2, listPrice: { minor: 600, currency: 'USD' } }] }, purchasedOn: '2025-01-01' },
  refundOn: '2025-02-01',
  policy: { basis: 'pro_rata' },
}).totalRefund.minor;
const dueDates: string[] = membershipCharges({
  membership: { plan: { price: { minor: 9900, currency: 'USD' }, period: 'monthly' }, start: '2025-01-31' },
  from: '2025-01-01',
  to: '2025-04-01',
}).events.map((e) => e.date);
// @ts-expect-error a line kind is one of the listed kinds
quote({ currency: 'USD', lines: [{ kind: 'botox', quantity: 1, unitPrice: { minor: 1, currency: 'USD' } }] });
const cents: number = parts[0].minor;

const resolved: LocalTimeResolution = resolveLocalTime({ date: '2025-03-09', time: '02:30', zone: 'America/New_York' });
const status: 'ok' | 'gap_shifted' | 'ambiguous_resolved' = resolved.resolution;
const shown: string = toClinicTime({ instant: new Date(), zone: 'UTC' });
const alsoShown: string = kit.toClinicTime({ instant: '2025-01-01T00:00:00Z', zone: 'Europe/Berlin' });
const names: string[] = kit.plugins();

try {
  allocate({ minor: 100, currency: 'USD' }, []);
} catch (error) {
  if (error instanceof MedspaError) {
    const where: string = `${error.code} at ${error.path}`;
    void where;
  }
}

// @ts-expect-error minor is a number of minor units, not a string
allocate({ minor: '100', currency: 'USD' }, [1]);
// @ts-expect-error a request needs its zone
resolveLocalTime({ date: '2025-03-09', time: '02:30' });
// @ts-expect-error the resolution is a union of literals, not any string
const wrong: 'moved' = resolved.resolution;

const report: Report = lint('Hi Maria, see you at 3pm', { channel: 'sms', context: { clinic: { phones: ['555-0142'] } } });
const verdict: 'allow' | 'warn' | 'block' = report.verdict;
const firstSpan: number | undefined = report.diagnostics[0]?.span.start;
const templateReport: Report = lintTemplate('Hi {{client.first_name}}', { channel: 'email' });
declare const box: HTMLTextAreaElement;
const handle: PhiLintHandle = attachPhiLint(box, { channel: 'sms' });
// @ts-expect-error channels are a closed list
lint('x', { channel: 'fax' });
const linter: PhiLinter = createLinter({ channel: 'email', locale: 'es' });
const linted: Report = linter.lint('Hola Sra. García');
linter.free();
// @ts-expect-error a linter's options are fixed: lint takes the text only
linter.lint('x', { channel: 'sms' });
// @ts-expect-error the packed internals are not the package's
void import('@medspa-kit/phi-lint').then((m) => m.__lintPacked);
void [report, verdict, firstSpan, templateReport, handle, linted];

void [cents, status, shown, alsoShown, names, wrong, taxCents, refundCents, dueDates];

const consentRules: RuleSet = {
  forms: [{ id: 'intake', kind: 'medical_history', version: '2', questions: [{ id: 'pregnant', required: true }] }],
  treatments: [{ id: 'peel', categories: ['peel'] }],
  requirements: [{ id: 'intake', form: 'intake', validity: { policy: 'every_n_months', months: 12 }, signature: 'none', dueHoursBefore: 48 }],
  reviewTriggers: [{ id: 'pregnancy', question: 'pregnant', when: { equals: true } }],
};
const rulesOk: boolean = validateRules(consentRules).valid;
const peelVisit = { id: 'a1', clientId: 'c1', start: new Date(), zone: 'America/New_York', treatments: ['peel'] };
const checklist: AppointmentCheck = checkAppointment({ rules: consentRules, appointment: peelVisit, client: { id: 'c1', records: [] }, now: new Date() });
const readiness: 'ready' | 'incomplete' | 'blocked' = checklist.status;
const firstCode: FindingCode | null = checklist.findings[0].code;
const sheetBlocked: number = checkDay({ rules: consentRules, clients: [], appointments: [], from: '2025-06-10', to: '2025-06-10', now: new Date() }).statusCounts.blocked;
const sendAt: string | undefined = nextActions({ rules: consentRules, appointment: peelVisit, client: { id: 'c1' }, now: '2025-06-01T12:00Z' }).actions[0]?.at;
// @ts-expect-error validity policies are a closed list
validateRules({ ...consentRules, requirements: [{ id: 'x', form: 'intake', validity: { policy: 'yearly' } }] });
// @ts-expect-error a finding code is one of the listed codes
const notACode: FindingCode = 'LATE';

const tinyClinic: Clinic = {
  location: { zone: 'America/New_York', hours: [{ day: 'mon', start: '09:00', end: '17:00' }], slotStepMinutes: 15 },
  catalog: { treatments: [{ id: 'facial', durationMinutes: 60 }] },
  providers: [{ id: 'p1', hours: [{ day: 'mon', start: '09:00', end: '17:00' }] }],
  resources: [],
  appointments: [],
};
const clinicHandle: number = openClinic(tinyClinic);
const page: FindSlotsResponse = findSlots({ treatmentId: 'facial', from: '2025-03-10', to: '2025-03-10', now: '2025-03-01T00:00Z' }, clinicHandle);
const nextPage: string | null = page.nextCursor;
const planned: boolean = planSeries({ treatmentId: 'facial', now: '2025-03-01T00:00Z' }, clinicHandle).plan !== null;
// @ts-expect-error the handle is a number, not the clinic's name
findSlots({ treatmentId: 'facial', from: '2025-03-10', to: '2025-03-10', now: '2025-03-01T00:00Z' }, 'main');
const fuPlan: FollowupPlan = followupPlan({
  appointment: { id: 'a1', clientId: 'c1', start: '2025-06-10T10:00-04:00', end: '2025-06-10T11:00-04:00', zone: 'America/New_York', treatments: ['peel'] },
  protocols: [{ id: 'peel', treatmentId: 'peel', steps: [{ id: 'care', kind: 'aftercare', offset: { hours: 0 }, channel: 'sms', templateId: 't', class: 'healthcare' }] }],
  client: { id: 'c1' },
  now: '2025-06-10T11:00-04:00',
});
const firstChannel: MessageChannel | undefined = fuPlan.messages[0]?.channel;
const moved: boolean = nextAllowedSendTime({ instant: '2025-06-08T15:00Z', recipient: { zone: 'America/Chicago', state: 'TX' }, rules: {} }).moved;
// @ts-expect-error offsets are in hours or days, not minutes
followupPlan({ appointment: fuPlan as never, protocols: [{ id: 'x', treatmentId: 'x', steps: [{ id: 's', kind: 'aftercare', offset: { minutes: 5 }, channel: 'sms', templateId: 't', class: 'healthcare' }] }], client: { id: 'c1' }, now: '' });

// @medspa-kit/elements: typed elements, events and the loader configuration.
import { configure, type MedspaElementError } from '@medspa-kit/elements';
configure({ load: { 'phi-lint': () => import('@medspa-kit/phi-lint'), billing: () => import('@medspa-kit/billing') } });
const quoteElement = document.createElement('medspa-package-quote');
quoteElement.cart = cart;
quoteElement.addEventListener('medspa-quote', (event) => {
  const total: number = event.detail.quote.total.minor;
  const payments: number | undefined = event.detail.installments?.payments.length;
  void total, payments;
});
document.querySelector('medspa-phi-lint')?.addEventListener('medspa-error', (event) => {
  const failure: MedspaElementError = event.detail;
  void failure.code;
});
const planner = document.createElement('medspa-series-planner');
planner.request = { treatmentId: 'facial' };
// @ts-expect-error a cart is not a consent request
document.createElement('medspa-consent-checklist').request = cart;
