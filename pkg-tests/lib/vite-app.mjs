// Builds consumer/vite-app with Vite, as a user's bundled app would be built.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const viteRoot = fileURLToPath(new URL('../consumer/vite-app', import.meta.url));

export async function buildViteApp() {
  await build({
    root: viteRoot,
    base: '/vite/',
    logLevel: 'warn',
    build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  });
  return `${viteRoot}/dist`;
}
