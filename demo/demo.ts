import type { LoggerService } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ForecastNotesJob } from '../src/forecast/forecast-notes.job';
import { ClientSlaWatch } from '../src/service-desk/client-sla.watch';
import { ThirdLineTargets } from '../src/service-desk/third-line-targets.monitor';
import { JiraSimulator } from '../jira-sim';
import { startDemoApp } from './demo-app';
import { SetBackClock } from '../src/common/set-back-clock';
import { DemoDriver, type DemoTokens } from './demo-driver';
import { seedDemoSla, seedDemoSlaAtStart } from './demo-sla';
import { CLIENT_TICKETS, PEOPLE, QA_BOARD, seedDemoSite, SPRINT_BOARD } from './demo-site';
import { day, DemoStory } from './demo-story';
import { JiraBrowseProxy } from './jira-browse.proxy';
import { NotificationLogReceiver } from './notification-log.receiver';
import { startIdentityProvider } from './identity-provider';

const JIRA_EMAIL = 'svc-orchestrator@example.com';
const JIRA_API_TOKEN = 'demo-jira-api-token';

/** A person per role, as the demo's roster has them (the developers with their Jira accounts). */
const DEMO_PEOPLE = [
  { email: 'priya@demo.example', role: 'po' },
  { email: 'ben@demo.example', role: 'developer', accountId: PEOPLE.ben },
  { email: 'ada@demo.example', role: 'developer', accountId: PEOPLE.ada },
  { email: 'sam@demo.example', role: 'support' },
  { email: 'root@demo.example', role: 'admin' },
];

export interface Demo {
  url: string;
  jiraUrl: string;
  tokens: DemoTokens;
  /** the people who may sign in through the demo's provider (email → role), when it runs one */
  people: { email: string; role: string; accountId?: string }[];
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
  seedDemoSlaAtStart(
    sim,
    CLIENT_TICKETS.map(([key]) => key),
    clock.now(),
  );
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
    // people sign in through an OpenID provider of its own when the port is known (the redirect URI names it)
    const publicUrl = opts.port > 0 ? `http://127.0.0.1:${opts.port}` : null;
    const client = { id: 'demo-flow', secret: randomBytes(16).toString('hex') };
    const idp = publicUrl ? await startIdentityProvider({ redirectUri: `${publicUrl}/auth/callback`, clientId: client.id, clientSecret: client.secret }) : null;
    if (idp) closers.push(() => idp.close());
    const signIn: Record<string, string> = idp
      ? { PUBLIC_URL: publicUrl!, OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: client.id, OIDC_CLIENT_SECRET: client.secret, OIDC_PROVIDER_NAME: 'the demo SSO' }
      : {};
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
        SLA_CALENDAR: 'Mon-Fri 09:00-17:30 Europe/London',
        OUTBOX_BASE_DELAY_MS: '100',
        BOARD_REFRESH_SECONDS: '3600',
        NOTIFY_WEBHOOK_URLS: notifyUrl,
        NOTIFY_BASE_DELAY_MS: '200',
        ...signIn,
      },
    });
    closers.push(() => app.close());
    sim.setWebhookUrl(`${app.url}/webhooks/jira`); // what a Jira admin registers under Settings → System → WebHooks
    const tokens = await createTokens(app.url, admin);
    const people = idp ? DEMO_PEOPLE : [];
    if (idp) {
      const put = await fetch(`${app.url}/api/people`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(people),
      });
      if (!put.ok) throw new Error(`the demo's roster was refused: ${await put.text()}`);
    }
    const db = new pg.Pool({ connectionString: opts.databaseUrl, max: 2 });
    closers.push(() => db.end());
    const driver = new DemoDriver(app.url, sim, clock, db, tokens);
    await new DemoStory(driver).play();
    clock.moveTo(new Date()); // from here on the service runs on real time
    await seedDemoSla(sim, db, clock.now()); // the clocks JSM keeps on the open client tickets
    await app.app.get(ClientSlaWatch).check(); // read from JSM now, without waiting for the job's next round
    await app.app.get(ThirdLineTargets).check(); // the 3rd-line targets as of now
    await app.app.get(ForecastNotesJob).run(); // each Ready ticket's forecast, noted on its JSM ticket
    await driver.settle();
    await fetch(`${app.url}/metrics`); // the decision-latency histogram starts here: the played weeks would read as days of latency
    return { url: app.url, jiraUrl, tokens, people, close };
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
