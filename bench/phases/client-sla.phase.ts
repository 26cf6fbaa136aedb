import { join } from 'node:path';
import { slaMetric } from '../../jira-sim';
import { newSimulator, seedBug, STATUS } from '../../test/support/jira-world';
import { ServiceProcess } from '../support/service-process';

const HOUR = 3_600_000;
const SLA_PATH = /^\/rest\/servicedeskapi\/request\/[^/]+\/sla$/;

export interface ClientSlaResult {
  tickets: number;
  /** tickets with at least one running clock, and running clocks in all */
  runningTickets: number;
  runningClocks: number;
  checkSeconds: number;
  windowSeconds: number;
  /** SLA reads (getSlaInformation) in the window, after every ticket was read once */
  reads: number;
}

/**
 * JSM economy: `tickets` open client tickets (each the client ticket of a tracked 3rd-line bug), their
 * clocks as JSM would have them — both running on a new request, resolution running after the first
 * response, paused while waiting for the customer, all met — and the service's own SLA job at
 * SLA_CHECK_SECONDS. Counts the reads of the SLA resource over `windowSeconds` once every ticket has
 * been read once (the start's first pass reads them all).
 */
export async function measureClientSlaReads(
  databaseUrl: string,
  logDir: string,
  tickets = 200,
  checkSeconds = 10,
  windowSeconds = 60,
): Promise<ClientSlaResult> {
  const { sim } = newSimulator({ delivery: 'ordered', searchIndexLagMs: 0 });
  const keys = Array.from({ length: tickets }, (_, i) => i + 1);
  for (const n of keys) seedBug(sim, { key: `QAOPS-${n}`, statusId: STATUS.ready });
  await sim.start();
  const now = Date.now();
  let runningClocks = 0;
  let runningTickets = 0;
  for (const n of keys) {
    const startedAt = now - 2 * HOUR;
    const firstResponse = slaMetric.running('1', 'Time to first response', { startedAt, goalMs: 4 * HOUR, elapsedMs: HOUR });
    const firstMet = slaMetric.met('1', 'Time to first response', { startedAt, stoppedAt: startedAt + HOUR, goalMs: 4 * HOUR });
    const resolution = slaMetric.running('2', 'Time to resolution', { startedAt, goalMs: 40 * HOUR, elapsedMs: HOUR });
    const paused = slaMetric.paused('2', 'Time to resolution', { startedAt, goalMs: 40 * HOUR, elapsedMs: HOUR });
    const resolved = slaMetric.met('2', 'Time to resolution', { startedAt, stoppedAt: startedAt + HOUR, goalMs: 40 * HOUR });
    // half new (two clocks running), a quarter past the first response, 15% waiting for the customer, 10% met
    const share = n / tickets;
    const metrics =
      share <= 0.5 ? [firstResponse, resolution] : share <= 0.75 ? [firstMet, resolution] : share <= 0.9 ? [firstMet, paused] : [firstMet, resolved];
    const running = metrics.filter((m) => m.ongoing && !m.ongoing.paused).length;
    runningClocks += running;
    if (running > 0) runningTickets++;
    sim.setSla(`SUP-${n}`, metrics);
  }
  const service = await ServiceProcess.start(sim, databaseUrl, join(logDir, 'service-client-sla.log'), [], {
    RECONCILE_SECONDS: '0',
    SLA_CHECK_SECONDS: String(checkSeconds),
  });
  sim.setWebhookUrl(`${service.url}/webhooks/jira`);
  try {
    await service.api('POST', '/api/reconcile'); // tracks the bugs and links each to its client ticket
    const reads = () => sim.requests.filter((r) => r.method === 'GET' && SLA_PATH.test(r.path));
    const deadline = Date.now() + 10 * checkSeconds * 1000;
    while (new Set(reads().map((r) => r.path)).size < tickets) {
      if (Date.now() > deadline) throw new Error(`the SLA of only ${new Set(reads().map((r) => r.path)).size} of ${tickets} tickets was read`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const from = reads().length;
    await new Promise((r) => setTimeout(r, windowSeconds * 1000));
    return { tickets, runningTickets, runningClocks, checkSeconds, windowSeconds, reads: reads().length - from };
  } finally {
    sim.setWebhookUrl(undefined);
    await service.stop();
    await sim.stop();
  }
}
