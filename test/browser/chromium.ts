import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Outside CI a machine without Chromium skips the browser test; in CI (CI set) it must run, and fails without Chromium. */
export const browserTestRuns = Boolean(CHROMIUM_PATH) || Boolean(process.env.CI);

export function skipNotice(): string | null {
  return browserTestRuns
    ? null
    : 'Skipping the dashboard browser test: Chromium is not installed (apt-get install -y chromium, or set CHROMIUM_PATH); in CI it runs.';
}

export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM_PATH) throw new Error('Chromium not found at /usr/bin/chromium: .ci/run installs it with apt-get (or set CHROMIUM_PATH)');
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}
