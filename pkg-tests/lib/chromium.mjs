// The system Chromium, found and launched the same way by every browser suite and benchmark.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  for (const path of candidates) if (path && existsSync(path)) return path;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * The Chromium a test suite runs in, or null: then the suite is skipped with a loud message,
 * and under CI=true a missing browser is a failure, not a skip.
 */
export function chromiumForSuite(suite) {
  const path = findChromium();
  if (!path) {
    const message = `NO CHROMIUM FOUND: ${suite} SKIPPED (install Debian \`chromium\` or set CHROMIUM_PATH)`;
    if (process.env.CI === 'true') throw new Error(`${message}; CI=true makes this a failure`);
    console.error(`\n!!!!! ${message} !!!!!\n`);
  }
  return path;
}

export function launchChromium(executablePath) {
  // No sandbox as root, and no background traffic to the (closed) network.
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
