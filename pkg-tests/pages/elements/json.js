// Elements written in the page with their data in JSON blocks, loading their plugins through
// configure() as a bundler would (this page has no <meta name="medspa-kit-packages">).
import './events.js';
import { configure } from '/elements/index.js';

window.__loaded = [];
const from = (name) => () => {
  window.__loaded.push(name);
  return import(`/packages/${name}/index.js`);
};
configure({ load: { 'phi-lint': from('phi-lint'), schedule: from('schedule'), consent: from('consent'), billing: from('billing') } });
document.body.dataset.ready = '1';
