import { SetBackClock } from '../../src/common/set-back-clock';
import { JiraSimulator } from '../../jira-sim';
import { quiet } from './chaos';
import { SECRET, USERS, WEBHOOK_SEED, jiraEnv, realisticDelivery, seedSimulator, type World } from './jira-world';
import { startTestApp } from './test-app';

/**
 * The world of jira-world.ts on a clock set back in time (the service's and the simulator's), so a
 * test can play days of flow: `clock.moveTo(t)` moves both forward, never past the real now (the
 * outbox sends what is due by the database's clock).
 */
export async function startClockedWorld(startAt: Date, extraEnv: Record<string, string> = {}): Promise<World & { clock: SetBackClock }> {
  const clock = new SetBackClock();
  clock.startAt(startAt);
  const sim = new JiraSimulator({
    email: 'svc@example.com',
    apiToken: 'sim-token',
    serviceAccountId: USERS.service,
    webhookSecret: SECRET,
    clock: () => clock.now().getTime(),
    issueCommentedEvents: true,
  });
  seedSimulator(sim);
  sim.setDelivery(realisticDelivery(WEBHOOK_SEED + 1000));
  await sim.start();
  const app = await startTestApp(jiraEnv(sim, extraEnv), undefined, clock);
  sim.setWebhookUrl(`${app.url}/webhooks/jira`);
  return {
    sim,
    app,
    clock,
    settled: () => quiet(app.db.url, sim),
    close: async () => {
      sim.setWebhookUrl(undefined);
      await app.close();
      await sim.stop();
    },
  };
}
