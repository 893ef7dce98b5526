// Shared by run_node.mjs and run_ours.mjs: the corpus (as corpus.py wrote it), offsets, timing.
import { readFileSync } from 'node:fs';

/** The messages written by `python3 corpus.py > results/corpus.json`. */
export const loadCorpus = (path = new URL('./results/corpus.json', import.meta.url)) =>
  JSON.parse(readFileSync(path, 'utf8'));

/** Maps UTF-16 offsets (JavaScript's) to code-point offsets (the corpus's). */
export function codePoints(text) {
  const map = new Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++, cp++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) map[++i] = cp;
  }
  map[text.length] = cp;
  return map;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Recovers the spans a redactor replaced, from its output alone: the output is the input with
 * some stretches replaced by known placeholders, so `^lit(.+?)lit(.+?)lit$` over the input finds
 * them. Returns [{ start, end, type: placeholder }] in UTF-16 offsets, or null when the output does not align.
 */
export function spansFromRedaction(original, redacted, placeholders) {
  const names = Object.keys(placeholders).sort((a, b) => b.length - a.length);
  const token = new RegExp(names.map(escape).join('|'), 'g');
  const literals = [];
  const types = [];
  let last = 0;
  for (const m of redacted.matchAll(token)) {
    literals.push(redacted.slice(last, m.index));
    types.push(m[0]);
    last = m.index + m[0].length;
  }
  literals.push(redacted.slice(last));
  if (types.length === 0) return [];
  const m = new RegExp(`^${literals.map(escape).join('([\\s\\S]+?)')}$`, 'd').exec(original);
  if (!m) return null;
  return types.map((type, i) => ({ start: m.indices[i + 1][0], end: m.indices[i + 1][1], type }));
}

/**
 * Runs `detect(text) -> [{ start, end, type }]` (UTF-16) over every message once for the findings,
 * then times `timed(text)` (by default `detect`) `reps` times per locale. `kinds` maps a tool's
 * type to corpus kinds.
 */
export function measure(tool, cases, detect, kinds, reps, extra = {}, timed = detect) {
  detect('warm up: call 212-555-0100');
  const predictions = {};
  for (const c of cases) {
    const map = codePoints(c.text);
    predictions[c.id] = detect(c.text, c).map(({ start, end, type }) => ({
      start: map[start],
      end: map[end],
      type,
      kinds: kinds[type] ?? [],
    }));
  }
  const timing = {};
  for (const locale of ['en', 'es']) {
    const subset = cases.filter((c) => c.locale === locale);
    for (const c of subset) timed(c.text, c); // warm the JIT on this subset
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) for (const c of subset) timed(c.text, c);
    const seconds = (performance.now() - t0) / 1000;
    timing[locale] = { messages: subset.length, reps, seconds, messages_per_second: (subset.length * reps) / seconds };
  }
  return { tool, ...extra, mapping: kinds, timing, predictions };
}
