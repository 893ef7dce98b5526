// Shadow-root styles built through the CSSOM: a strict CSP (`style-src 'self'`) blocks <style>
// elements and style attributes, but not constructable stylesheets. Every colour and size a host
// may want to change is a --medspa-* custom property; every styled node also has a `part`.

/** A constructable stylesheet from CSS text. */
export function sheet(text) {
  const built = new CSSStyleSheet();
  built.replaceSync(text);
  return built;
}

export const baseSheet = sheet(`
  :host {
    display: block;
    font-family: var(--medspa-font, inherit);
    color: var(--medspa-text, inherit);
  }
  :host([hidden]), [hidden] { display: none !important; }
  [part~="container"] {
    background: var(--medspa-surface, transparent);
    border: 1px solid var(--medspa-border, #d0d5dd);
    border-radius: var(--medspa-radius, 8px);
    padding: var(--medspa-padding, 1rem);
  }
  [part~="label"] { font-weight: 600; margin: 0 0 0.5rem; }
  [part~="summary"] { margin: 0 0 0.75rem; }
  [part~="summary"]:empty { display: none; }
  [part~="error"] { color: var(--medspa-block, #b42318); margin: 0.5rem 0 0; }
  :focus-visible { outline: 2px solid var(--medspa-accent, #2f5fd0); outline-offset: 2px; }
  .muted { color: var(--medspa-muted, #5b6472); }
`);
