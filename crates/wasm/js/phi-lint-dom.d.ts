import type { LintOptions, Report } from './index.js';

/** What `attachPhiLint` returns. */
export interface PhiLintHandle {
  /** Lints now and returns the report (also sent as a `medspa:phi-lint` event on the textarea). */
  update(): Report | null;
  /** The latest report. */
  readonly report: Report | null;
  /** Changes channel, policy or context and lints again. */
  setOptions(options: LintOptions): Report | null;
  /** Removes the underlines, status and button, leaving the textarea as it was. */
  detach(): void;
}

/**
 * Wraps a textarea: live underlines of findings, the verdict announced to screen readers, and a
 * Redact button. Theme with `--medspa-phi-lint-error` and `--medspa-phi-lint-warning`.
 */
export declare function attachPhiLint(textarea: HTMLTextAreaElement, options?: LintOptions): PhiLintHandle;
