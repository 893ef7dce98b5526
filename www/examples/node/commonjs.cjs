// The same from CommonJS: Node 20.19+ can require() the packages' ES module entry, which loads
// synchronously (no top-level await), so no dynamic import() is needed.
const { allocate } = require('@medspa-kit/billing');
const { lint } = require('@medspa-kit/phi-lint');

// $1.00 split three ways: the leftover cent goes to the largest remainder, ties to the first part.
const parts = allocate({ minor: 100, currency: 'USD' }, [1, 1, 1]);
console.log(`allocate 100 cents by 1:1:1 → ${parts.map((part) => part.minor).join(' ')}`);

const result = lint('Hi Maria, your SSN 987-65-4321 is on file.', { channel: 'sms' });
console.log(`lint verdict → ${result.verdict} (${result.diagnostics.map((d) => d.ruleId).join(', ')})`);
