// What the elements share: building DOM without markup strings, errors shown without input
// text, and the base class of the elements that show one plugin result.
import { loadPlugin } from './loader.js';
import { baseSheet } from './styles.js';

/** `h('li', { part: 'item' }, child, …)`: an element with attributes and children; no HTML strings. */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== false && value != null) node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter((child) => child != null && child !== false));
  return node;
}

// Failures that are not a plugin's MedspaError get a code and a fixed message of their own: the
// browser's own messages can quote what they failed on (JSON.parse quotes the text), which may be PHI.
const OWN_ERRORS = {
  LOAD_FAILED: 'the plugin package could not be loaded',
  INVALID_JSON: 'the JSON data block is not valid JSON',
  NO_TEXTAREA: 'no textarea to check: name one with `for` or put one inside the element',
  RENDER_FAILED: 'the result could not be shown',
};

/** `{code, path, message}` of a failure; a plugin's message never contains input text. */
function errorDetail(error, code) {
  if (error?.name === 'MedspaError' && typeof error.code === 'string') {
    return { code: error.code, path: error.path ?? '$', message: error.message };
  }
  return { code, path: '$', message: OWN_ERRORS[code] };
}

/** Shows a failure in `target` and sends it as a `medspa-error` event from `element`. */
export function reportError(element, target, error, code) {
  const detail = errorDetail(error, code);
  target.textContent = `${detail.message} (${detail.code} at ${detail.path})`;
  target.hidden = false;
  element.dispatchEvent(new CustomEvent('medspa-error', { detail, bubbles: true, composed: true }));
}

/**
 * A property set on the element before its class was registered is an own property that hides
 * the class's accessor; it is set again through the accessor.
 */
export function upgradeProperties(element, names) {
  for (const name of names) {
    if (!Object.hasOwn(element, name)) continue;
    const value = element[name];
    delete element[name];
    element[name] = value;
  }
}

/** The language dates and amounts are written in: the nearest `lang`, else the browser's. */
export const localeOf = (element) => element.closest('[lang]')?.lang || undefined;

/**
 * An element that shows one plugin result. A subclass sets the statics `plugin` (package name),
 * `importByName` (its bare-specifier import), `sheet`, `defaultLabel`, `resultEvent` and
 * `properties`, and implements `input()` (the request, or null while there is none),
 * `compute(plugin, input)` and `render(result, input)` → `{ summary, content }`; the summary is
 * announced (aria-live).
 */
export class PluginElement extends HTMLElement {
  static observedAttributes = ['label'];
  #plugin = null;
  #queued = false;
  #json; // the parsed JSON data block; undefined until read
  #label = h('div', { part: 'label', id: 'label' });
  #summary = h('p', { part: 'summary', role: 'status', 'aria-live': 'polite' });
  #body = h('div', { part: 'body' });
  #error = h('p', { part: 'error', role: 'alert', hidden: true });

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [baseSheet, this.constructor.sheet];
    root.append(h('section', { part: 'container', 'aria-labelledby': 'label' }, this.#label, this.#summary, this.#body, this.#error));
  }

  connectedCallback() {
    upgradeProperties(this, this.constructor.properties);
    this.#label.textContent = this.getAttribute('label') ?? this.constructor.defaultLabel;
    // After the importing module has run, so that a configure() call right after the import counts.
    queueMicrotask(() => this.#load());
  }

  attributeChangedCallback(name, _old, value) {
    if (name === 'label') this.#label.textContent = value ?? this.constructor.defaultLabel;
    else this.requestUpdate();
  }

  /** Computes and renders again, once, after the current task's changes. */
  requestUpdate() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.#update();
    });
  }

  /** The child `<script type="application/json">` (allowed under a strict CSP), parsed once; null when absent. */
  jsonData() {
    if (this.#json === undefined) {
      const block = this.querySelector(':scope > script[type="application/json"]');
      this.#json = block ? JSON.parse(block.textContent) : null;
    }
    return this.#json;
  }

  async #load() {
    if (this.#plugin || !this.isConnected) return;
    const { plugin, importByName } = this.constructor;
    try {
      this.#plugin = await loadPlugin(plugin, importByName);
    } catch (error) {
      this.#fail(error, 'LOAD_FAILED');
      return;
    }
    this.requestUpdate();
  }

  #update() {
    if (!this.#plugin) return;
    let input;
    try {
      input = this.input();
    } catch (error) {
      this.#fail(error, 'INVALID_JSON');
      return;
    }
    this.#error.hidden = true;
    if (!input) {
      this.#summary.textContent = '';
      this.#body.replaceChildren();
      return;
    }
    let result;
    let view;
    try {
      result = this.compute(this.#plugin, input);
      view = this.render(result, input);
    } catch (error) {
      this.#fail(error, 'RENDER_FAILED');
      return;
    }
    this.#body.replaceChildren(...view.content);
    this.#summary.textContent = view.summary;
    this.dispatchEvent(new CustomEvent(this.constructor.resultEvent, { detail: result, bubbles: true, composed: true }));
  }

  #fail(error, code) {
    this.#summary.textContent = '';
    this.#body.replaceChildren();
    reportError(this, this.#error, error, code);
  }
}
