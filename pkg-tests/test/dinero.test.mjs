// Our allocation against Dinero.js v2's `allocate` on random inputs: both conserve the total and
// both give every part its floor share or one unit more; they differ only in which parts get the
// leftover units (ours: largest remainder, ties to the lowest index; Dinero v2: largest ratio).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocate as dineroAllocate, dinero, toSnapshot } from 'dinero.js';
import { USD } from 'dinero.js/currencies';
import { load } from '../consumer/load.mjs';
import { random } from '../lib/reference.mjs';

test('allocate and Dinero.js agree on totals and floors, and differ only in leftover placement', async (t) => {
  const { allocate } = await load('@medspa-kit/billing');
  const next = random(4242);
  let differing = 0;
  const cases = 3000;
  for (let c = 0; c < cases; c++) {
    const total = next(100_000);
    const weights = Array.from({ length: 2 + next(6) }, () => 1 + next(50));
    const ours = allocate({ minor: total, currency: 'USD' }, weights).map((m) => m.minor);
    const theirs = dineroAllocate(dinero({ amount: total, currency: USD }), weights).map((d) => toSnapshot(d).amount);
    const sum = weights.reduce((a, b) => a + b, 0);
    const floors = weights.map((w) => Math.floor((total * w) / sum));
    const leftover = total - floors.reduce((a, b) => a + b, 0);
    for (const parts of [ours, theirs]) {
      assert.equal(parts.reduce((a, b) => a + b, 0), total);
      const extras = parts.map((p, i) => p - floors[i]);
      assert.ok(extras.every((e) => e === 0 || e === 1), `${total} over ${weights}: ${parts}`);
      assert.equal(extras.filter((e) => e === 1).length, leftover);
    }
    if (String(ours) !== String(theirs)) differing++;
  }
  // The rules really differ: some inputs must disagree, or this test compares nothing.
  assert.ok(differing > 0 && differing < cases, `${differing} of ${cases} differ`);
  t.diagnostic(`${differing} of ${cases} random splits place leftover units differently from Dinero.js v2`);
});
