// An independent JS statement of the allocation rule (docs/domain.md §1), in BigInt, used to
// check the WASM build against the rule on random inputs rather than against stored answers.
export function allocateReference(total, weights) {
  const amount = BigInt(Math.abs(total));
  const big = weights.map(BigInt);
  const sum = big.reduce((a, b) => a + b, 0n);
  const parts = big.map((w) => (amount * w) / sum);
  let leftover = amount - parts.reduce((a, b) => a + b, 0n);
  const order = big
    .map((w, index) => ({ index, w, remainder: (amount * w) % sum }))
    .filter(({ w }) => w > 0n)
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (leftover === 0n) break;
    parts[index] += 1n;
    leftover -= 1n;
  }
  const sign = total < 0 ? -1 : 1;
  return parts.map((p) => sign * Number(p) || 0);
}

/** A small deterministic PRNG so a failing case can be replayed from its seed. */
export function random(seed) {
  let state = seed >>> 0;
  return (max) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % max;
  };
}
