// A bundled app: Vite resolves the package, emits its .wasm as an asset and rewrites its URL.
import { init, allocate } from '@medspa-kit/billing';

await init();
const parts = allocate({ minor: 100000, currency: 'USD' }, [30000, 30000, 60000]);
document.querySelector('#split').textContent = parts.map((p) => p.minor).join(',');
document.body.dataset.ready = '1';
