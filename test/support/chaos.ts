import pg from 'pg';
import type { JiraSimulator } from '../../jira-sim';
import { Prng } from '../../jira-sim/prng';

/** A seeded random source (the simulator's mulberry32), so a failing chaos run can be replayed. */
export function prng(seed: number): () => number {
  const source = new Prng(seed);
  return () => source.next();
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every Jira change the service decided is done (or failed) and nothing is being sent. */
export async function outboxSettled(url: string): Promise<boolean> {
  const [row] = await query<{ open: string }>(url, `SELECT count(*) AS open FROM jira_change WHERE status = 'pending'`);
  return Number(row.open) === 0;
}

export async function inboxSettled(url: string): Promise<boolean> {
  const [row] = await query<{ open: string }>(url, `SELECT count(*) AS open FROM webhook_event WHERE status = 'pending'`);
  return Number(row.open) === 0;
}

/** A change applied twice would show as two writes for one command: compare the simulator with the outbox. */
export async function changesAppliedTwice(url: string, sim: JiraSimulator, serviceAccount: string): Promise<string[]> {
  const commented = new Map<string, number>();
  for (const issue of sim.rankOrder()) {
    for (const c of sim.comments(issue)) {
      if (c.authorId !== serviceAccount) continue;
      const id = (c.properties['support-flow-orchestrator'] as { commandId?: string } | undefined)?.commandId ?? `text:${issue}:${c.text}`;
      commented.set(id, (commented.get(id) ?? 0) + 1);
    }
  }
  const twice = [...commented.entries()].filter(([, n]) => n > 1).map(([id]) => `comment ${id}`);
  // a transition written to Jira more often than the service decided one for that issue was applied twice
  // (a decided one may have been written before a crash and found done at the retry: outcome already_done)
  const decided = await query<{ key: string; n: string }>(
    url,
    `SELECT ordering_key AS key, count(*) AS n FROM jira_change WHERE kind = 'transition' AND status = 'done' GROUP BY ordering_key`,
  );
  const decidedFor = new Map(decided.map((r) => [r.key, Number(r.n)]));
  const written = new Map<string, number>();
  for (const w of sim.writes({ method: 'POST', pathIncludes: '/transitions' })) {
    const key = /\/issue\/([^/]+)\/transitions/.exec(w.path)?.[1] ?? w.path;
    written.set(key, (written.get(key) ?? 0) + 1);
  }
  for (const [key, n] of written) if (n > (decidedFor.get(key) ?? 0)) twice.push(`transitions of ${key}: ${n} written, ${decidedFor.get(key) ?? 0} decided`);
  return twice;
}

/** Quiet means: nothing queued in the simulator, nothing pending in the service, and it stays so for a moment. */
export async function quiet(url: string, sim: JiraSimulator, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let calm = 0;
  while (calm < 3) {
    if (Date.now() > deadline) throw new Error('The service and the simulator did not go quiet');
    const deliveries = sim.deliveries.length;
    await sim.idle();
    const settled = (await inboxSettled(url)) && (await outboxSettled(url)) && sim.deliveries.length === deliveries;
    calm = settled ? calm + 1 : 0;
    await new Promise((r) => setTimeout(r, 150));
  }
}
