import type pg from 'pg';
import type { JiraSimulator } from '../../jira-sim';
import { waitFor } from './jira-world';

/** Nothing left to send: the simulator's webhooks delivered, the Jira outbox and the notification outbox empty. */
export async function outboxesQuiet(sim: JiraSimulator, db: pg.Pool): Promise<void> {
  await sim.idle();
  await waitFor('both outboxes to be empty', async () => {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM jira_change WHERE status = 'pending')::int + (SELECT count(*) FROM notification WHERE status = 'pending')::int AS n`,
    );
    return rows[0].n === 0;
  });
  await sim.idle();
}
