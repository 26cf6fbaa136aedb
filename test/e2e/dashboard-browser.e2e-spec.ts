import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type Demo } from '../../demo/demo';
import { browserTestRuns, launchChromium, skipNotice } from '../browser/chromium';
import { story } from '../support/story';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const OUTPUT = join('test-output', 'dashboard.png');
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, verbose: () => undefined, fatal: console.error };

const notice = skipNotice();
if (notice) console.warn(notice);

/** The demo's world (a board, weeks of flow, a slot waiting for its deploy), looked at in a real Chromium. */
(browserTestRuns ? describe : describe.skip)('the dashboard in Chromium', () => {
  // one tab through the whole file: signed in, then each role's view, then actions that change the demo's world
  const step = story('the dashboard in Chromium');
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

  step('asks for a token once and refuses an unknown one', async () => {
    await page.goto(`${demo.url}/`);
    await page.locator('#login').waitFor({ state: 'visible' });
    await page.fill('#token', 'not-a-token');
    await page.click('#login button');
    await page.locator('#login-message', { hasText: 'refused' }).waitFor();
    await page.waitForLoadState('networkidle'); // every call the refused token made has answered
    expect(problems.every((p) => p.includes('status of 401'))).toBe(true); // the refused token's calls
    problems.length = 0;
  });

  step('shows the slot with what it waits for, the ranked queue, and the charts', async () => {
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
    await expect(page.locator('#ready li .forecast').first().getAttribute('title')).resolves.toMatch(
      /^Deploy to D: 50% likely by .*, 85% by .* \(from 5 fixes\)$/,
    );
    await expect(page.locator('#triage li').count()).resolves.toBe(6); // read from Jira: the sixth, created in Jira, is one the service has not learned yet (its webhook is quarantined)
    await expect(page.locator('#chart-cycle svg circle.sample').count()).resolves.toBe(5);
    await expect(page.locator('#chart-cycle svg line.pct-line').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#chart-cycle svg').textContent()).resolves.toMatch(/p50.*p95/s);
    await expect(page.locator('#chart-throughput svg rect.bar').count()).resolves.toBe(4);
    await expect(page.locator('#chart-aging svg rect.age-bar').count()).resolves.toBe(1);
    await expect(page.locator('#violations tbody tr').count()).resolves.toBe(2);
    await expect(page.locator('#changes').textContent()).resolves.toContain('restricted to the project role');
    // the client SLA as JSM reports it (the demo's clocks: one breached, one at risk, one paused), beside the 3rd-line targets
    await expect(page.locator('#sla tbody tr').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#sla .sla-chip.breached').count()).resolves.toBe(1);
    await expect(page.locator('#sla .sla-chip.at-risk').count()).resolves.toBe(1);
    await expect(page.locator('#sla').textContent()).resolves.toContain(
      "3rd-line targets (this flow's own measure, working time Mon-Fri 09:00-17:30 Europe/London)",
    );
    await expect(page.locator('#slot .sla-chip.jsm.paused').textContent()).resolves.toMatch(/^SUP-107 Time to resolution · paused · .* left$/);
    await expect(page.locator('#ready .sla-chip.jsm.met').count()).resolves.toBe(5);
    expect(problems).toEqual([]);
    if (process.env.SAVE_DOCS_SCREENSHOT === '1') copyFileSync(OUTPUT, join('docs', 'dashboard.png'));
  });

  step('keeps the token for the tab: a reload shows the data without asking again', async () => {
    await page.reload();
    await page.locator('body[data-loaded="true"]').waitFor();
    await expect(page.locator('#login').isHidden()).resolves.toBe(true);
    expect(problems).toEqual([]);
  });

  describe('actions, each for its role only, confirmed first, refusals shown in the page', () => {
    /** The tab signs in with `token` (as the login form does) and shows the page for its role. */
    const as = async (token: string) => {
      await page.evaluate(`sessionStorage.setItem('orchestrator.dashboard.token', ${JSON.stringify(token)})`);
      await page.reload();
      await page.locator('body[data-loaded="true"]').waitFor();
    };
    const message = () => page.locator('#action-message');
    /** Clicks the action, checks the confirmation names what it will do, and confirms (with a reason when asked). */
    const confirm = async (button: ReturnType<Page['locator']>, says: RegExp, reason?: string) => {
      await button.click();
      await page.locator('#confirm').waitFor({ state: 'visible' });
      await expect(page.locator('#confirm-text').textContent()).resolves.toMatch(says);
      if (reason !== undefined) await page.fill('#confirm-reason', reason);
      await page.click('#confirm-ok');
      await message().waitFor({ state: 'visible' });
      return (await message().textContent()) ?? '';
    };
    const api = async (path: string, token = demo.tokens.admin) =>
      (await fetch(`${demo.url}${path}`, { headers: { Authorization: `Bearer ${token}` } })).json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    /** Chromium logs every 4xx answer of fetch itself; the page shows them, so only those expected may appear. */
    const onlyRefusals = (...statuses: number[]) => {
      expect(problems.filter((p) => !statuses.some((s) => p.includes(`status of ${s}`)))).toEqual([]);
      problems.length = 0;
    };

    for (const role of ['support', 'po', 'ci'] as const) {
      step(`${role} sees no action and no quarantined webhooks`, async () => {
        await as(demo.tokens[role]);
        await expect(page.locator('button.action').count()).resolves.toBe(0);
        await expect(page.locator('#quarantined-card').isHidden()).resolves.toBe(true);
        expect(problems).toEqual([]);
      });
    }

    step('a developer who is not designated is offered the ticket it would take; cancel does nothing, confirm shows the API’s 403', async () => {
      await as(demo.tokens.ada);
      await expect(page.locator('#me').textContent()).resolves.toBe('Ada (developer) · developer');
      await expect(page.locator('button.action').allTextContents()).resolves.toEqual(['Pick up next: QAOPS-8']);
      await page.click('button.pick-up');
      await expect(page.locator('#confirm-text').textContent()).resolves.toContain('QAOPS-8');
      await page.click('#confirm-cancel');
      await expect(message().isHidden()).resolves.toBe(true);
      const said = await confirm(page.locator('button.pick-up'), /Take QAOPS-8 \(.+\), the top of Ready for sprint/);
      expect(said).toBe('Pick up next was refused: Only the designated developer of this sprint (ben.okafor) may pick up 3rd-line tickets (not_designated)');
      await expect(message().getAttribute('class')).resolves.toContain('error');
      onlyRefusals(403);
    });

    step('the designated developer is refused while the slot waits for its deploy: the 409 says which ticket holds it', async () => {
      await as(demo.tokens.ben);
      const said = await confirm(page.locator('button.pick-up'), /QAOPS-8/);
      expect(said).toMatch(/^Pick up next was refused: QAOPS-7 holds the slot since .* waiting for its deploy to D \(slot_occupied\)$/);
      onlyRefusals(409);
    });

    step('the admin sees Release slot, Retry and Abandon on each failed change and Replay on each quarantined webhook, and no pickup', async () => {
      await as(demo.tokens.admin);
      await page.screenshot({ path: join('test-output', 'dashboard-admin.png'), fullPage: true });
      await expect(page.locator('button.pick-up').count()).resolves.toBe(0);
      await expect(page.locator('#slot button.release').count()).resolves.toBe(1);
      await expect(page.locator('#changes button.retry').count()).resolves.toBe(2);
      await expect(page.locator('#changes button.abandon').count()).resolves.toBe(2);
      await expect(page.locator('#quarantined-card').isVisible()).resolves.toBe(true);
      await expect(page.locator('#quarantined tbody tr').count()).resolves.toBe(1);
      await expect(page.locator('#quarantined').textContent()).resolves.toMatch(/jira:issue_created.*You do not have permission to view this board/s);
      expect(problems).toEqual([]);
    });

    step('Release slot without a reason shows the API’s 400; with one, the slot is free', async () => {
      const release = page.locator('#slot button.release');
      expect(await confirm(release, /Release QAOPS-7 from the slot/, '')).toContain('Release slot was refused: Invalid request: reason is required');
      onlyRefusals(400);
      expect(await confirm(page.locator('#slot button.release'), /QAOPS-7/, 'deployed to D by hand during the CI outage')).toBe(
        'Released QAOPS-7 from the slot.',
      );
      await expect(page.locator('#slot .free').textContent()).resolves.toBe('Free');
      const released = (await api('/api/tickets/QAOPS-7')).auditEvents.filter((e: { type: string }) => e.type === 'slot.released');
      expect(released.at(-1).data).toMatchObject({ reason: 'forced', cause: 'deployed to D by hand during the CI outage' });
    });

    step('Retry sends the failed change again and it is made; Abandon gives the other up with its reason', async () => {
      const row = (text: string) => page.locator('#changes tbody tr', { hasText: text });
      const retryKey = (await row('restricted to the project role').locator('a.key').textContent())!;
      expect(await confirm(row('restricted to the project role').locator('button.retry'), /Send "comment on QAOPS-\d+" to Jira again/)).toMatch(
        /^Jira change \d+ \(comment on QAOPS-\d+\) is queued again\.$/,
      );
      await waitUntil(
        async () =>
          (await api(`/api/tickets/${retryKey}`)).jiraChanges.failed.length === 0 && (await api(`/api/tickets/${retryKey}`)).jiraChanges.pending.length === 0,
      );
      const abandonKey = (await row('permission to add comments').locator('a.key').textContent())!;
      expect(
        await confirm(
          row('permission to add comments').locator('button.abandon'),
          /Give up "comment on QAOPS-\d+" for good/,
          'the violation was talked through at the retro',
        ),
      ).toMatch(/is abandoned\.$/);
      await page.reload();
      await page.locator('body[data-loaded="true"]').waitFor();
      await expect(page.locator('#changes button.retry').count()).resolves.toBe(0);
      const abandoned = (await api(`/api/tickets/${abandonKey}`)).jiraChanges.abandoned;
      expect(abandoned).toEqual([expect.objectContaining({ kind: 'comment', abandonReason: 'the violation was talked through at the retro' })]);
      expect(problems).toEqual([]);
    });

    step('Replay applies the quarantined webhook: the service learns the bug created in Jira and flags it as unlinked', async () => {
      const key = (await page.locator('#quarantined tbody tr a.key').textContent())!;
      expect((await api(`/api/tickets/${key}`)).ticket).toBeNull(); // only its quarantine is on record
      expect(await confirm(page.locator('#quarantined button.replay'), new RegExp(`jira:issue_created of ${key}`))).toMatch(/is queued to be applied again\.$/);
      await waitUntil(async () => (await api(`/api/tickets/${key}`)).ticket?.column === 'triage');
      await page.reload();
      await page.locator('body[data-loaded="true"]').waitFor();
      await expect(page.locator('#quarantined').textContent()).resolves.toContain('No webhook is quarantined');
      const record = await api(`/api/tickets/${key}`);
      expect(record.auditEvents.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining(['webhook.quarantined', 'webhook.replayed', 'ticket.status_changed', 'service_desk.unlinked_flagged']),
      );
      expect(problems).toEqual([]);
    });

    step('with the slot free, the designated developer picks up the ticket the button named', async () => {
      await as(demo.tokens.ben);
      await expect(page.locator('button.pick-up').textContent()).resolves.toBe('Pick up next: QAOPS-8');
      expect(await confirm(page.locator('button.pick-up'), /QAOPS-8/)).toMatch(/^Picked up QAOPS-8 /);
      await expect(page.locator('#slot .slot-key a.key').textContent()).resolves.toBe('QAOPS-8');
      expect(problems).toEqual([]);
    });

    step('the ticket page tells the ticket’s story: webhooks seen, decisions, Jira changes with Jira’s answers, notes', async () => {
      await page.goto(`${demo.url}/tickets/QAOPS-6`);
      await page.locator('body[data-loaded="true"]').waitFor();
      await page.screenshot({ path: join('test-output', 'ticket.png'), fullPage: true });
      const items = page.locator('#timeline li');
      const text = async (type: string) => (await page.locator(`#timeline li[data-type="${type}"]`).allTextContents()).join('\n');
      await expect(page.locator('#heading-key').textContent()).resolves.toBe('QAOPS-6');
      expect(await items.count()).toBeGreaterThan(10);
      expect(await text('ticket.status_changed')).toMatch(/Status Triage → Ready for sprint/);
      expect(await text('violation')).toMatch(/Violation: slot occupied \(reverted\)/);
      expect(await text('jira.change_failed')).toContain('Comments on this issue are restricted to the project role "Developers".');
      expect(await text('jira.change_retried')).toMatch(/retried by ADMIN_TOKEN/);
      expect(await text('slot.pickup')).toMatch(/Picked up by ben\.okafor \(through the API\)/);
      expect(await text('note')).toMatch(/Internal note on SUP-106: “.+”.*Jira accepted it/s);
      await expect(page.locator('#changes tbody tr').count()).resolves.toBeGreaterThan(2);
      await expect(page.locator('#facts').textContent()).resolves.toContain('SUP-106');
      // a ticket whose client clock JSM reports breached: JSM's clocks first, then the 3rd-line targets, named so
      await page.goto(`${demo.url}/tickets/QAOPS-5`);
      await page.locator('body[data-loaded="true"]').waitFor();
      await expect(page.locator('#facts .sla-chip.jsm').allTextContents()).resolves.toEqual([
        'SUP-105 Time to first response · met',
        'SUP-105 Time to resolution · breached',
      ]);
      await expect(page.locator('#facts .sla-chip.third-line .sla-name').allTextContents()).resolves.toEqual([
        '3rd-line: triage → pickup',
        '3rd-line: triage → deployed to D',
      ]);
      expect(await text('sla.breached')).toMatch(/Client SLA "Time to resolution" breached on SUP-105 \(JSM\)/);
      expect(problems).toEqual([]);
    });

    step('support attaches another client ticket on the ticket page; the second time the API refuses it and the page says why', async () => {
      await page.goto(`${demo.url}/tickets/QAOPS-5`);
      await as(demo.tokens.ben);
      await expect(page.locator('button.action.attach').count()).resolves.toBe(0); // a developer may not
      await as(demo.tokens.support);
      const attach = page.locator('button.action.attach');
      expect(await confirm(attach, /^Attach another client ticket to QAOPS-5\?/, 'sup-101')).toBe(
        'SUP-101 is attached to QAOPS-5; its client tickets: SUP-105, SUP-101.',
      );
      await page.locator('body[data-loaded="true"]').waitFor();
      await expect(page.locator('#facts').textContent()).resolves.toMatch(/Client tickets\s*SUP-105, SUP-101/);
      // who attached it, by name (a token's name, never its id)
      await expect(page.locator('#timeline li[data-type="service_desk.attached"]').last().textContent()).resolves.toMatch(
        /Client ticket SUP-101 attached.*by token “Sam \(support\)”/,
      );
      expect(await confirm(attach, /^Attach another client ticket/, 'SUP-101')).toMatch(/^Attach a client ticket was refused: .*\(already_linked\)$/);
      onlyRefusals(409);
    });
  });
});

async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
