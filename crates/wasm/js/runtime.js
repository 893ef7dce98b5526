// The medspa-kit JS shim, shared by every package: one init, MedspaError, Date conversion and
// recovery from a WASM trap. It only translates; all domain logic lives in the Rust core.

/** A caller mistake or an internal failure, with a stable `code` and a JSON `path`. */
export class MedspaError extends Error {
  constructor(code, path, message) {
    super(message);
    this.name = 'MedspaError';
    this.code = code;
    this.path = path;
  }
}

// Arguments cross into WASM as JSON text and results come back as JSON text: one native
// JSON.stringify / JSON.parse each way instead of one JS call per field from WASM (as fast here,
// smaller, and it lets the Rust decoder see, and reject, unknown fields). phi-lint's lint and
// lintTemplate, called on every keystroke, pass their text as it is and get a packed report back
// (phi-lint-report.js), through `call`.
// JSON.stringify also turns a Date into its ISO 8601 instant (Date.prototype.toJSON); an invalid
// Date becomes null, which the decoder then reports with a code and a path.
// A lone surrogate (invalid UTF-16, say from a cut-and-paste) is escaped by JSON.stringify and
// rejected by a strict JSON parser; it is replaced by U+FFFD, one code unit like the surrogate,
// so offsets reported back still index the caller's own string.
// JSON.stringify writes a lone surrogate as a lowercase \udXXX escape, so a text without "\ud"
// has none: a substring test answers (for lint options with a context, Node 20: 0.09 µs where
// the regular expression took 0.23); a false alarm only costs a second encoding.
const wellFormed = (_key, value) => (typeof value === 'string' ? value.toWellFormed() : value);
export function toJson(value) {
  const text = JSON.stringify(value === undefined ? null : value);
  return text.includes('\\ud') ? JSON.stringify(value, wellFormed) : text;
}

/**
 * Wraps wasm-bindgen's generated glue.
 * @param glue the generated ES module (`--target web`, with `__wbg_reset_state`)
 * @param loader `{ source(): URL | BufferSource | WebAssembly.Module, sync: boolean }`: where the
 *   .wasm comes from; `sync` loaders (Node) initialise on first use without an explicit init().
 */
export function createBinding(glue, loader) {
  let ready = false;
  let pending = null;
  // Counts resets: state kept in the instance (phi-lint's compiled linters) belongs to one
  // generation, and is rebuilt by its owner when the count has moved on.
  let generation = 0;

  async function init(source) {
    if (ready) return;
    pending ??= glue
      .default({ module_or_path: source ?? loader.source() })
      .then(() => {
        ready = true;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  function initSync(source) {
    if (ready) return;
    const module = source ?? (loader.sync ? loader.source() : undefined);
    if (module === undefined) {
      throw new MedspaError('NOT_INITIALIZED', '$', 'initSync() needs the .wasm bytes or a WebAssembly.Module here');
    }
    glue.initSync({ module });
    ready = true;
  }

  /** Calls export `name` with `args` as they are; returns its text, or throws a MedspaError. */
  function call(name, args) {
    ensureReady();
    try {
      return glue[name](...args);
    } catch (error) {
      throw translate(error);
    }
  }

  function ensureReady() {
    if (!ready) {
      if (!loader.sync) {
        throw new MedspaError('NOT_INITIALIZED', '$', 'await init() before calling medspa-kit');
      }
      initSync();
    }
  }

  function translate(error) {
    if (error instanceof WebAssembly.RuntimeError) {
      // A trap leaves the instance in an unknown state: start a fresh one from the same module.
      glue.__wbg_reset_state();
      generation += 1;
      return new MedspaError('INTERNAL', '$', 'medspa-kit failed internally; it was reset and the next call will work');
    }
    if (error instanceof Error && error.name === 'MedspaError' && typeof error.code === 'string') {
      return new MedspaError(error.code, error.path, error.message);
    }
    return error;
  }

  function wrap(name) {
    return function medspaCall(...args) {
      return JSON.parse(call(name, args.map(toJson)));
    };
  }

  return { init, initSync, wrap, call, generation: () => generation };
}
