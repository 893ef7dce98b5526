// A module worker imports the package as a page would and fetches the .wasm itself. Loaded from
// its own URL (not a blob), it runs under the CSP sent with worker.js, which allows the WASM.
import { init, planSeries, MedspaError } from '/packages/schedule/index.js';

const ready = init(); // start loading now, before the first request arrives

self.addEventListener('message', async ({ data: request }) => {
  try {
    await ready;
    self.postMessage({ answer: planSeries(request) });
  } catch (error) {
    // A MedspaError names the bad field by its JSON path; its message never contains input text.
    self.postMessage({ error: error instanceof MedspaError ? `${error.code} at ${error.path}` : String(error) });
  }
});
