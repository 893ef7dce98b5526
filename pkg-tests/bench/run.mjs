// Benchmarks of the WASM builds under Node (run by `cargo xtask bench` after `cargo xtask test`
// has packed the packages into consumer/). Prints a markdown table of medians.
import { load } from '../consumer/load.mjs';
import { measure, table } from './harness.mjs';
import { hundredLineCart, threeLineCart } from './carts.mjs';
import { groupDay } from './consent-day.mjs';
import { scheduleRows } from './schedule.mjs';
import { followupDayRequest, retentionRequest } from './followup-day.mjs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const billing = await load('@medspa-kit/billing');
const phi = await load('@medspa-kit/phi-lint');
const consent = await load('@medspa-kit/consent');
const schedule = await load('@medspa-kit/schedule');
const followup = await load('@medspa-kit/followup');
const followupDay = followupDayRequest(2000);
const retention = retentionRequest(100_000);
const day = groupDay(2000);
const oneAppointment = { rules: day.rules, appointment: day.appointments[0], client: day.clients[0], now: day.now };
// The native benchmark's SMS and options (crates/phi-lint/benches/lint.rs): 160 characters.
const SMS = 'Hi Maria, your Botox touch-up is Tuesday, March 4 at 2:30 PM at Glow Med Spa. Reply C to confirm or call (212) 555-0100 to reschedule. See you soon! - Ashley B.';
const CLINIC = { channel: 'sms', context: { clinic: { phones: ['(212) 555-0100'], domains: ['glowmedspa.example'], staff: ['Ashley Brooks'] } } };
const smsLinter = phi.createLinter(CLINIC);
const EMAIL = `${'Dear Ms. Okafor, thank you for visiting us. Your next microneedling session is on June 3. Please avoid retinol for 5 days. '.repeat(40)}`;
// Every English message of the labeled corpus in turn (as crates/phi-lint/benches/lint.rs's
// corpus_en): one text linted over and over lets the branch predictor learn it.
const corpusTexts = JSON.parse(execFileSync('python3', [fileURLToPath(new URL('../../bench/peers/corpus.py', import.meta.url))], { encoding: 'utf8', maxBuffer: 1 << 26 }))
  .filter((c) => c.locale === 'en')
  .map((c) => c.text);
const corpusLinter = phi.createLinter({ channel: 'sms' });
const perMessage = ({ median, p10, p90 }, n) => ({ median: median / n, p10: p10 / n, p90: p90 / n });
const big = hundredLineCart();
const small = threeLineCart();
const rows = [
  { name: 'billing.allocate (3 parts)', ...measure(() => billing.allocate({ minor: 100000, currency: 'USD' }, [30000, 30000, 60000])) },
  { name: 'billing.quote (3 lines)', ...measure(() => billing.quote(small)) },
  { name: 'billing.invoice (100 lines, 3 rates, 2 cart discounts, promo)', ...measure(() => billing.invoice(big)) },
  { name: `phiLint.lint (${SMS.length}-char SMS, { channel })`, ...measure(() => phi.lint(SMS, { channel: 'sms' })) },
  { name: `phiLint.lint (${SMS.length}-char SMS, options with a clinic context)`, ...measure(() => phi.lint(SMS, CLINIC)) },
  { name: `phiLint.createLinter(same options).lint (${SMS.length}-char SMS)`, ...measure(() => smsLinter.lint(SMS)) },
  {
    name: `phiLint.createLinter({ channel }).lint, each of ${corpusTexts.length} English corpus messages in turn (per message)`,
    ...perMessage(measure(() => { for (const t of corpusTexts) corpusLinter.lint(t); }, { samples: 30 }), corpusTexts.length),
  },
  { name: `phiLint.lint (${(EMAIL.length / 1024).toFixed(1)} KiB email)`, ...measure(() => phi.lint(EMAIL, { channel: 'email' })) },
  { name: 'consent.checkAppointment (10 requirements, 5 records)', ...measure(() => consent.checkAppointment(oneAppointment)) },
  { name: 'consent.nextActions (10 requirements, 5 records)', ...measure(() => consent.nextActions(oneAppointment)) },
  { name: 'consent.checkDay (20 locations, 2,000 appointments × 10 requirements)', ...measure(() => consent.checkDay(day), { warmup: 3, samples: 15 }) },
  ...(await scheduleRows(schedule, measure)),
  { name: 'followup.followupDay (20 locations, 2,000 appointments)', ...measure(() => followup.followupDay(followupDay), { warmup: 3, samples: 15 }) },
  { name: `followup.retentionReport (${retention.series.length.toLocaleString('en-US')} series, 100,000 sessions)`, ...measure(() => followup.retentionReport(retention), { warmup: 3, samples: 15 }) },
];
console.log(table(rows));
