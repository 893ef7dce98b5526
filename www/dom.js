// Small DOM helpers shared by the demo pages (no framework).
export const $ = (selector) => document.querySelector(selector);

/** `el('li', { className: 'x', dataset: { state: 'ok' } }, child…)`: an element with properties,
 * data attributes and children. */
export const el = (tag, { dataset = {}, ...props } = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
};
