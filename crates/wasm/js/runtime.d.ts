/** A caller mistake or an internal failure. `message` never contains input text. */
export declare class MedspaError extends Error {
  readonly name: 'MedspaError';
  /** Stable SCREAMING_SNAKE code, such as `NEGATIVE_WEIGHT` or `INTERNAL`. */
  readonly code: string;
  /** JSON path to the offending argument field, such as `$.weights[2]`. */
  readonly path: string;
}

/** What `init()` accepts: where the .wasm is, or its bytes, or a compiled module. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;
