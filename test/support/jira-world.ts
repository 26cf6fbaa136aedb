import { JiraSimulator } from '../../jira-sim';
import type { DeliveryOptions } from '../../jira-sim';
import { quiet } from './chaos';
import { startTestApp, type TestApp } from './test-app';

export const STATUS = { triage: '10001', ready: '10002', inProgress: '3', inReview: '10004', done: '10005', toDo: '10006' } as const;
export const USERS = { service: 'svc-orchestrator', dev1: 'dev-ada', dev2: 'dev-bob', po: 'po-pia', support: 'sup-sam' } as const;
export const QA_BOARD = 1;
export const SPRINT_BOARD = 2;
export const SPRINT = 10;
export const SECRET = 'webhook-secret-for-tests';

export interface World {
  sim: JiraSimulator;
  app: TestApp;
  /** nothing left to deliver, nothing pending in the service's inbox or outbox, for a moment (not just `sim.idle()`) */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /**
   * The process's layout (default): the QA/Operations board has the columns Triage and Ready for sprint
   * only, so a ticket in progress is not on it. `mapsInProgress` adds a column for the later statuses.
   */
  qaBoard?: 'process' | 'mapsInProgress';
  /** 'realistic' (default): late, out of order, some twice, some only after a retry; 'ordered': one by one */
  delivery?: 'realistic' | 'ordered';
}

/** The seed of the realistic webhook delivery: WEBHOOK_SEED, else a fixed one, so a red run replays. */
export const WEBHOOK_SEED = Number(process.env.WEBHOOK_SEED ?? 20261203);
let worldsStarted = 0;

/** Jira's delivery as its documentation describes it: delayed, in no promised order, sometimes twice, retried. */
export function realisticDelivery(seed: number): DeliveryOptions {
  return { jitterMs: 120, duplicateRate: 0.1, lostFirstAttemptRate: 0.05, retryOnFailure: true, maxAttempts: 6, retryDelayMs: 150, seed };
}

/** A Jira site like the product expects: a QA/Operations board, a Sprint Work board with an active sprint, a JSM project. */
export function seedSimulator(sim: JiraSimulator, options: WorldOptions = {}): void {
  for (const [id, name, category] of [
    [STATUS.triage, 'Triage', 'new'], [STATUS.ready, 'Ready for sprint', 'new'], [STATUS.inProgress, 'In Progress', 'indeterminate'],
    [STATUS.inReview, 'In Review', 'indeterminate'], [STATUS.done, 'Done', 'done'], [STATUS.toDo, 'To Do', 'new'], ['1', 'Waiting for support', 'new'],
  ] as const) sim.addStatus({ id, name, category });
  sim.addProject({ key: 'QAOPS', type: 'software', initialStatusId: STATUS.triage });
  sim.addProject({ key: 'SUP', type: 'service_desk', serviceDeskId: '1', initialStatusId: '1' });
  for (const u of [USERS.dev1, USERS.dev2, USERS.po, USERS.support]) sim.addUser({ accountId: u, displayName: u });
  const laterColumn = options.qaBoard === 'mapsInProgress' ? [{ name: 'Elsewhere', statusIds: [STATUS.inProgress, STATUS.inReview, STATUS.done] }] : [];
  sim.addBoard({
    id: QA_BOARD, name: 'QA/Operations', jql: 'project = QAOPS AND labels = 3rd-line ORDER BY Rank ASC',
    columns: [{ name: 'Triage', statusIds: [STATUS.triage] }, { name: 'Ready for sprint', statusIds: [STATUS.ready] }, ...laterColumn],
  });
  sim.addBoard({
    id: SPRINT_BOARD, name: 'Sprint Work', jql: 'project = QAOPS ORDER BY Rank ASC',
    columns: [{ name: 'To Do', statusIds: [STATUS.toDo] }, { name: 'In Progress', statusIds: [STATUS.inProgress] }, { name: 'In Review', statusIds: [STATUS.inReview] }, { name: 'Done', statusIds: [STATUS.done] }],
  });
  sim.addSprint({ id: SPRINT, boardId: SPRINT_BOARD, name: 'Sprint 10', state: 'active' });
  sim.addSprint({ id: SPRINT + 1, boardId: SPRINT_BOARD, name: 'Sprint 11', state: 'future' });
  // the admin webhook is registered over JQL that covers the JSM project and both boards (README)
  sim.setWebhookFilter('project in (QAOPS, SUP)');
}

/** A 3rd-line bug as the product expects it: linked to its own service desk ticket (seeded, no webhooks). */
export function seedBug(sim: JiraSimulator, bug: { key: string; summary?: string; statusId: string; labels?: string[] }): void {
  const number = bug.key.split('-')[1];
  sim.seedIssue({ key: `SUP-${number}`, project: 'SUP', summary: `client ticket for ${bug.key}`, statusId: '1', issueType: 'Bug' });
  sim.seedIssue({ key: bug.key, summary: bug.summary ?? `bug ${bug.key}`, statusId: bug.statusId, labels: bug.labels ?? ['3rd-line'] });
  sim.seedLink('Relates', bug.key, `SUP-${number}`);
}

export function jiraEnv(sim: JiraSimulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    JIRA_BASE_URL: sim.baseUrl, JIRA_EMAIL: 'svc@example.com', JIRA_API_TOKEN: 'sim-token', JIRA_WEBHOOK_SECRET: SECRET,
    QA_OPS_BOARD_ID: String(QA_BOARD), SPRINT_BOARD_ID: String(SPRINT_BOARD), TRIAGE_PROJECT: 'QAOPS', SERVICE_DESK_PROJECT: 'SUP',
    OUTBOX_BASE_DELAY_MS: '50', ...extra,
  };
}

export function newSimulator(options: WorldOptions = {}): { sim: JiraSimulator; seed: number | null } {
  // a real site also sends jira:issue_updated (issue_commented) for every comment, the service's own included
  const sim = new JiraSimulator({ email: 'svc@example.com', apiToken: 'sim-token', serviceAccountId: USERS.service, webhookSecret: SECRET, issueCommentedEvents: true });
  seedSimulator(sim, options);
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
