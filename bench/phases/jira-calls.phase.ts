import { join } from 'node:path';
import pg from 'pg';
import type { SimRequestLog } from '../../jira-sim';
import { newSimulator, seedBug, STATUS, USERS } from '../../test/support/jira-world';
import { ServiceProcess } from '../support/service-process';

export interface CallCount {
  /** calls to Jira per case, one entry per case */
  perCase: number[];
  /** method and path pattern → calls over all cases */
  byRoute: Record<string, number>;
}

export interface JiraCallsResult {
  pickups: CallCount;
  reverts: CallCount;
  releases: CallCount;
}

/** `/rest/api/3/issue/QAOPS-3/comment` → `/rest/api/3/issue/{key}/comment`: calls grouped by route, not by issue. */
export function routeOf(r: Pick<SimRequestLog, 'method' | 'path'>): string {
  const path = r.path.replace(/\/[A-Z][A-Z0-9]*-\d+(?=\/|$)/g, '/{key}').replace(/(?<!\/api)\/\d+(?=\/|$)/g, '/{id}');
  return `${r.method} ${path}`;
}

function count(windows: SimRequestLog[][]): CallCount {
  const byRoute: Record<string, number> = {};
  for (const r of windows.flat()) byRoute[routeOf(r)] = (byRoute[routeOf(r)] ?? 0) + 1;
  return { perCase: windows.map((w) => w.length), byRoute };
}

/**
 * What one pickup and one revert cost in calls to Jira, webhooks (echoes included) delivered as Jira
 * sends them, one case at a time until the service is quiet: `cycles` API pickups (each released by
 * a deploy to D, counted apart), and `cycles` pickups in Jira of a ticket not at the top, reverted.
 */
export async function measureJiraCalls(databaseUrl: string, logDir: string, cycles = 8): Promise<JiraCallsResult> {
  const { sim } = newSimulator({ delivery: 'ordered', searchIndexLagMs: 0 });
  const keys = Array.from({ length: 2 * cycles + 4 }, (_, i) => `QAOPS-${i + 1}`);
  for (const key of keys) seedBug(sim, { key, statusId: STATUS.ready });
  await sim.start();
  const service = await ServiceProcess.start(sim, databaseUrl, join(logDir, 'service-jira-calls.log'), [], { RECONCILE_SECONDS: '0' });
  sim.setWebhookUrl(`${service.url}/webhooks/jira`);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const quiet = async () => {
    for (let calm = 0; calm < 3;) {
      await sim.idle();
      const { rows } = await db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM webhook_event WHERE status = 'pending')::int + (SELECT count(*) FROM jira_change WHERE status = 'pending')::int AS n`,
      );
      calm = rows[0].n === 0 ? calm + 1 : 0;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const window = async (act: () => Promise<unknown> | void): Promise<SimRequestLog[]> => {
    await quiet();
    const from = sim.requests.length;
    await act();
    await quiet();
    return sim.requests.slice(from);
  };
  try {
    await service.api('PUT', '/api/rota', { accountId: USERS.dev1 });
    const token = async (role: string, accountId?: string) =>
      JSON.parse((await service.api('POST', '/api/tokens', { name: role, role, accountId })).body).token as string;
    const dev = await token('developer', USERS.dev1);
    const ci = await token('ci');
    const call = async (path: string, bearer: string, body: unknown) => {
      const answer = await service.send('POST', path, JSON.stringify(body), { 'content-type': 'application/json', authorization: `Bearer ${bearer}` });
      if (answer.status >= 300) throw new Error(`POST ${path} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      return JSON.parse(answer.body) as { key: string };
    };
    const pickups: SimRequestLog[][] = [];
    const releases: SimRequestLog[][] = [];
    // a first cycle, not counted, reads what the service keeps (board layout, its own account)
    for (let i = -1; i < cycles; i++) {
      let picked = '';
      const pickup = await window(async () => (picked = (await call('/api/pickups', dev, {})).key));
      const release = await window(() =>
        call('/api/deployments', ci, { id: `bench-deploy-${i}`, environment: 'D', status: 'successful', issueKeys: [picked] }),
      );
      if (i >= 0) pickups.push(pickup);
      if (i >= 0) releases.push(release);
    }
    const reverts: SimRequestLog[][] = [];
    for (let i = 0; i < cycles; i++) {
      const [, second] = keys.filter((k) => sim.issue(k)?.statusId === STATUS.ready);
      reverts.push(await window(() => sim.transition(second, STATUS.inProgress, USERS.dev1)));
    }
    return { pickups: count(pickups), reverts: count(reverts), releases: count(releases) };
  } finally {
    sim.setWebhookUrl(undefined);
    await db.end();
    await service.stop();
    await sim.stop();
  }
}
