// A small benchmark harness for the WASM builds under Node: calibrates a batch size so each
// sample takes about a millisecond, collects samples for a fixed time, reports the median.
import { performance } from 'node:perf_hooks';

export function measure(fn, { samples = 60, targetSampleMs = 1, warmup = 200, warmupMs = 300 } = {}) {
  // Warm up for a while, not only a number of calls: V8 runs WASM in its baseline compiler
  // first and optimises hot functions later (dynamic tiering); 200 calls of phi-lint's lint
  // were measured at 16 µs where the optimised code takes 5.6.
  const warmStart = performance.now();
  for (let i = 0; i < warmup || performance.now() - warmStart < warmupMs; i++) fn();
  let batch = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) fn();
    if (performance.now() - start >= targetSampleMs || batch >= 1 << 24) break;
    batch *= 2;
  }
  const perOpMicros = [];
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) fn();
    perOpMicros.push(((performance.now() - start) * 1000) / batch);
  }
  perOpMicros.sort((a, b) => a - b);
  const median = perOpMicros[Math.floor(perOpMicros.length / 2)];
  return { median, p10: perOpMicros[Math.floor(samples / 10)], p90: perOpMicros[Math.floor((samples * 9) / 10)], batch };
}

export function table(rows) {
  const lines = ['| benchmark | median | p10 | p90 |', '|---|---:|---:|---:|'];
  const fmt = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(2)} µs`);
  for (const { name, median, p10, p90 } of rows) lines.push(`| ${name} | ${fmt(median)} | ${fmt(p10)} | ${fmt(p90)} |`);
  return lines.join('\n');
}
