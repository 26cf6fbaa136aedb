import { performance } from 'node:perf_hooks';
import { postLoad, type LoadResult } from '../support/http-load';
import type { IntakeBodies } from '../support/intake-bodies';
import { percentile, sleep } from '../support/stats';
import { type DecisionResult, ServiceWorld } from './service-world';

export interface LatencySummary {
  p50Ms: number | null;
  p99Ms: number | null;
  sent: number;
  decided: number;
}

export interface IntakeResult {
  load: LoadResult;
  underLoad: LatencySummary;
  unloaded: LatencySummary;
  /** webhooks still waiting to be processed when the load stopped */
  backlogAtEnd: number;
  /** a bulk edit's webhooks sent at once: the backlog left when the last was sent, applied per second */
  processedPerS: number;
  bulkEvents: number;
  sendS: number;
  backlogAfterSend: number;
  /** from the first send until all were applied */
  totalS: number;
  drainS: number;
  drained: boolean;
}

export interface IntakeOptions {
  connections: number;
  seconds: number;
  warmupSeconds: number;
  decisionEveryMs: number;
  unloadedDecisions: number;
  drainCapSeconds: number;
}

async function drain(world: ServiceWorld, decisions: DecisionResult[], capSeconds: number): Promise<{ seconds: number; processed: number; drained: boolean }> {
  const t0 = performance.now();
  const before = await world.inboxCounts();
  for (;;) {
    const counts = await world.inboxCounts();
    const reverts = await world.reverts();
    const seconds = (performance.now() - t0) / 1000;
    const processed = counts.processed + counts.quarantined - before.processed - before.quarantined;
    if (counts.pending === 0 && decisions.every((d) => ServiceWorld.revertOf(d, reverts) !== undefined)) return { seconds, processed, drained: true };
    if (seconds > capSeconds) return { seconds, processed, drained: false };
    await sleep(100);
  }
}

function summarise(sent: DecisionResult[], reverts: Map<string, number[]>): LatencySummary {
  const latencies = sent.flatMap((d) => {
    const at = ServiceWorld.revertOf(d, reverts);
    return at === undefined ? [] : [at - d.sentAt];
  });
  return { p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), sent: sent.length, decided: latencies.length };
}

async function waitForRevert(world: ServiceWorld, d: DecisionResult, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (ServiceWorld.revertOf(d, await world.reverts()) === undefined) {
    if (performance.now() > deadline) throw new Error(`the service decided nothing for ${d.key} within ${timeoutMs} ms (see bench/results/service.log)`);
    await sleep(5);
  }
}

/** Signed webhooks at full speed, with a pickup-to-revert decision sent every `decisionEveryMs` alongside. */
export async function measureIntake(world: ServiceWorld, bodies: IntakeBodies, o: IntakeOptions, progress: (m: string) => void): Promise<IntakeResult> {
  const url = `${world.url}/webhooks/jira`;
  const first = await world.sendDecision(); // the whole path works before anything is measured
  if (first.status !== 202) throw new Error(`the service answered ${first.status} to a signed webhook`);
  await waitForRevert(world, first, 15_000);
  // Warm-up with one webhook repeated: the same code path, but duplicates leave nothing to process.
  await postLoad(url, bodies.repeated(), o.connections, o.warmupSeconds);
  await drain(world, [], o.drainCapSeconds);

  const sent: DecisionResult[] = [];
  let sending = true;
  const sender = (async () => {
    while (sending) {
      const t = Date.now();
      sent.push(await world.sendDecision());
      await sleep(Math.max(0, o.decisionEveryMs - (Date.now() - t)));
    }
  })();
  const load = await postLoad(url, () => bodies.next(), o.connections, o.seconds);
  sending = false;
  await sender;
  const backlogAtEnd = (await world.inboxCounts()).pending;
  progress(`  load done (${Math.round(load.rps)} req/s); ${backlogAtEnd} webhooks wait to be processed`);
  await drain(world, sent, o.drainCapSeconds);
  const underLoad = summarise(sent, await world.reverts());
  const bulk = await measureBulkEdit(world, o.drainCapSeconds);

  const quiet: DecisionResult[] = [];
  for (let i = 0; i < o.unloadedDecisions; i++) {
    const d = await world.sendDecision();
    quiet.push(d);
    await waitForRevert(world, d, 10_000);
    await sleep(50);
  }
  return {
    load,
    underLoad,
    unloaded: summarise(quiet, await world.reverts()),
    backlogAtEnd,
    ...bulk,
  };
}

/**
 * A PO's bulk edit: every webhook of it sent (16 at a time, signed) and stored while the worker
 * process is stopped (SIGSTOP), then the worker resumed: the figure is the backlog over the time it
 * takes to apply all of it, the service's processing throughput alone (not the sender's pace).
 */
async function measureBulkEdit(
  world: ServiceWorld,
  capSeconds: number,
): Promise<Pick<IntakeResult, 'processedPerS' | 'bulkEvents' | 'sendS' | 'backlogAfterSend' | 'totalS' | 'drainS' | 'drained'>> {
  const bodies = world.bulkEditBodies();
  const before = await world.inboxCounts();
  const paused = world.service!.pauseWorker(true);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < bodies.length) {
        const n = next++;
        await world.sendWebhook(bodies[n], `bulk-${n}`);
      }
    }),
  );
  const backlogAfterSend = (await world.inboxCounts()).pending;
  if (paused) world.service!.pauseWorker(false);
  const sent = performance.now();
  for (;;) {
    const counts = await world.inboxCounts();
    const applied = counts.processed + counts.quarantined - before.processed - before.quarantined;
    const now = performance.now();
    const drained = counts.pending === 0 && applied >= bodies.length;
    if (drained || (now - t0) / 1000 > capSeconds) {
      const drainS = (now - sent) / 1000;
      return {
        processedPerS: backlogAfterSend / Math.max(drainS, 0.001),
        bulkEvents: bodies.length,
        sendS: (sent - t0) / 1000,
        backlogAfterSend,
        totalS: (now - t0) / 1000,
        drainS,
        drained,
      };
    }
    await sleep(20);
  }
}
