import pg from 'pg';
import type { JiraSimulator } from '../jira-sim';
import type { SetBackClock } from '../src/common/set-back-clock';

export interface DemoTokens {
  admin: string;
  po: string;
  ada: string;
  ben: string;
  ci: string;
  support: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Acts as the people around the service (in "Jira" and on its API) and waits until the service has caught up. */
export class DemoDriver {
  constructor(
    readonly appUrl: string,
    readonly sim: JiraSimulator,
    private readonly clock: SetBackClock,
    private readonly db: pg.Pool,
    readonly tokens: DemoTokens,
  ) {}

  async api<T = Record<string, unknown>>(method: string, path: string, token: string, body?: unknown, expected = [200, 201, 202]): Promise<T> {
    const res = await fetch(`${this.appUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await res.json()) as T;
    if (!expected.includes(res.status)) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(answer)}`);
    return answer;
  }

  /** The demo's time moves to `at`; whatever follows happens then. */
  async at(at: Date): Promise<void> {
    await this.settle();
    this.clock.moveTo(at);
  }

  /** Until every webhook is delivered and processed and every Jira change made (failed ones aside). */
  async settle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quietRounds = 0;
    while (quietRounds < 3) {
      // a Jira change's webhooks leave the simulator just after its answer: look a few times
      if (Date.now() > deadline) throw new Error('The service did not catch up within 30 s (webhooks or Jira changes still open)');
      await this.sim.idle();
      const [{ open }] = (
        await this.db.query(
          `SELECT (SELECT count(*) FROM webhook_event WHERE status = 'pending') + (SELECT count(*) FROM jira_change WHERE status = 'pending') AS open`,
        )
      ).rows as { open: string }[];
      quietRounds = Number(open) === 0 ? quietRounds + 1 : 0;
      await sleep(Number(open) === 0 ? 60 : 25);
    }
  }
}
