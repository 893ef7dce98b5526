// The packages from an ES module in Node 20.19+. The Node entry reads the .wasm from disk on the
// first call, so there is no init() to await.
import { allocate } from '@medspa-kit/billing';
import { lint } from '@medspa-kit/phi-lint';

// $1.00 split three ways: the leftover cent goes to the largest remainder, ties to the first part.
const parts = allocate({ minor: 100, currency: 'USD' }, [1, 1, 1]);
console.log(`allocate 100 cents by 1:1:1 → ${parts.map((part) => part.minor).join(' ')}`);

const result = lint('Hi Maria, your SSN 987-65-4321 is on file.', { channel: 'sms' });
console.log(`lint verdict → ${result.verdict} (${result.diagnostics.map((d) => d.ruleId).join(', ')})`);
