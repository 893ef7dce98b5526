// lint and lintTemplate, fast enough to run on every keystroke: the text crosses as it is, and
// the report comes back packed (integers as an Int32Array, plus one text holding the redacted
// message, only when it differs from the input, and only the names and messages this page has
// not been sent yet), then is expanded here into the same object the JSON path gives.
// The format is documented in crates/api/src/packed_report.rs; pkg-tests' agreement test checks
// the expansion against the native JSON answer for every fixture. A lone surrogate in the text
// becomes U+FFFD on the way in (wasm-bindgen's TextEncoder), one code unit like the surrogate, as
// on the JSON path: offsets still index the caller's string.
import { toJson } from './runtime.js';

/**
 * @param binding the package's binding (createBinding)
 * @param packed the internal export (`__lintPacked`)
 * @param plain the JSON export of the same operation, which reports a non-string text
 */
export function createLint(binding, packed, plain) {
  const strings = namesOf(binding);
  const viaJson = binding.wrap(plain);
  return function lint(text, options) {
    if (typeof text !== 'string') return viaJson(text, options);
    const p = binding.call(packed, [text, toJson(options), strings.length]);
    // The text part crosses only when there is one: no redaction and no new strings is common.
    const rest = p[2] >= 0 || p[1] > 0 ? binding.call('__packedText', []) : '';
    return expand(p, rest, text, strings);
  };
}

// One list per instance, shared by lint and lintTemplate: it must always be a prefix of the
// instance's own list, which a second copy would not be once a reset restarts that list.
const names = new WeakMap();
function namesOf(binding) {
  if (!names.has(binding)) names.set(binding, []);
  return names.get(binding);
}

function expand(p, rest, input, strings) {
  // p = [first, new, redactedLength, verdict, escalate, length of each new string…, then ten
  // numbers per diagnostic]; rest = the redacted text (unless redactedLength is -1), then the
  // new strings.
  let at = 0;
  let redacted;
  if (p[2] >= 0) {
    redacted = rest.slice(0, p[2]);
    at = p[2];
  } else {
    // As the WASM side saw it (a lone surrogate became U+FFFD).
    redacted = input.isWellFormed() ? input : input.toWellFormed();
  }
  strings.length = p[0];
  const count = p[1];
  for (let k = 0; k < count; k++) {
    strings.push(rest.slice(at, at + p[5 + k]));
    at += p[5 + k];
  }
  const diagnostics = [];
  for (let i = 5 + count; i < p.length; i += 10) {
    const d = {
      ruleId: strings[p[i]],
      kind: strings[p[i + 1]],
      severity: strings[p[i + 2]],
      message: strings[p[i + 3]],
      span: { start: p[i + 4], end: p[i + 5] },
      utf8: { start: p[i + 6], end: p[i + 7] },
    };
    if (p[i + 8] >= 0) d.fix = { replacement: strings[p[i + 8]], description: strings[p[i + 9]] };
    diagnostics.push(d);
  }
  return { verdict: strings[p[3]], escalate: strings[p[4]], diagnostics, redacted };
}
