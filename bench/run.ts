// `npm run bench`: intake next to a bare endpoint and PostgreSQL's commit rate, decision latency
// under that load, reconciliation, paged reads of 1k/5k/10k issues, and start-up. Prints one table
// and writes it to bench/results/latest.json. Numbers only: nothing here asserts a time.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { SECRET } from '../test/support/jira-world';
import { measureBareEndpoint } from './phases/bare-endpoint.phase';
import { measureIntake } from './phases/intake.phase';
import { measureJiraCalls } from './phases/jira-calls.phase';
import { measureInsertRate } from './phases/pg-insert.phase';
import { measurePagedRead, type PagedReadResult } from './phases/reconcile-read.phase';
import { measureReconcile, type ReconcileResult } from './phases/reconcile.phase';
import { ServiceWorld } from './phases/service-world';
import { measureStartup } from './phases/startup.phase';
import { printTable, type BenchRow } from './support/bench-result';
import { clientSlaRows, intakeRows, jiraCallRows, pagedReadRows, reconcileRows, startupRows } from './support/bench-rows';
import { measureClientSlaReads } from './phases/client-sla.phase';
import { openBenchDatabase, type BenchDatabase } from './support/bench-database';
import { IntakeBodies } from './support/intake-bodies';
import { stopAllChildren } from './support/node-process';
import { round } from './support/stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;
const WARMUP_SECONDS = 2;
const DECISION_EVERY_MS = 50;
const UNLOADED_DECISIONS = 20;
const READY_TICKETS = 20;
const READ_SIZES = [1000, 5000, 10000];
/** no-drift reconciliation sizes; issue 14 asks for 1k and 10k (linear growth between them) */
const RECONCILE_SIZES = (process.env.BENCH_RECONCILE_SIZES ?? '1000,10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
/** a first reconciliation: nothing tracked yet, every bug new to the service */
const FIRST_RECONCILE_SIZE = Number(process.env.BENCH_FIRST_RECONCILE_SIZE ?? 1000);
const RESULTS = join(__dirname, '..', '..', 'bench', 'results');

const began = performance.now();
const log = (m: string) => console.log(`bench [${Math.round((performance.now() - began) / 1000)} s]: ${m}`);

async function postgresVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return String((await c.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version);
  } finally {
    await c.end();
  }
}

interface Measured {
  rows: BenchRow[];
}

/** Every phase in turn, each with nothing else of the bench running. */
async function measureAll(db: BenchDatabase, runId: string, track: (w: ServiceWorld | undefined) => void): Promise<Measured> {
  log('Jira calls per pickup, revert and release: one at a time, webhooks delivered');
  const calls = jiraCallRows(await measureJiraCalls(await db.another(), RESULTS));
  if (process.env.BENCH_ONLY === 'jira-calls') return { rows: calls };
  log('JSM SLA reads: 200 open client tickets, SLA_CHECK_SECONDS=10, reads counted over 60 s');
  const sla = clientSlaRows(await measureClientSlaReads(await db.another(), RESULTS));
  if (process.env.BENCH_ONLY === 'client-sla') return { rows: [...calls, ...sla] };
  const world = new ServiceWorld(db.url, READY_TICKETS, runId);
  track(world);
  await world.start(RESULTS, process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS, 'profiles')}`] : []);
  log(`service up at ${world.url}, database migrated`);
  const bodies = new IntakeBodies(SECRET, runId);
  log(`bare endpoint: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s`);
  const bare = await measureBareEndpoint(bodies, CONNECTIONS, SECONDS, WARMUP_SECONDS, RESULTS);
  log(`PostgreSQL single-row INSERT commits: ${CONNECTIONS} connections, ${SECONDS} s`);
  const inserts = await measureInsertRate(db.url, bodies.next().raw, CONNECTIONS, SECONDS);
  log(`intake: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s, a pickup webhook every ${DECISION_EVERY_MS} ms alongside`);
  const intake = await measureIntake(
    world,
    bodies,
    {
      connections: CONNECTIONS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      decisionEveryMs: DECISION_EVERY_MS,
      unloadedDecisions: UNLOADED_DECISIONS,
      drainCapSeconds: 60,
    },
    log,
  );
  await world.stop();
  track(undefined);

  const reconciles: ReconcileResult[] = [];
  log(`reconcile (POST /api/reconcile), first run: ${FIRST_RECONCILE_SIZE} bugs, none tracked yet`);
  reconciles.push(await measureReconcile(FIRST_RECONCILE_SIZE, 'first', await db.another(), RESULTS));
  for (const n of RECONCILE_SIZES) {
    log(`reconcile (POST /api/reconcile), no drift: ${n} bugs, all tracked`);
    reconciles.push(await measureReconcile(n, 'no_drift', await db.another(), RESULTS));
  }
  const reads: PagedReadResult[] = [];
  for (const n of READ_SIZES) {
    log(`paged read of ${n} issues`);
    reads.push(await measurePagedRead(n));
  }
  log('start-up: first run and restart on the embedded PostgreSQL');
  const startup = await measureStartup(RESULTS);
  return {
    rows: [
      ...calls,
      ...sla,
      ...intakeRows(bare, inserts, intake, bodies.bytes),
      ...reconcileRows(reconciles),
      ...pagedReadRows(reads),
      ...startupRows(startup),
    ],
  };
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0];
  mkdirSync(RESULTS, { recursive: true });
  const runId = `bench-${randomBytes(4).toString('hex')}`;
  let db: BenchDatabase | undefined;
  let world: ServiceWorld | undefined;
  const interrupted = (signal: string) => {
    console.error(`bench: ${signal}, stopping`);
    stopAllChildren();
    void Promise.allSettled([world?.stop(), db?.close()]).then(() => process.exit(130));
  };
  process.once('SIGINT', () => interrupted('SIGINT'));
  process.once('SIGTERM', () => interrupted('SIGTERM'));
  try {
    db = await openBenchDatabase();
    log(`database: ${db.where}`);
    const { rows } = await measureAll(db, runId, (w) => (world = w));
    const machine = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: round(totalmem() / 2 ** 30, 1),
      node: process.version,
      postgres: await postgresVersion(db.url),
      database: db.where.replace(/, database .*/, ''),
      loadAverage: { before: round(loadBefore, 1), after: round(loadavg()[0], 1) },
    };
    const totalS = round((performance.now() - began) / 1000, 0);
    console.log(
      `\nbench ${new Date().toISOString()}: ${machine.cpus} cpus (${machine.cpuModel}), ${machine.memoryGb} GB, node ${machine.node}, PostgreSQL ${machine.postgres} (${machine.database}); load average ${machine.loadAverage.before} before, ${machine.loadAverage.after} after; ${totalS} s`,
    );
    printTable(rows);
    writeFileSync(
      join(RESULTS, 'latest.json'),
      `${JSON.stringify({ at: new Date().toISOString(), machine, seconds: SECONDS, connections: CONNECTIONS, totalSeconds: totalS, rows }, null, 2)}\n`,
    );
    log('written to bench/results/latest.json');
  } finally {
    await world?.stop().catch(() => undefined);
    await db?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  stopAllChildren();
  process.exit(1);
});
