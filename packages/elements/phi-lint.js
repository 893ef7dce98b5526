// <medspa-phi-lint>: attachPhiLint on a textarea (named by `for`, or inside the element), with its
// verdict and Redact button shown in this element's shadow root, where parts and custom
// properties theme them. Channel, policy and locale attributes relint when they change.
import { h, reportError, upgradeProperties } from './base.js';
import { loadPlugin } from './loader.js';
import { baseSheet, sheet } from './styles.js';

const phiLintSheet = sheet(`
  [part~="controls"] { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin-top: 0.5rem; }
  [part~="verdict"] { flex: 1 1 12rem; font-weight: 600; }
  [part~="verdict-allow"] { color: var(--medspa-ok, #1a7f37); }
  [part~="verdict-warn"] { color: var(--medspa-warn, #9a6700); }
  [part~="verdict-block"] { color: var(--medspa-block, #b42318); }
  [part~="redact"] {
    font: inherit;
    padding: 0.35rem 0.9rem;
    color: var(--medspa-button-text, #fff);
    background: var(--medspa-accent, #2f5fd0);
    border: 1px solid var(--medspa-accent, #2f5fd0);
    border-radius: var(--medspa-radius, 8px);
    cursor: pointer;
  }
  [part~="redact"]:disabled { opacity: 0.5; cursor: default; }
`);

const ATTRIBUTE_OPTIONS = ['channel', 'policy', 'locale'];

export class MedspaPhiLint extends HTMLElement {
  static observedAttributes = ['for', 'label', ...ATTRIBUTE_OPTIONS];
  #options = {};
  #plugin = null;
  #handle = null;
  #textarea = null;
  #status = null;
  #awaitingReport = false;
  #controls = h('div', { part: 'controls', role: 'group' });
  #error = h('p', { part: 'error', role: 'alert', hidden: true });

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [baseSheet, phiLintSheet];
    root.append(h('slot'), this.#controls, this.#error);
  }

  /** Further lint options (`context`, `direction`, `extraTerms`…); the attributes win over them. */
  get options() {
    return this.#options;
  }

  set options(options) {
    this.#options = options ?? {};
    this.#relint();
  }

  /** The latest report, or null. */
  get report() {
    return this.#handle?.report ?? null;
  }

  connectedCallback() {
    upgradeProperties(this, ['options']);
    this.#controls.setAttribute('aria-label', this.getAttribute('label') ?? 'Message check');
    // After the importing module has run, so that a configure() call right after the import counts.
    queueMicrotask(() => this.#load());
  }

  disconnectedCallback() {
    this.#detach();
  }

  attributeChangedCallback(name, _old, value) {
    if (name === 'label') this.#controls.setAttribute('aria-label', value ?? 'Message check');
    else if (name === 'for') {
      this.#detach();
      this.#attach();
    } else this.#relint();
  }

  async #load() {
    if (!this.isConnected) return;
    try {
      this.#plugin ??= await loadPlugin('phi-lint', () => import('@medspa-kit/phi-lint'));
    } catch (error) {
      reportError(this, this.#error, error, 'LOAD_FAILED');
      return;
    }
    this.#attach();
  }

  #lintOptions() {
    const options = { ...this.#options };
    for (const name of ATTRIBUTE_OPTIONS) {
      const value = this.getAttribute(name);
      if (value) options[name] = value;
    }
    return options;
  }

  #findTextarea() {
    const id = this.getAttribute('for');
    const found = id ? this.getRootNode().getElementById?.(id) : this.querySelector('textarea');
    return found instanceof HTMLTextAreaElement ? found : null;
  }

  #attach() {
    if (!this.#plugin || this.#handle || !this.isConnected) return;
    const textarea = this.#findTextarea();
    if (!textarea) {
      reportError(this, this.#error, null, 'NO_TEXTAREA');
      return;
    }
    this.#textarea = textarea;
    textarea.addEventListener('medspa:phi-lint', this.#onReport);
    this.#handle = this.#plugin.attachPhiLint(textarea, this.#lintOptions());
    textarea.addEventListener('input', this.#onInput);
    // attachPhiLint puts its verdict (an aria-live status) and Redact button next to the textarea,
    // with these documented classes; moved here, they take this element's parts and styles.
    const wrapper = textarea.parentElement;
    this.#status = wrapper.querySelector('.medspa-phi-lint-status');
    const redact = wrapper.querySelector('.medspa-phi-lint-redact');
    redact.setAttribute('part', 'redact');
    this.#controls.replaceChildren(this.#status, redact);
    if (this.#handle.report) this.#showVerdict(this.#handle.report);
    else this.#explainFailure();
  }

  #detach() {
    if (!this.#handle) return;
    this.#textarea.removeEventListener('medspa:phi-lint', this.#onReport);
    this.#textarea.removeEventListener('input', this.#onInput);
    this.#handle.detach();
    this.#controls.replaceChildren();
    this.#handle = this.#textarea = this.#status = null;
  }

  #relint() {
    if (this.#handle && !this.#handle.setOptions(this.#lintOptions())) this.#explainFailure();
  }

  #onReport = (event) => {
    this.#awaitingReport = false;
    this.#showVerdict(event.detail);
    this.dispatchEvent(new CustomEvent('medspa-phi-lint', { detail: event.detail, bubbles: true, composed: true }));
  };

  // attachPhiLint lints in the next animation frame after typing; this frame callback, queued
  // after its own, finds a lint that failed (say TEXT_TOO_LONG) by the report that never came.
  #onInput = () => {
    this.#awaitingReport = true;
    requestAnimationFrame(() => {
      if (this.#awaitingReport) this.#explainFailure();
    });
  };

  #showVerdict(report) {
    this.#error.hidden = true;
    this.#status?.setAttribute('part', `verdict verdict-${report.verdict}`);
  }

  // attachPhiLint shows only the code of a failed lint; linting again gives the whole MedspaError
  // (code and path) for the element and its medspa-error event.
  #explainFailure() {
    this.#awaitingReport = false;
    try {
      this.#plugin.lint(this.#textarea.value, this.#lintOptions());
    } catch (error) {
      reportError(this, this.#error, error, 'RENDER_FAILED');
    }
  }
}
