// phi-lint as a plain ES module: no bundler, no build step. `/packages/` is where the demo server
// (pkg-tests/lib/server.mjs) serves the built packages; on your site, use the URL you serve the
// package's files from (index.js finds its .wasm next to itself).
import { init, lint } from '/packages/phi-lint/index.js';

const message = document.querySelector('#message');
const verdict = document.querySelector('#verdict');
const redacted = document.querySelector('#redacted');

// Fetches and compiles the .wasm; under a CSP this needs 'wasm-unsafe-eval' in script-src.
await init();

function check() {
  const result = lint(message.value, { channel: 'sms' });
  verdict.textContent = result.verdict; // 'allow', 'warn' or 'block'
  redacted.textContent = result.redacted; // each finding replaced by a placeholder
}

message.addEventListener('input', check);
check();
