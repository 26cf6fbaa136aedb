import { describe, expect, it } from '@jest/globals';
import { SchedulerRegistry } from '@nestjs/schedule';
import { startWorld } from '../support/jira-world';
import { startTestApp, type TestApp } from '../support/test-app';

/** Node keeps an interval's period on its Timeout object (`_idleTimeout`, ms): the one way to read it back. */
const periodSeconds = (registry: SchedulerRegistry, name: string) => registry.getInterval<{ _idleTimeout: number }>(name)._idleTimeout / 1000;

async function schedulesOf(app: TestApp, close: () => Promise<void>) {
  const registry = app.app.get(SchedulerRegistry);
  const names = registry.getIntervals().sort();
  const periods = Object.fromEntries(names.map((n) => [n, periodSeconds(registry, n)]));
  await close();
  return { names, periods, afterClose: registry.getIntervals() };
}

describe('the periodic jobs are intervals of @nestjs/schedule, with the configured periods', () => {
  it('with Jira: board refresh, client SLA read, 3rd-line targets, reconciliation and forecast notes, each at its period, all cleared at shutdown', async () => {
    const world = await startWorld(
      { BOARD_REFRESH_SECONDS: '77', SLA_CHECK_SECONDS: '61', RECONCILE_SECONDS: '901', FORECAST_NOTE_SECONDS: '3601' },
      { delivery: 'ordered' },
    );
    const { names, periods, afterClose } = await schedulesOf(world.app, () => world.close());
    expect(names).toEqual(['board-refresh', 'client-sla', 'forecast-notes', 'reconcile', 'third-line-targets']);
    expect(periods).toEqual({ 'board-refresh': 77, 'client-sla': 61, 'third-line-targets': 61, reconcile: 901, 'forecast-notes': 3601 });
    expect(afterClose).toEqual([]);
  });

  it('RECONCILE_SECONDS=0 and FORECAST_NOTE_SECONDS=0 turn those two off', async () => {
    const world = await startWorld({ RECONCILE_SECONDS: '0', FORECAST_NOTE_SECONDS: '0' }, { delivery: 'ordered' });
    const { names, periods } = await schedulesOf(world.app, () => world.close());
    expect(names).toEqual(['board-refresh', 'client-sla', 'third-line-targets']);
    expect(periods).toEqual({ 'board-refresh': 300, 'client-sla': 300, 'third-line-targets': 300 });
  });

  it('without Jira only the 3rd-line targets are checked (nothing to refresh, read, reconcile or forecast against)', async () => {
    const app = await startTestApp();
    const { names } = await schedulesOf(app, () => app.close());
    expect(names).toEqual(['third-line-targets']);
  });
});
