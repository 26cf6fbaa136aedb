import type { IntakeResult } from '../phases/intake.phase';
import type { ClientSlaResult } from '../phases/client-sla.phase';
import type { CallCount, JiraCallsResult } from '../phases/jira-calls.phase';
import type { InsertRateResult } from '../phases/pg-insert.phase';
import type { PagedReadResult } from '../phases/reconcile-read.phase';
import type { ReconcileResult } from '../phases/reconcile.phase';
import type { StartupResult } from '../phases/startup.phase';
import type { BenchRow } from './bench-result';
import type { LoadResult } from './http-load';
import { round } from './stats';

/** Intake next to its references, then what the decisions and the processor did under that load. */
export function intakeRows(bare: LoadResult, inserts: InsertRateResult, intake: IntakeResult, bodyBytes: number): BenchRow[] {
  const { load, underLoad, unloaded } = intake;
  const ratio = load.rps / bare.rps;
  return [
    {
      id: 'intake',
      figure: 'intake POST /webhooks/jira (signed, stored)',
      value: round(load.rps, 0),
      unit: 'req/s',
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      samples: load.ok,
      aim: `p99 ≤ 1.5× bare p99 (${round(1.5 * bare.p99Ms, 0)} ms)`,
      aimMet: load.p99Ms <= 1.5 * bare.p99Ms,
      note: `${bodyBytes} B bodies; ${load.non2xx} non-2xx, ${load.errors} errors`,
    },
    {
      id: 'bare',
      figure: 'bare Nest endpoint, 202, no work',
      value: round(bare.rps, 0),
      unit: 'req/s',
      p50Ms: bare.p50Ms,
      p99Ms: bare.p99Ms,
      samples: bare.ok,
      note: 'same express adapter, body parser and set-up',
    },
    {
      id: 'pg_insert',
      figure: 'PostgreSQL single-row INSERT commits',
      value: round(inserts.commitsPerS, 0),
      unit: 'commits/s',
      p50Ms: round(inserts.p50Ms, 2),
      p99Ms: round(inserts.p99Ms, 2),
      samples: inserts.commits,
      note: 'webhook_event shape, autocommit, 32 clients',
    },
    { id: 'intake_bare_ratio', figure: 'intake / bare (headline)', value: round(ratio, 2), unit: '×', aim: '≥ 0.6×', aimMet: ratio >= 0.6 },
    { id: 'intake_pg_ratio', figure: 'intake / PostgreSQL commit rate', value: round(load.rps / inserts.commitsPerS, 2), unit: '×' },
    {
      id: 'decision_loaded',
      figure: 'decision latency under intake load',
      value: underLoad.decided,
      unit: 'decided',
      p50Ms: round(underLoad.p50Ms, 0),
      p99Ms: round(underLoad.p99Ms, 0),
      samples: underLoad.decided,
      aim: 'p99 < 50 ms, p50 < 20 ms',
      aimMet: underLoad.p99Ms !== null && underLoad.p99Ms < 50 && (underLoad.p50Ms ?? Infinity) < 20 && underLoad.decided === underLoad.sent,
      note: `${underLoad.decided} of ${underLoad.sent} pickups reverted within the drain cap`,
    },
    {
      id: 'decision_unloaded',
      figure: 'decision latency, no other load',
      value: unloaded.decided,
      unit: 'decided',
      p50Ms: round(unloaded.p50Ms, 0),
      p99Ms: round(unloaded.p99Ms, 0),
      samples: unloaded.decided,
      note: 'one pickup at a time',
    },
    {
      id: 'processing',
      figure: `processing a bulk edit's backlog (${intake.bulkEvents} webhooks)`,
      value: round(intake.processedPerS, 0),
      unit: 'events/s',
      aim: '≥ 1000 events/s',
      aimMet: intake.drained && intake.processedPerS >= 1000,
      note: `sent in ${round(intake.sendS, 1)} s with the worker stopped, ${intake.backlogAfterSend} waiting then, drained in ${round(intake.drainS, 2)} s once resumed; all applied ${intake.drained ? '' : 'NOT '}${round(intake.totalS, 1)} s after the first; after the intake load ${intake.backlogAtEnd} waited (JSM traffic: stored as ignored)`,
    },
  ];
}

export function reconcileRows(reconciles: ReconcileResult[]): BenchRow[] {
  const rows: BenchRow[] = reconciles.map((r) => ({
    id: `reconcile_${r.case}_${r.issues}`,
    unit: 's',
    value: round(r.seconds, 2),
    figure: r.case === 'first' ? `reconcile, first run: ${r.issues} bugs, none tracked` : `reconcile ${r.issues / 1000}k bugs, no drift`,
    ...aimOf(r),
    note: `${r.checked} checked on 2 boards, ${r.repaired} repaired, ${round((r.seconds * 1000) / Math.max(r.checked, 1), 2)} ms each; service RSS ${round(r.rssBeforeMb, 0)} MB, peak ${round(r.peakRssMb, 0)} MB`,
  }));
  const noDrift = reconciles.filter((r) => r.case === 'no_drift').sort((a, b) => a.issues - b.issues);
  if (noDrift.length >= 2) {
    const [small, large] = [noDrift[0], noDrift[noDrift.length - 1]];
    const growth = large.seconds / small.seconds;
    const factor = large.issues / small.issues;
    rows.push({
      id: 'reconcile_growth',
      figure: `reconcile growth ${small.issues / 1000}k → ${large.issues / 1000}k, no drift`,
      value: round(growth, 1),
      unit: '×',
      aim: `≤ ${round(factor * 1.1, 0)}× (linear)`,
      aimMet: growth <= factor * 1.1,
    });
  }
  return rows;
}

