// The billing package in Node: every operation through the WASM build, with the worked examples
// of the Rust docs, the JSON paths of errors, and invariants on random carts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../consumer/load.mjs';
import { random } from '../lib/reference.mjs';
import { hundredLineCart } from '../bench/carts.mjs';

const billing = await load('@medspa-kit/billing');
const usd = (minor) => ({ minor, currency: 'USD' });
const peelPackage = (expiresOn) => ({
  price: usd(54000),
  items: [{ serviceId: 'peel', name: 'Peel', sessions: 6, listPrice: usd(10000) }],
  ...(expiresOn ? { expiresOn } : {}),
});

test('quote prices a cart: allocation of cart discounts and tax per line', () => {
  const quote = billing.quote({
    currency: 'USD',
    lines: [
      { kind: 'service', quantity: 1, unitPrice: usd(60000) },
      { kind: 'retail', quantity: 2, unitPrice: usd(4500), taxCategory: 'goods' },
    ],
    tax: { rates: [{ id: 'state', rate: '8.875', categories: ['goods'] }] },
    cartDiscounts: [{ discount: { percent: '10' } }],
  });
  // 10 % of $690 = $69, split 600:90 → $60 and $9; tax 8.875 % of $81 = $7.19 (7.18875).
  assert.deepEqual(quote.lines.map((l) => l.cartDiscount.minor), [6000, 900]);
  assert.equal(quote.taxTotal.minor, 719);
  assert.equal(quote.total.minor, 69000 - 6900 + 719);
  assert.deepEqual(quote.taxes, [{ rateId: 'state', rate: '8.875', taxable: usd(8100), tax: usd(719) }]);
});

test('invoice totals add up on a 100-line cart', () => {
  const q = billing.invoice(hundredLineCart());
  const client = q.lines.filter((l) => l.section === 'client');
  assert.equal(client.reduce((s, l) => s + l.total.minor, 0) + q.tip.minor, q.total.minor);
  assert.equal(q.taxes.reduce((s, t) => s + t.tax.minor, 0), q.taxTotal.minor);
  const tendered = q.tenders.reduce((s, t) => s + t.applied.minor, 0);
  assert.equal(q.total.minor - q.depositsApplied.minor - tendered, q.balanceDue.minor);
});

test('random carts conserve every cent through the WASM build', () => {
  const next = random(7);
  for (let i = 0; i < 300; i++) {
    const lines = Array.from({ length: 1 + next(8) }, () => ({
      kind: ['service', 'retail', 'package'][next(3)],
      quantity: 1 + next(3),
      unitPrice: usd(next(200000)),
      taxCategory: next(2) ? 'goods' : undefined,
    }));
    const q = billing.quote({
      currency: 'USD',
      lines,
      tax: { roundingPoint: next(2) ? 'per_line' : 'per_invoice', rates: [{ id: 'a', rate: '6.25', categories: ['goods'] }, { id: 'b', rate: '2.375', categories: ['goods'] }] },
      cartDiscounts: [{ discount: { percent: String(next(50)) } }, { discount: { fixed: usd(next(5000)) } }],
    });
    assert.equal(q.lines.reduce((s, l) => s + l.total.minor, 0), q.total.minor);
    assert.equal(q.subtotal.minor - q.discountTotal.minor + q.taxTotal.minor, q.total.minor);
  }
});

test('package sessions are valued by standalone price and sum to the price', () => {
  const valuation = billing.packageSchedule({
    package: {
      price: usd(100000),
      items: [
        { serviceId: 'tox', name: 'Neurotoxin', sessions: 3, listPrice: usd(30000) },
        { serviceId: 'filler', name: 'Filler', sessions: 1, listPrice: usd(70000) },
      ],
    },
  });
  const values = valuation.items.flatMap((item) => item.sessionValues.map((v) => v.minor));
  // 1000 over weights 300, 300, 300, 700 (1600): 187.50 ×3 and 437.50 → leftovers to the first two.
  assert.deepEqual(values, [18750, 18750, 18750, 43750]);
  assert.equal(values.reduce((a, b) => a + b, 0), 100000);
});

