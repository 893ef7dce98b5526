// Packs every built package with `npm pack` (so the `files` list is what gets tested) and
// unpacks it into consumer/node_modules, as `npm install` of the tarball would.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './server.mjs';

const built = join(repoRoot, 'build/packages');
const work = join(repoRoot, 'pkg-tests/.work');
const consumerModules = join(repoRoot, 'pkg-tests/consumer/node_modules');

if (!existsSync(built)) {
  console.error('build/packages is missing: run `cargo xtask build` first');
  process.exit(1);
}
rmSync(work, { recursive: true, force: true });
rmSync(consumerModules, { recursive: true, force: true });
mkdirSync(join(work, 'tarballs'), { recursive: true });

for (const dir of readdirSync(built)) {
  const output = execFileSync('npm', ['pack', join(built, dir), '--json', '--pack-destination', join(work, 'tarballs')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [{ name, filename }] = JSON.parse(output);
  const target = join(consumerModules, name);
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, 'tarballs', filename), '--strip-components=1', '-C', target]);
  console.log(`packed and installed ${name}`);
}
