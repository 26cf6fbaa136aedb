import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type Demo } from '../../demo/demo';
import { browserTestRuns, launchChromium, skipNotice } from '../browser/chromium';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const OUTPUT = join('test-output', 'dashboard.png');
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, verbose: () => undefined, fatal: console.error };

const notice = skipNotice();
if (notice) console.warn(notice);

/** The demo's world (a board, weeks of flow, a slot waiting for its deploy), looked at in a real Chromium. */
(browserTestRuns ? describe : describe.skip)('the dashboard in Chromium', () => {
  let db: TestDatabase;
  let demo: Demo;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    demo = await startDemo({ databaseUrl: db.url, port: 0, logger: quiet });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await db?.drop();
  });

  it('asks for a token once and refuses an unknown one', async () => {
    await page.goto(`${demo.url}/`);
    await page.locator('#login').waitFor({ state: 'visible' });
    await page.fill('#token', 'not-a-token');
    await page.click('#login button');
    await expect(page.locator('#login-message').textContent()).resolves.toContain('refused');
    await page.waitForLoadState('networkidle'); // every call the refused token made has answered
    expect(problems.every((p) => p.includes('status of 401'))).toBe(true); // the refused token's calls
    problems.length = 0;
  });

  it('shows the slot with what it waits for, the ranked queue, and the charts', async () => {
    await page.fill('#token', demo.tokens.support);
    await page.click('#login button');
    await page.locator('body[data-loaded="true"]').waitFor();
    mkdirSync('test-output', { recursive: true });
    await page.screenshot({ path: OUTPUT, fullPage: true }); // before the checks: a failure leaves the picture
    const slot = page.locator('#slot');
    await expect(slot.textContent()).resolves.toMatch(/QAOPS-7.*PDF statement.*Waiting for deploy to D/s);
    await expect(slot.locator('a.key').getAttribute('href')).resolves.toBe(`${demo.jiraUrl}/browse/QAOPS-7`);
    await expect(page.locator('#designated').textContent()).resolves.toBe('Designated: ben.okafor · sprint 42');
    await expect(page.locator('#ready li .key').allTextContents()).resolves.toEqual(['QAOPS-8', 'QAOPS-9', 'QAOPS-10', 'QAOPS-11', 'QAOPS-16']);
    await expect(page.locator('#ready li .forecast b').count()).resolves.toBe(5); // five deployed fixes: enough history for a forecast
    await expect(page.locator('#ready li .forecast').first().getAttribute('title')).resolves.toMatch(/^Deploy to D: 50% likely by .*, 85% by .* \(from 5 fixes\)$/);
    await expect(page.locator('#triage li').count()).resolves.toBe(5);
    await expect(page.locator('#chart-cycle svg circle.sample').count()).resolves.toBe(5);
    await expect(page.locator('#chart-cycle svg line.pct-line').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#chart-cycle svg').textContent()).resolves.toMatch(/p50.*p95/s);
    await expect(page.locator('#chart-throughput svg rect.bar').count()).resolves.toBe(4);
    await expect(page.locator('#chart-aging svg rect.age-bar').count()).resolves.toBe(1);
    await expect(page.locator('#violations tbody tr').count()).resolves.toBe(2);
    await expect(page.locator('#changes').textContent()).resolves.toContain('restricted to the project role');
    await expect(page.locator('#sla tbody tr').count()).resolves.toBeGreaterThan(0);
    expect(problems).toEqual([]);
    if (process.env.SAVE_DOCS_SCREENSHOT === '1') copyFileSync(OUTPUT, join('docs', 'dashboard.png'));
  });

  it('keeps the token for the tab: a reload shows the data without asking again', async () => {
    await page.reload();
    await page.locator('body[data-loaded="true"]').waitFor();
    await expect(page.locator('#login').isHidden()).resolves.toBe(true);
    expect(problems).toEqual([]);
  });
});
