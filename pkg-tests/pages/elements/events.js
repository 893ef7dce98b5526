// Records every event the elements send, for the test to read.
window.__events = [];
for (const type of ['medspa-phi-lint', 'medspa-series-plan', 'medspa-consent-check', 'medspa-quote', 'medspa-error']) {
  document.addEventListener(type, (event) => window.__events.push({ type, id: event.target.id, detail: event.detail }));
}
