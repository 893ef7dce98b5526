// Runs in headless Chromium under a strict CSP: each package as a plain ES module, no bundler.
import * as billing from '/packages/billing/index.js';
import * as schedule from '/packages/schedule/index.js';
import * as trapTest from '/packages/trap-test/index.js';

const results = {};
const attempt = (fn) => {
  try {
    return { value: fn() };
  } catch (error) {
    return { error: { isMedspaError: error instanceof billing.MedspaError || error?.name === 'MedspaError', code: error.code, path: error.path, message: error.message } };
  }
};

results.beforeInit = attempt(() => billing.allocate({ minor: 1, currency: 'USD' }, [1]));
await Promise.all([billing.init(), billing.init()]);
await schedule.init();
await trapTest.init();
results.plugins = { billing: billing.plugins(), schedule: schedule.plugins() };
results.split = attempt(() => billing.allocate({ minor: 100, currency: 'USD' }, [1, 1, 1]));
results.negative = attempt(() => billing.allocate({ minor: 100, currency: 'USD' }, [1, -1]));
results.gap = attempt(() => schedule.resolveLocalTime({ date: '2025-03-09', time: '02:30', zone: 'America/New_York' }));
results.dateArgument = attempt(() => schedule.toClinicTime({ instant: new Date(Date.UTC(2025, 6, 1, 14)), zone: 'America/New_York' }));
results.trap = attempt(() => trapTest.__trapForTests());
results.afterTrap = attempt(() => trapTest.allocate({ minor: 3, currency: 'USD' }, [1, 1]));

window.__results = results;
document.body.dataset.ready = '1';
