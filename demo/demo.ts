import type { LoggerService } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ForecastNotesJob } from '../src/forecast/forecast-notes.job';
import { SlaMonitor } from '../src/service-desk/sla.monitor';
import { JiraSimulator } from '../jira-sim';
import { startDemoApp } from './demo-app';
import { SetBackClock } from '../src/common/set-back-clock';
import { DemoDriver, type DemoTokens } from './demo-driver';
import { PEOPLE, QA_BOARD, seedDemoSite, SPRINT_BOARD } from './demo-site';
import { day, DemoStory } from './demo-story';
import { JiraBrowseProxy } from './jira-browse.proxy';
import { NotificationLogReceiver } from './notification-log.receiver';

const JIRA_EMAIL = 'svc-orchestrator@example.com';
const JIRA_API_TOKEN = 'demo-jira-api-token';

export interface Demo {
  url: string;
  jiraUrl: string;
  tokens: DemoTokens;
  close(): Promise<void>;
}

/**
 * The simulated Jira site (behind a proxy that also serves `/browse/KEY`), a stand-in team channel
 * that hands each notification to `onNotification`, the real service on
 * `databaseUrl` (an empty, migrated-at-start database), the webhook registered, tokens for every
 * role, and the story played, so the dashboard has a board, a slot, flow history and violations.
 */
export async function startDemo(opts: { databaseUrl: string; port: number; logger: LoggerService; onNotification?: (line: string) => void }): Promise<Demo> {
  const clock = new SetBackClock();
  clock.startAt(day(-17, '08:00'));
  const webhookSecret = randomBytes(16).toString('hex');
  const sim = new JiraSimulator({
    email: JIRA_EMAIL,
    apiToken: JIRA_API_TOKEN,
    serviceAccountId: PEOPLE.service,
    webhookSecret,
    clock: () => clock.now().getTime(),
  });
  seedDemoSite(sim);
  await sim.start();
  const proxy = new JiraBrowseProxy(sim);
  const channel = new NotificationLogReceiver(opts.onNotification ?? (() => undefined));
  const closers: (() => Promise<unknown>)[] = [() => sim.stop(), () => proxy.stop(), () => channel.stop()];
  const close = async () => {
    sim.setWebhookUrl(undefined);
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    const jiraUrl = await proxy.start();
    const notifyUrl = await channel.start();
    const admin = `demo-admin-${randomBytes(12).toString('hex')}`;
    const app = await startDemoApp({
      databaseUrl: opts.databaseUrl,
      port: opts.port,
      clock,
      logger: opts.logger,
      env: {
        ADMIN_TOKEN: admin,
        JIRA_BASE_URL: jiraUrl,
        JIRA_EMAIL,
        JIRA_API_TOKEN,
        JIRA_WEBHOOK_SECRET: webhookSecret,
        QA_OPS_BOARD_ID: String(QA_BOARD),
        SPRINT_BOARD_ID: String(SPRINT_BOARD),
        TRIAGE_PROJECT: 'QAOPS',
        SERVICE_DESK_PROJECT: 'SUP',
        SLA_CHECK_SECONDS: '2',
        OUTBOX_BASE_DELAY_MS: '100',
        BOARD_REFRESH_SECONDS: '3600',
        NOTIFY_WEBHOOK_URLS: notifyUrl,
        NOTIFY_BASE_DELAY_MS: '200',
      },
    });
    closers.push(() => app.close());
    sim.setWebhookUrl(`${app.url}/webhooks/jira`); // what a Jira admin registers under Settings → System → WebHooks
    const tokens = await createTokens(app.url, admin);
    const db = new pg.Pool({ connectionString: opts.databaseUrl, max: 2 });
    closers.push(() => db.end());
    const driver = new DemoDriver(app.url, sim, clock, db, tokens);
    await new DemoStory(driver).play();
    clock.moveTo(new Date()); // from here on the service runs on real time
    await app.app.get(SlaMonitor).check(); // the breaches as of now, without waiting for the job's next round
    await app.app.get(ForecastNotesJob).run(); // each Ready ticket's forecast, noted on its JSM ticket
    await driver.settle();
    await fetch(`${app.url}/metrics`); // the decision-latency histogram starts here: the played weeks would read as days of latency
    return { url: app.url, jiraUrl, tokens, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function createTokens(url: string, admin: string): Promise<DemoTokens> {
  const create = async (name: string, role: string, accountId?: string) => {
    const res = await fetch(`${url}/api/tokens`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, role, accountId }),
    });
    if (res.status !== 201) throw new Error(`token ${name}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  };
  return {
    admin,
    po: await create('Priya (PO)', 'po'),
    ada: await create('Ada (developer)', 'developer', PEOPLE.ada),
    ben: await create('Ben (developer)', 'developer', PEOPLE.ben),
    ci: await create('CI deploy job', 'ci'),
    support: await create('Sam (support)', 'support'),
  };
}
