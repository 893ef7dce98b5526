// lint and lintTemplate, fast enough to run on every keystroke: the text crosses as it is, and
// the report comes back packed (integers read in place from WASM memory, with the redacted text
// as edits of the input, plus one text holding the names and messages this page has not been
// sent yet, when there are any), then is expanded here into the same object the JSON path
// gives.
// The format is documented in crates/api/src/packed_report.rs; pkg-tests' agreement test checks
// the expansion against the native JSON answer for every fixture. A lone surrogate in the text
// becomes U+FFFD on the way in (wasm-bindgen's TextEncoder), one code unit like the surrogate, as
// on the JSON path: offsets still index the caller's string.
// Options are compiled once in WASM into a linter, named by a handle: `createLinter(options)`
// holds one, and `lint(text, options)` keeps the one of the last options it was given, which it
// finds again without serialising them when they are the same (see sameJson).
import { MedspaError, toJson } from './runtime.js';

/**
 * @param binding the package's binding (createBinding)
 * @param packed the internal export (`__lintPacked` or `__lintTemplatePacked`)
 * @param plain the JSON export of the same operation, which reports a non-string text
 */
export function createLint(binding, packed, plain) {
  const state = stateOf(binding);
  const viaJson = binding.wrap(plain);
  return function lint(text, options) {
    if (typeof text !== 'string') return viaJson(text, options);
    return checkPacked(binding, packed, handleFor(binding, lastOptions(state, options)), text);
  };
}

/**
 * `createLinter(options)`: options compiled once (errors are thrown here), for many texts.
 * The compiled linter lives in the WASM instance until `free()`, or until the linter object
 * is garbage collected.
 */
export function createLinterFactory(binding) {
  const freed = new FinalizationRegistry((entry) => release(binding, entry));
  return function createLinter(options) {
    const entry = { json: toJson(options), handle: -1, generation: -1 };
    handleFor(binding, entry);
    const linter = {
      lint(text) {
        return checkOwn(text, '__lintPacked', 'lint');
      },
      lintTemplate(template) {
        return checkOwn(template, '__lintTemplatePacked', 'lintTemplate');
      },
      free() {
        freed.unregister(linter);
        release(binding, entry);
        entry.json = null;
      },
    };
    const checkOwn = (text, packed, plain) => {
      if (entry.json === null) throw freedError();
      if (typeof text !== 'string') return binding.wrap(plain)(text, JSON.parse(entry.json));
      return checkPacked(binding, packed, handleFor(binding, entry), text);
    };
    freed.register(linter, entry, linter);
    return linter;
  };
}

function checkPacked(binding, packed, handle, text) {
  const state = stateOf(binding);
  // The core refuses a text over its limit whatever follows: sending only the first LONGEST + 1
  // code units gets the same error without copying a pasted book into WASM memory, which
  // never shrinks.
  const sent = text.length > LONGEST ? text.slice(0, LONGEST + 1) : text;
  // The numbers stay in WASM memory: `at` is their index in an Int32Array view.
  const address = binding.call(packed, [handle, sent, state.strings.length]);
  if (address === FAILED) binding.call('__failure', []); // throws why
  const at = address >>> 2;
  let p = memoryOf(binding, state);
  if (state.strings.length !== p[at]) state.strings.length = p[at];
  // The text crosses only when it holds new strings, which few reports have.
  if (p[at + 1] > 0) {
    const fresh = binding.call('__packedText', []);
    p = memoryOf(binding, state); // the call may have grown the memory
    receive(p, at, fresh, state.strings);
  }
  return expand(p, at, text, state.strings);
}

/** What `__lintPacked` answers when the check failed (u32::MAX). */
const FAILED = 0xffffffff;
/**
 * The core refuses a text over 64 KiB of UTF-8 (MAX_TEXT_BYTES), so any over this many UTF-16
 * code units (a byte each at least).
 */
const LONGEST = 65536;

/**
 * An Int32Array view of the instance's memory, made again after a reset or a memory growth
 * (which detaches the old buffer).
 */
function memoryOf(binding, state) {
  if (state.memoryGeneration !== binding.generation()) {
    state.memory = binding.call('__packedMemory', []);
    state.memoryGeneration = binding.generation();
    state.view = null;
  }
  if (state.view === null || state.view.byteLength === 0) {
    state.view = new Int32Array(state.memory.buffer);
  }
  return state.view;
}

// Per instance: the strings list (shared by every lint and lintTemplate: it must always be a
// prefix of the instance's own list, which a second copy would not be once a reset restarts
// that list), and the options `lint` saw last with their linter.
const states = new WeakMap();
function stateOf(binding) {
  if (!states.has(binding)) {
    states.set(binding, { strings: [], last: null, memory: null, memoryGeneration: -1, view: null });
  }
  return states.get(binding);
}

