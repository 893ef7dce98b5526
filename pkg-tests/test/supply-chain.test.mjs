// What a user installs: no dependencies, no install scripts, nothing fetched from elsewhere at
// run time; and what the tests install: pinned by lock files with integrity hashes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/server.mjs';

const installed = join(repoRoot, 'pkg-tests/consumer/node_modules');
const packages = [
  ...readdirSync(join(installed, '@medspa-kit')).map((name) => join(installed, '@medspa-kit', name)),
  join(installed, 'medspa-kit'),
];

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('shipped packages have no dependencies and no install scripts', () => {
  assert.ok(packages.length >= 7, `${packages.length} packages`);
  for (const dir of packages) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    assert.equal(manifest.dependencies, undefined, `${manifest.name} has dependencies`);
    assert.equal(manifest.optionalDependencies, undefined, `${manifest.name} has optional dependencies`);
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      assert.equal(manifest.scripts?.[hook], undefined, `${manifest.name} runs ${hook}`);
    }
  }
});

test('shipped JavaScript names no remote address: the only fetch is the .wasm beside the module', () => {
  let checked = 0;
  for (const dir of packages) {
    for (const file of filesUnder(dir).filter((f) => /\.(m?js|cjs)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /\b(https?|wss?):\/\/[a-z0-9]/i, file);
      assert.doesNotMatch(text, /importScripts|XMLHttpRequest|navigator\.sendBeacon|new WebSocket/, file);
      checked += 1;
    }
  }
  assert.ok(checked > 20, `${checked} files`);
});

test('npm lock files pin every package with an integrity hash', () => {
  for (const lock of ['pkg-tests/package-lock.json', 'bench/peers/package-lock.json']) {
    const { lockfileVersion, packages: entries } = JSON.parse(readFileSync(join(repoRoot, lock), 'utf8'));
    assert.ok(lockfileVersion >= 3, lock);
    const thirdParty = Object.entries(entries).filter(([path, entry]) => path.includes('node_modules/') && !entry.link);
    assert.ok(thirdParty.length > 5, lock);
    for (const [path, entry] of thirdParty) {
      assert.match(entry.version ?? '', /^\d+\.\d+\.\d+/, `${lock}: ${path} has no exact version`);
      assert.match(entry.integrity ?? '', /^sha512-/, `${lock}: ${path} has no integrity hash`);
    }
  }
});
