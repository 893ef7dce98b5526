import type { LintOptions, Report } from './index.js';

/** Options compiled once, for checking many texts (what `createLinter` returns). */
export interface PhiLinter {
  /** `lint(text, options)` with this linter's options. */
  lint(text: string): Report;
  /** `lintTemplate(template, options)` with this linter's options. */
  lintTemplate(template: string): Report;
  /**
   * Releases the compiled options now (otherwise when the linter is garbage collected); later
   * calls throw `LINTER_FREED`.
   */
  free(): void;
}

/**
 * Validates and compiles `options` once (an error names the field, as `lint`'s do), for a
 * message box or a batch that checks many texts with the same options.
 */
export declare function createLinter(options?: LintOptions): PhiLinter;
