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
  /** processed after the load, per second, until the inbox was empty (or the cap) */
  processedPerS: number;
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
  const drained = await drain(world, sent, o.drainCapSeconds);
  const underLoad = summarise(sent, await world.reverts());

  const quiet: DecisionResult[] = [];
  for (let i = 0; i < o.unloadedDecisions; i++) {
    const d = await world.sendDecision();
    quiet.push(d);
    await waitForRevert(world, d, 10_000);
    await sleep(50);
  }
  return {
    load, underLoad, unloaded: summarise(quiet, await world.reverts()), backlogAtEnd,
    processedPerS: drained.processed / Math.max(drained.seconds, 0.001), drainS: drained.seconds, drained: drained.drained,
  };
}
