// A Vite production build of an app that imports a package; the browser suite runs the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { buildViteApp } from '../lib/vite-app.mjs';

test('vite builds an app that imports @medspa-kit/billing and emits its .wasm', async () => {
  const dist = await buildViteApp();
  const assets = readdirSync(`${dist}/assets`);
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `no .wasm among ${assets}`);
  assert.ok(assets.some((f) => f.endsWith('.js')));
});
