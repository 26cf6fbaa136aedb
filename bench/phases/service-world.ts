import { join } from 'node:path';
import pg from 'pg';
import { JiraSimulator } from '../../jira-sim';
import { SECRET, seedBug, seedSimulator, SPRINT, STATUS, USERS } from '../../test/support/jira-world';
import { signedHeaders } from '../support/intake-bodies';
import { ServiceProcess } from '../support/service-process';
import { trackAll } from '../support/tracked-tickets';

/** bugs of a PO's bulk edit: tracked and linked before it, edited once each */
export const BULK_BUGS = 1000;
const BULK_FIRST = 1001;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface DecisionResult {
  key: string;
  sentAt: number;
  status: number;
  /** the n-th pickup webhook of this ticket: paired with the n-th revert of it (events of one issue are applied in order) */
  nth: number;
}

/**
 * The service on the Jira simulator: two boards, an active sprint, a rota, and a Ready for sprint
 * queue of `readyTickets` bugs QAOPS-1…QAOPS-n in rank order, each linked to its service desk
 * ticket. A decision is the designated developer moving a bug other than QAOPS-1 to In Progress in
 * Jira: the service must revert it (not_top_of_queue). The bugs take turns, so the queue keeps a
 * realistic length.
 */
export class ServiceWorld {
  readonly sim: JiraSimulator;
  service?: ServiceProcess;
  db?: pg.Pool;
  private readonly bodies = new Map<string, Json>();
  private readonly sentPerKey = new Map<string, number>();
  private sends = 0;

  constructor(
    private readonly databaseUrl: string,
    private readonly readyTickets: number,
    private readonly runId: string,
  ) {
    this.sim = new JiraSimulator({ email: 'svc@example.com', apiToken: 'sim-token', serviceAccountId: USERS.service, webhookSecret: SECRET });
    seedSimulator(this.sim);
    for (let i = 1; i <= readyTickets; i++) seedBug(this.sim, { key: `QAOPS-${i}`, statusId: STATUS.ready });
    for (let i = BULK_FIRST; i < BULK_FIRST + BULK_BUGS; i++) seedBug(this.sim, { key: `QAOPS-${i}`, statusId: STATUS.triage, labels: ['3rd-line', 'bulk'] });
  }

  get url(): string {
    return this.service!.url;
  }

  async start(logDir: string, nodeArgs: string[] = []): Promise<void> {
    await this.sim.start(); // no webhook URL: the bench sends every webhook itself (echoes of the service's own changes are not delivered)
    this.service = await ServiceProcess.start(this.sim, this.databaseUrl, join(logDir, 'service.log'), nodeArgs);
    this.db = new pg.Pool({ connectionString: this.databaseUrl, max: 2 });
    await this.service.api('PUT', '/api/rota', { accountId: USERS.dev1, sprintId: SPRINT });
    // The pickup webhook of each bug, as Jira's would read; the move is undone in the simulator at
    // once (undelivered), so the service's revert finds the bug back in Ready and the queue stays put.
    for (let i = 2; i <= this.readyTickets; i++) {
      this.sim.transition(`QAOPS-${i}`, STATUS.inProgress, USERS.dev1);
      this.sim.transition(`QAOPS-${i}`, STATUS.ready, USERS.dev1);
    }
    for (const body of this.sim.emitted() as Json[]) {
      const toInProgress = body.changelog?.items?.some((i: Json) => i.fieldId === 'status' && i.to === STATUS.inProgress);
      if (body.webhookEvent === 'jira:issue_updated' && toInProgress) this.bodies.set(String(body.issue.key), body);
    }
    if (this.bodies.size !== this.readyTickets - 1)
      throw new Error(`expected ${this.readyTickets - 1} pickup webhooks from the simulator, got ${this.bodies.size}`);
    await trackAll(this.databaseUrl, { baseUrl: this.sim.baseUrl, email: 'svc@example.com', apiToken: 'sim-token' }, 'labels = bulk', { linked: true });
  }

  /**
   * The webhooks of a PO's bulk edits in Jira: a label changed on each of the BULK_BUGS tracked bugs, `edits` times, as
   * Jira's would read (made in the simulator, not delivered; the bench sends them).
   */
  bulkEditBodies(edits = 3): Json[] {
    const before = this.sim.emitted().length;
    for (let e = 1; e <= edits; e++) {
      for (let i = BULK_FIRST; i < BULK_FIRST + BULK_BUGS; i++) this.sim.setLabels(`QAOPS-${i}`, ['3rd-line', 'bulk', `release-${e}`], USERS.po);
    }
    return (this.sim.emitted() as Json[]).slice(before);
  }

  /** Sends the next bug's pickup webhook (QAOPS-2, -3, … in turn), stamped and signed now. */
  async sendDecision(): Promise<DecisionResult> {
    const n = this.sends++;
    const key = `QAOPS-${2 + (n % (this.readyTickets - 1))}`;
    const body = this.bodies.get(key)!;
    body.timestamp = Date.now();
    const raw = JSON.stringify(body);
    const headers = signedHeaders(raw, SECRET, `${this.runId}-decision-${n}`);
    const nth = this.sentPerKey.get(key) ?? 0;
    this.sentPerKey.set(key, nth + 1);
    const sentAt = Date.now();
    const { status } = await this.service!.send('POST', '/webhooks/jira', raw, headers);
    return { key, sentAt, status, nth };
  }

  /** Any webhook body, stamped and signed now, with its own identifier. */
  async sendWebhook(body: Json, id: string): Promise<number> {
    const raw = JSON.stringify({ ...body, timestamp: Date.now() });
    return (await this.service!.send('POST', '/webhooks/jira', raw, signedHeaders(raw, SECRET, `${this.runId}-${id}`))).status;
  }

  /** key → when each of its reverts was written to the outbox (jira_change.created_at, ms since epoch), in order. */
  async reverts(): Promise<Map<string, number[]>> {
    const { rows } = await this.db!.query<{ key: string; at: number }>(
      `SELECT payload->>'key' AS key, (extract(epoch FROM created_at) * 1000)::float8 AS at FROM jira_change
       WHERE cause = 'jira_pickup' AND kind = 'transition' ORDER BY id`,
    );
    const out = new Map<string, number[]>();
    for (const r of rows) out.set(r.key, [...(out.get(r.key) ?? []), Number(r.at)]);
    return out;
  }

  /** When the revert of this pickup was written, if it has been. */
  static revertOf(d: DecisionResult, reverts: Map<string, number[]>): number | undefined {
    return reverts.get(d.key)?.[d.nth];
  }

  async inboxCounts(): Promise<{ pending: number; processed: number; quarantined: number }> {
    const { rows } = await this.db!.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM webhook_event GROUP BY status`);
    const get = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    return { pending: get('pending'), processed: get('processed'), quarantined: get('quarantined') };
  }

  async stop(): Promise<void> {
    await this.db?.end();
    this.db = undefined;
    await this.service?.stop();
    this.service = undefined;
    await this.sim.stop();
  }
}
