// A static file server for the demo and the browser tests: www/ at /, the built packages at
// /packages/, with the strict Content-Security-Policy our integrations promise to work under.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Mounts: URL prefix → folder. The longest matching prefix wins. */
export function defaultMounts() {
  return [
    ['/packages/', join(repoRoot, 'build/packages')],
    ['/elements/', join(repoRoot, 'packages/elements')],
    ['/', join(repoRoot, 'www')],
  ];
}

async function locate(mounts, urlPath) {
  const [prefix, folder] = mounts
    .filter(([p]) => urlPath.startsWith(p))
    .sort((a, b) => b[0].length - a[0].length)[0] ?? [];
  if (!folder) return null;
  const file = normalize(join(folder, decodeURIComponent(urlPath.slice(prefix.length))));
  if (file !== folder && !file.startsWith(folder + sep)) return null;
  const info = await stat(file).catch(() => null);
  const candidate = info?.isDirectory() ? join(file, 'index.html') : file;
  const found = await stat(candidate).catch(() => null);
  return found?.isFile() ? candidate : null;
}

/** Starts a server; resolves to `{ url, close, requests }` (requests: every path served). */
export function serve({ port = 0, mounts = defaultMounts() } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    requests.push(path);
    const file = await locate(mounts, path);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  });
  return new Promise((resolvePromise) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      resolvePromise({
        url: `http://127.0.0.1:${bound}`,
        requests,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--port');
  const port = at > 0 ? Number(process.argv[at + 1]) : 8080;
  const { url } = await serve({ port });
  console.log(`medspa-kit demo: ${url}/  (Ctrl-C to stop)`);
}
