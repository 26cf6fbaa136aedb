import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JiraSimulator } from '../../jira-sim';
import { SECRET, seedBug, seedSimulator, STATUS, USERS } from '../../test/support/jira-world';
import { ServiceProcess } from '../support/service-process';
import { trackAll } from '../support/tracked-tickets';

const EMAIL = 'svc@example.com'; // as jiraEnv() configures the service
const TOKEN = 'sim-token';

export interface ReconcilePass {
  seconds: number;
  checked: number;
  repaired: number;
  /** the service's peak RSS since its start, read after the pass */
  peakRssMb: number | null;
}

export type ReconcileCase = 'first' | 'no_drift';

export interface ReconcileResult extends ReconcilePass {
  issues: number;
  case: ReconcileCase;
  /** RSS of the freshly started service, before the reconciliation */
  rssBeforeMb: number | null;
}

/**
 * `POST /api/reconcile` on a fresh service and database, `n` linked bugs on both boards of the
 * simulator. 'first': nothing tracked yet, every bug is new to the service (as after an install).
 * 'no_drift': every bug tracked as Jira has it (the periodic case).
 */
export async function measureReconcile(n: number, reconcileCase: ReconcileCase, databaseUrl: string, logDir: string): Promise<ReconcileResult> {
  const sim = new JiraSimulator({ email: EMAIL, apiToken: TOKEN, serviceAccountId: USERS.service, webhookSecret: SECRET });
  seedSimulator(sim);
  const statuses = [STATUS.triage, STATUS.ready, STATUS.inProgress, STATUS.inReview, STATUS.done];
  for (let i = 1; i <= n; i++) seedBug(sim, { key: `QAOPS-${i}`, statusId: statuses[i % statuses.length] });
  await sim.start();
  let service: ServiceProcess | undefined;
  try {
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(logDir, 'profiles')}`] : [];
    service = await ServiceProcess.start(sim, databaseUrl, join(logDir, `service-reconcile-${n}-${reconcileCase}.log`), profile);
    if (reconcileCase === 'no_drift') await trackAll(databaseUrl, { baseUrl: sim.baseUrl, email: EMAIL, apiToken: TOKEN }, 'project = QAOPS');
    const rssBeforeMb = service.memory().rssMb;
    const t0 = performance.now();
    const { body } = await service.api('POST', '/api/reconcile');
    const seconds = (performance.now() - t0) / 1000;
    const result = JSON.parse(body) as { checked: number; repaired: number; skipped?: boolean };
    if (result.skipped) throw new Error('the reconciliation was skipped: another one held the lock');
    return { issues: n, case: reconcileCase, rssBeforeMb, seconds, checked: result.checked, repaired: result.repaired, peakRssMb: service.memory().peakRssMb };
  } finally {
    await service?.stop();
    await sim.stop();
  }
}
