// @medspa-kit/elements: registers the four custom elements. Importing this loads no plugin: each
// element loads its plugin package (and its .wasm) when it first appears in the document.
import { MedspaConsentChecklist } from './consent-checklist.js';
import { MedspaPackageQuote } from './package-quote.js';
import { MedspaPhiLint } from './phi-lint.js';
import { MedspaSeriesPlanner } from './series-planner.js';

export { configure } from './loader.js';
export { MedspaConsentChecklist, MedspaPackageQuote, MedspaPhiLint, MedspaSeriesPlanner };

const ELEMENTS = {
  'medspa-phi-lint': MedspaPhiLint,
  'medspa-series-planner': MedspaSeriesPlanner,
  'medspa-consent-checklist': MedspaConsentChecklist,
  'medspa-package-quote': MedspaPackageQuote,
};
// A second copy of the package on the page (two bundles) must not throw on a name already taken.
for (const [name, element] of Object.entries(ELEMENTS)) {
  if (!customElements.get(name)) customElements.define(name, element);
}
