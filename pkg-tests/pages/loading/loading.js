// Loads one plugin package (?plugin=billing, …) as a page would, then runs one small call and
// records when its result arrived: performance.now() counts from navigation start, so this is the
// page's whole wait (fetching the JS and the .wasm, compiling, instantiating, and the call).
const CALLS = {
  billing: (pkg) => pkg.allocate({ minor: 100, currency: 'USD' }, [1, 1, 1]),
  schedule: (pkg) => pkg.resolveLocalTime({ date: '2025-03-09', time: '02:30', zone: 'America/New_York' }),
  consent: (pkg) =>
    pkg.validateRules({
      forms: [{ id: 'intake', kind: 'medical_history', version: '1' }],
      treatments: [{ id: 'peel', categories: ['peel'] }],
      requirements: [{ id: 'intake', form: 'intake', validity: { policy: 'once' } }],
    }),
  'phi-lint': (pkg) => pkg.lint('Hi Maria, your SSN 987-65-4321 is on file.', { channel: 'sms' }),
  followup: (pkg) => pkg.nextAllowedSendTime({ instant: '2025-06-08T15:00Z', recipient: { zone: 'America/Chicago', state: 'TX' } }),
  'medspa-kit': (pkg) => pkg.lint('Hi Maria, your SSN 987-65-4321 is on file.', { channel: 'sms' }),
};

const plugin = new URLSearchParams(location.search).get('plugin');
try {
  const pkg = await import(`/packages/${plugin}/index.js`);
  await pkg.init();
  const result = CALLS[plugin](pkg);
  window.__loading = { ms: performance.now(), result };
} catch (error) {
  window.__loading = { error: `${error.name}: ${error.message}` };
}
document.body.dataset.ready = '1';
