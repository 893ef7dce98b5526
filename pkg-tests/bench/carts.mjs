// The carts the benchmarks price; the same shapes as crates/billing/benches/cart.rs.
const usd = (minor) => ({ minor, currency: 'USD' });

export function hundredLineCart() {
  const kinds = ['service', 'retail', 'package', 'membership'];
  const lines = Array.from({ length: 100 }, (_, i) => ({
    kind: kinds[i % 4],
    quantity: 1 + (i % 3),
    unitPrice: usd(1999 + i * 137),
    taxCategory: i % 3 === 0 ? 'goods' : 'services',
    ...(i % 7 === 0 ? { discount: { percent: '15' } } : {}),
  }));
  return {
    currency: 'USD',
    date: '2025-06-01',
    lines,
    tax: {
      rates: [
        { id: 'state', rate: '4', categories: ['goods', 'services'] },
        { id: 'city', rate: '4.5', categories: ['goods'] },
        { id: 'mctd', rate: '0.375', categories: ['goods', 'services'] },
      ],
    },
    cartDiscounts: [{ discount: { percent: '10' } }, { discount: { fixed: usd(2500) }, eligible: { kinds: ['retail'] } }],
    promotions: [{ code: 'GLOW', discount: { percent: '5' } }],
    appliedCodes: ['GLOW'],
    tip: usd(2000),
    depositsPaid: usd(10000),
    tenders: [{ kind: 'gift_card', available: usd(5000) }],
  };
}

export function threeLineCart() {
  return {
    currency: 'USD',
    lines: [
      { kind: 'service', quantity: 1, unitPrice: usd(60000) },
      { kind: 'retail', quantity: 2, unitPrice: usd(4500), taxCategory: 'goods' },
      { kind: 'package', quantity: 1, unitPrice: usd(120000) },
    ],
    tax: { rates: [{ id: 'state', rate: '8.875', categories: ['goods'] }] },
    cartDiscounts: [{ discount: { percent: '10' } }],
  };
}
