// A bundled app: Vite resolves 'medspa-kit' from node_modules, emits its .wasm as an asset and
// rewrites the URL the package loads it from, so there is nothing to configure.
import { init, quote, lint } from 'medspa-kit';

await init();

const usd = (minor) => ({ minor, currency: 'USD' });
const { total } = quote({
  currency: 'USD',
  lines: [
    { kind: 'service', quantity: 1, unitPrice: usd(60000) },
    { kind: 'retail', quantity: 2, unitPrice: usd(4500), taxCategory: 'goods' },
  ],
  tax: { rates: [{ id: 'state', rate: '8.875', categories: ['goods'] }] },
  cartDiscounts: [{ discount: { percent: '10' } }],
});
// Amounts are integer minor units (cents for USD); divide only to display.
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: total.currency });
document.querySelector('#total').textContent = money.format(total.minor / 100);

const message = document.querySelector('#message');
const check = () => {
  document.querySelector('#verdict').textContent = lint(message.value, { channel: 'sms' }).verdict;
};
message.addEventListener('input', check);
check();
