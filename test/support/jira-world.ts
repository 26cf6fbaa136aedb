import { JiraSimulator } from '../../jira-sim';
import { PROJECT, QA_BOARD, realisticDelivery, seedSite, SPRINT_BOARD, USERS, type SiteOptions } from '../../jira-sim/world/site';
import { quiet } from './chaos';
import { startTestApp, type TestApp } from './test-app';

// the site is jira-sim/world/site.ts, the one the demo and the simulator's specs build on too
export { QA_BOARD, realisticDelivery, seedBug, SPRINT_BOARD, STATUS, USERS } from '../../jira-sim/world/site';
export const SPRINT = 10;
export const SECRET = 'webhook-secret-for-tests';

export interface World {
  sim: JiraSimulator;
  app: TestApp;
  /** nothing left to deliver, nothing pending in the service's inbox or outbox, for a moment (not just `sim.idle()`) */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** `qaBoard`: the process's layout (default, Triage and Ready for sprint only) or `mapsInProgress` (site.ts) */
export interface WorldOptions extends Pick<SiteOptions, 'qaBoard'> {
  /** 'realistic' (default): late, out of order, some twice, some only after a retry; 'ordered': one by one */
  delivery?: 'realistic' | 'ordered';
  /** how long Jira's search index lags a change (SearchIndex in jira-sim); default SEARCH_LAG_MS */
  searchIndexLagMs?: number;
}

/** Jira's search index lags "from a few seconds to minutes" (Atlassian): every world's does, by this much unless told */
export const SEARCH_LAG_MS = Number(process.env.SEARCH_LAG_MS ?? 1000);

/** The seed of the realistic webhook delivery: WEBHOOK_SEED, else a fixed one, so a red run replays. */
export const WEBHOOK_SEED = Number(process.env.WEBHOOK_SEED ?? 20261203);
let worldsStarted = 0;

/** The site of jira-sim/world/site.ts with sprints 10 (active) and 11 (future), the QA board as `options.qaBoard` says. */
export function seedSimulator(sim: JiraSimulator, options: WorldOptions = {}): void {
  seedSite(sim, { qaBoard: options.qaBoard, sprints: { active: SPRINT, future: SPRINT + 1 } });
}

export function jiraEnv(sim: JiraSimulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    JIRA_BASE_URL: sim.baseUrl,
    JIRA_EMAIL: 'svc@example.com',
    JIRA_API_TOKEN: 'sim-token',
    JIRA_WEBHOOK_SECRET: SECRET,
    QA_OPS_BOARD_ID: String(QA_BOARD),
    SPRINT_BOARD_ID: String(SPRINT_BOARD),
    TRIAGE_PROJECT: PROJECT.triage,
    SERVICE_DESK_PROJECT: PROJECT.serviceDesk,
    OUTBOX_BASE_DELAY_MS: '50',
    // a lost answer's retry waits this long at the soonest (the write may still be under way): short in tests
    JIRA_TIMEOUT_MS: '1500',
    ...extra,
  };
}

export function newSimulator(options: WorldOptions = {}): { sim: JiraSimulator; seed: number | null } {
  // a real site also sends jira:issue_updated (issue_commented) for every comment, the service's own included
  const sim = new JiraSimulator({
    email: 'svc@example.com',
    apiToken: 'sim-token',
    serviceAccountId: USERS.service,
    webhookSecret: SECRET,
    issueCommentedEvents: true,
  });
  seedSimulator(sim, options);
  sim.setSearchIndexLag(options.searchIndexLagMs ?? SEARCH_LAG_MS);
  const seed = options.delivery === 'ordered' ? null : WEBHOOK_SEED + worldsStarted++;
  if (seed !== null) sim.setDelivery(realisticDelivery(seed));
  return { sim, seed };
}

export async function startWorld(extraEnv: Record<string, string> = {}, options: WorldOptions = {}): Promise<World> {
  const { sim, seed } = newSimulator(options);
  currentSeed = seed;
  await sim.start();
  const app = await startTestApp(jiraEnv(sim, extraEnv));
  sim.setWebhookUrl(`${app.url}/webhooks/jira`);
  return {
    sim,
    app,
    settled: () => quiet(app.db.url, sim),
    close: async () => {
      sim.setWebhookUrl(undefined);
      await app.close();
      await sim.stop();
    },
  };
}

let currentSeed: number | null = null;

export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const seed = currentSeed === null ? '' : `; webhook delivery seed ${currentSeed}, replay with WEBHOOK_SEED=${WEBHOOK_SEED}`;
      throw new Error(`Timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)}${seed})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