test('package refund shows its arithmetic step by step', () => {
  const refund = billing.packageRefund({
    purchase: {
      package: peelPackage(),
      purchasedOn: '2025-03-01',
      taxPaid: usd(4320),
      redemptions: [
        { itemIndex: 0, redeemedOn: '2025-03-02' },
        { itemIndex: 0, redeemedOn: '2025-03-16' },
      ],
    },
    refundOn: '2025-03-20',
    policy: { basis: 'list_price_deduction', fee: { percentOfPrice: '5' } },
  });
  // 540.00 − 2 × 100.00 − 27.00 (5 %) = 313.00; tax 43.20 × 313/540 = 25.04.
  assert.deepEqual([refund.refund.minor, refund.taxRefund.minor, refund.totalRefund.minor], [31300, 2504, 33804]);
  assert.equal(refund.steps.at(-1).label, 'total_refund');
  assert.ok(refund.steps.every((s) => typeof s.label === 'string' && Number.isInteger(s.amount.minor)));
});

test('deferred revenue plus recognised revenue equals the price', () => {
  const result = billing.deferredRevenue({
    purchases: [
      { package: peelPackage('2025-09-01'), purchasedOn: '2025-03-01', redemptions: [{ itemIndex: 0, redeemedOn: '2025-03-10' }] },
    ],
    asOf: '2025-03-31',
  });
  const [p] = result.purchases;
  assert.equal(p.deferred.minor + p.recognised.minor, 54000);
  assert.equal(p.recognised.minor, 9000);
  assert.deepEqual(result.deferredTotals, [usd(45000)]);
});

test('membership dues are anchored and clamped to month ends', () => {
  const statement = billing.membershipCharges({
    membership: { plan: { price: usd(10000), period: 'monthly' }, start: '2025-01-31' },
    from: '2025-01-01',
    to: '2025-06-01',
  });
  const dues = statement.events.filter((e) => e.kind === 'dues').map((e) => e.date);
  assert.deepEqual(dues, ['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31']);
  assert.equal(statement.totals.net.minor, 50000);
});

test('installment plans sum to the total with month-end clamping', () => {
  const plan = billing.installmentPlan({ total: usd(100000), deposit: usd(10000), count: 6, firstDue: '2025-01-31' });
  assert.equal(plan.payments.reduce((s, p) => s + p.amount.minor, 0), 100000);
  assert.deepEqual(plan.payments.slice(1, 4).map((p) => p.due), ['2025-01-31', '2025-02-28', '2025-03-31']);
});

test('payment reminders plan fees and dates without sending anything', () => {
  const plan = billing.paymentReminders({
    invoice: { id: 'INV-1042', total: usd(50000), paid: usd(20000), issued: '2025-03-01', due: '2025-03-31' },
    now: '2025-04-20',
    cadence: [-3, 0, 7, 14, 30, 45],
    lateFee: { fee: { percent: '1.5' }, graceDays: 5, repeat: { every_n_days: 30 }, cap: usd(1000) },
  });
  assert.equal(plan.status, 'overdue');
  assert.deepEqual(plan.reminders.map((r) => [r.date, r.offsetDays]), [['2025-04-30', 30], ['2025-05-15', 45]]);
});

test('billing errors name the field inside the request and never echo it', () => {
  const { MedspaError } = billing;
  const cases = [
    [() => billing.quote({ currency: 'USD', lines: [{ kind: 'retail', quantity: 1, unitPrice: { minor: 1, currency: 'EUR' } }] }), 'CURRENCY_MISMATCH', '$.cart.lines[0].unitPrice'],
    [() => billing.quote({ currency: 'USD', lines: [], cartDiscounts: [{ discount: { percent: '101' } }] }), 'DISCOUNT_OVER_100', '$.cart.cartDiscounts[0].discount.percent'],
    [() => billing.quote({ currency: 'USD', lines: [{ kind: 'retail', quantity: 1, unitPrice: usd(1), discount: { percent: 'Jane' } }] }), 'INVALID_PERCENT', '$.cart.lines[0].discount.percent'],
    [() => billing.installmentPlan({ total: usd(100), count: 0, firstDue: '2025-01-31' }), 'INVALID_COUNT', '$.request.count'],
    [() => billing.quote({ currency: 'USD', lines: [], patientName: 'Jane Roe' }), 'UNKNOWN_FIELD', '$.cart'],
  ];
  for (const [call, code, path] of cases) {
    assert.throws(call, (e) => {
      assert.ok(e instanceof MedspaError, String(e));
      assert.deepEqual({ code: e.code, path: e.path }, { code, path });
      assert.ok(!/Jane|Roe/.test(e.message), e.message);
      return true;
    });
  }
});
