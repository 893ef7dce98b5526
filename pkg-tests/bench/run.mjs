// Benchmarks of the WASM builds under Node (run by `cargo xtask bench` after `cargo xtask test`
// has packed the packages into consumer/). Prints a markdown table of medians.
import { load } from '../consumer/load.mjs';
import { measure, table } from './harness.mjs';
import { hundredLineCart, threeLineCart } from './carts.mjs';

const billing = await load('@medspa-kit/billing');
const big = hundredLineCart();
const small = threeLineCart();
const rows = [
  { name: 'billing.allocate (3 parts)', ...measure(() => billing.allocate({ minor: 100000, currency: 'USD' }, [30000, 30000, 60000])) },
  { name: 'billing.quote (3 lines)', ...measure(() => billing.quote(small)) },
  { name: 'billing.invoice (100 lines, 3 rates, 2 cart discounts, promo)', ...measure(() => billing.invoice(big)) },
];
console.log(table(rows));