/** The linter entry for `options`: the last one when they serialise alike, else a new one. */
function lastOptions(state, options) {
  const last = state.last;
  if (last !== null && sameJson(options, last.snapshot)) return last;
  const json = toJson(options);
  if (last !== null && json === last.json) return last;
  return { json, snapshot: JSON.parse(json), handle: -1, generation: -1, state };
}

/** Compiles `entry.json` if this instance has no linter for it yet; returns the handle. */
function handleFor(binding, entry) {
  if (entry.handle < 0 || entry.generation !== binding.generation()) {
    entry.handle = binding.call('__linterNew', [entry.json]);
    entry.generation = binding.generation();
    // `lint`'s entry replaces the last one only once it has compiled (bad options throw above).
    const state = entry.state;
    if (state !== undefined && state.last !== entry) {
      if (state.last !== null) release(binding, state.last);
      state.last = entry;
    }
  }
  return entry.handle;
}

function release(binding, entry) {
  // A handle from before a reset names nothing now (or another linter): leave it.
  if (entry.handle >= 0 && entry.generation === binding.generation()) {
    try {
      binding.call('__linterFree', [entry.handle]);
    } catch {
      // Freeing cannot fail; if the instance is gone, so is the linter.
    }
  }
  entry.handle = -1;
}

function freedError() {
  return new MedspaError('LINTER_FREED', '$', 'this linter was freed; create another with createLinter(options)');
}

/**
 * Whether `value` serialises to JSON equal to `snapshot` (a JSON.parse result), key order
 * aside. Only plain objects, arrays, strings, finite numbers, booleans and null are compared;
 * anything else (a Date, a toJSON method, an undefined member, a lone surrogate) answers false
 * and the caller serialises. For lint options with a clinic context this takes a tenth of
 * JSON.stringify's time, and a message box passes the same options on every keystroke.
 */
function sameJson(value, snapshot) {
  if (typeof value !== 'object' || value === null) {
    return value === snapshot && (typeof value !== 'number' || Number.isFinite(value));
  }
  if (typeof snapshot !== 'object' || snapshot === null || typeof value.toJSON === 'function') {
    return false;
  }
  if (Array.isArray(value)) {
    if (!Array.isArray(snapshot) || value.length !== snapshot.length) return false;
    for (let i = 0; i < value.length; i++) if (!sameJson(value[i], snapshot[i])) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(snapshot) || (proto !== Object.prototype && proto !== null)) return false;
  let count = 0;
  for (const key in value) {
    const same = Object.hasOwn(value, key) && Object.hasOwn(snapshot, key) && sameJson(value[key], snapshot[key]);
    if (!same) return false;
    count += 1;
  }
  for (const key in snapshot) count -= 1;
  return count === 0;
}

/** Appends the new strings of the report at `m[o]` (their text end to end in `fresh`). */
function receive(m, o, fresh, strings) {
  let at = 0;
  for (let k = 0; k < m[o + 1]; k++) {
    strings.push(fresh.slice(at, at + m[o + 6 + k]));
    at += m[o + 6 + k];
  }
}

function expand(m, o, input, strings) {
  // m[o..] = [first, new, edits, diagnostics, verdict, escalate, length of each new string…,
  // three numbers per redaction edit, ten per diagnostic].
  // The redacted text as the WASM side would write it: a lone surrogate became U+FFFD.
  const source = input.isWellFormed() ? input : input.toWellFormed();
  let i = o + 6 + m[o + 1];
  let redacted = source;
  if (m[o + 2] > 0) {
    redacted = '';
    let from = 0;
    for (const end = i + 3 * m[o + 2]; i < end; i += 3) {
      redacted += source.slice(from, m[i]) + strings[m[i + 2]];
      from = m[i + 1];
    }
    redacted += source.slice(from);
  }
  const diagnostics = [];
  for (const end = i + 10 * m[o + 3]; i < end; i += 10) {
    const d = {
      ruleId: strings[m[i]],
      kind: strings[m[i + 1]],
      severity: strings[m[i + 2]],
      message: strings[m[i + 3]],
      span: { start: m[i + 4], end: m[i + 5] },
      utf8: { start: m[i + 6], end: m[i + 7] },
    };
    if (m[i + 8] >= 0) d.fix = { replacement: strings[m[i + 8]], description: strings[m[i + 9]] };
    diagnostics.push(d);
  }
  return { verdict: strings[m[o + 4]], escalate: strings[m[o + 5]], diagnostics, redacted };
}