/** Issue 14's aims: 10k without drift < 10 s and peak RSS < 200 MB; a first run of 1,000 bugs < 30 s. */
function aimOf(r: ReconcileResult): Pick<BenchRow, 'aim' | 'aimMet'> {
  if (r.case === 'first') return r.issues === 1000 ? { aim: '< 30 s', aimMet: r.seconds < 30 } : {};
  if (r.issues === 10_000) return { aim: '< 10 s, peak RSS < 200 MB', aimMet: r.seconds < 10 && (r.peakRssMb ?? Infinity) < 200 };
  return { aim: 'peak RSS < 200 MB', aimMet: (r.peakRssMb ?? Infinity) < 200 };
}

export function pagedReadRows(reads: PagedReadResult[]): BenchRow[] {
  const first = reads[0];
  const last = reads[reads.length - 1];
  const growth = last.clientCpuS / first.clientCpuS;
  return [
    ...reads.map((r) => ({
      id: `paged_read_${r.issues}`,
      figure: `paged read of ${r.issues / 1000}k issues (search/jql, gateway only)`,
      value: round(r.seconds, 2),
      unit: 's',
      note: `peak RSS ${round(r.peakRssMb, 0)} MB (${round(r.rssBeforeMb, 0)} at the first page); ${r.pages} pages; CPU: client ${round(r.clientCpuS, 2)} s, simulator ${round(r.simulatorCpuS, 2)} s`,
    })),
    {
      id: 'paged_read_growth',
      figure: `paged read growth ${first.issues / 1000}k → ${last.issues / 1000}k, client side`,
      value: round(growth, 1),
      unit: '× CPU',
      aim: `linear (≈${last.issues / first.issues}×)`,
      aimMet: growth < 1.3 * (last.issues / first.issues),
      note: `wall ×${round(last.seconds / first.seconds, 1)}, simulator CPU ×${round(last.simulatorCpuS / first.simulatorCpuS, 1)}; RSS +${round(last.peakRssMb - first.peakRssMb, 0)} MB (all issues kept)`,
    },
  ];
}

export function startupRows(startup: StartupResult): BenchRow[] {
  return [
    {
      id: 'startup_first',
      figure: 'start-up, first run (initdb + migrations)',
      value: round(startup.firstS, 2),
      unit: 's',
      note: 'node dist/src/main.js, no DATABASE_URL → /health 200',
    },
    { id: 'startup_restart', figure: 'start-up, restart on the same data', value: round(startup.restartS, 2), unit: 's', note: 'node dist/src/main.js' },
    {
      id: 'npm_start_first',
      figure: 'npm start, first run (build + initdb + migrations)',
      value: startup.npmFirstS === null ? null : round(startup.npmFirstS, 2),
      unit: 's',
      aim: '< 15 s',
      aimMet: startup.npmFirstS !== null && startup.npmFirstS < 15,
      note: startup.npmFirstS === null ? 'not measured: run through npm run bench' : 'npm start (SWC build) → /health 200',
    },
    {
      id: 'npm_start_restart',
      figure: 'npm start, restart on the same data (build included)',
      value: startup.npmRestartS === null ? null : round(startup.npmRestartS, 2),
      unit: 's',
      aim: '< 5 s',
      aimMet: startup.npmRestartS !== null && startup.npmRestartS < 5,
    },
  ];
}

/** Calls to Jira per pickup, revert and release: each case's calls, their mean, and the routes most called. */
export function jiraCallRows(calls: JiraCallsResult): BenchRow[] {
  const row = (id: string, figure: string, c: CallCount): BenchRow => {
    const mean = c.perCase.reduce((a, b) => a + b, 0) / Math.max(1, c.perCase.length);
    const routes = Object.entries(c.byRoute)
      .sort((a, b) => b[1] - a[1])
      .map(([route, n]) => `${route} ×${round(n / c.perCase.length, 1)}`)
      .join(', ');
    return {
      id,
      figure,
      value: round(mean, 1),
      unit: 'calls',
      samples: c.perCase.length,
      aim: 'not more than before issue 20',
      note: `per case ${[...new Set(c.perCase)].sort((a, b) => a - b).join('/')}; ${routes}`,
    };
  };
  return [
    row('jira_calls_pickup', 'Jira calls per API pickup (echoes included)', calls.pickups),
    row('jira_calls_revert', 'Jira calls per reverted pickup in Jira', calls.reverts),
    row('jira_calls_release', 'Jira calls per release by a deploy (nudge included)', calls.releases),
  ];
}

/** SLA reads per minute against the aim: at most one read per running clock per SLA_CHECK_SECONDS. */
export function clientSlaRows(r: ClientSlaResult): BenchRow[] {
  const perMinute = (r.reads * 60) / r.windowSeconds;
  const aim = (r.runningClocks * 60) / r.checkSeconds;
  const atDefault = (perMinute * r.checkSeconds) / 300;
  return [
    {
      id: 'client_sla_reads',
      figure: `JSM SLA reads per minute, ${r.tickets} open client tickets (SLA_CHECK_SECONDS=${r.checkSeconds})`,
      value: round(perMinute, 0),
      unit: 'reads/min',
      aim: `≤ one read per running clock per SLA_CHECK_SECONDS (${round(aim, 0)}/min)`,
      aimMet: perMinute <= aim,
      note:
        `${r.reads} reads in ${r.windowSeconds} s; ${r.runningTickets} tickets with ${r.runningClocks} running clocks; ` +
        `about ${round(atDefault, 0)}/min at the default SLA_CHECK_SECONDS=300`,
    },
  ];
}
