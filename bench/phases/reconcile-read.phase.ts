import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JiraSimulator } from '../../jira-sim';
import { SECRET, seedSimulator, STATUS, USERS } from '../../test/support/jira-world';

export interface PagedReadResult {
  issues: number;
  pages: number;
  seconds: number;
  peakRssMb: number;
  rssBeforeMb: number;
  clientCpuS: number;
  /** CPU the simulator (in this process) spent answering, a stand-in for Jira's own time */
  simulatorCpuS: number;
}

const EMAIL = 'svc@example.com';
const TOKEN = 'sim-token';
const JQL = 'project = QAOPS ORDER BY Rank ASC';

function runChild(env: NodeJS.ProcessEnv): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, '..', 'reconcile-read.main.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`the paged read exited with ${code}: ${out}`));
      else resolve(JSON.parse(line) as Record<string, number>);
    });
  });
}

/** N issues in the simulator, then one child process pages through all of them with JiraJsGateway.search. */
export async function measurePagedRead(n: number): Promise<PagedReadResult> {
  const sim = new JiraSimulator({ email: EMAIL, apiToken: TOKEN, serviceAccountId: USERS.service, webhookSecret: SECRET });
  seedSimulator(sim);
  const statuses = [STATUS.triage, STATUS.ready, STATUS.inProgress, STATUS.inReview, STATUS.done];
  {
    for (let k = 0; k < n; k++) {
      sim.seedIssue({
        key: `QAOPS-${k + 1}`,
        summary: `Ticket ${k + 1}: totals rounded wrong on the fund report`,
        description: `Steps to reproduce ${k + 1}: open the fund report.`,
        statusId: statuses[k % statuses.length],
        labels: ['3rd-line'],
        assignee: k % 3 === 0 ? USERS.dev1 : null,
        reporter: USERS.support,
      });
    }
  }
  const url = await sim.start();
  try {
    const cpuBefore = process.cpuUsage();
    const t0 = performance.now();
    const r = await runChild({ ...process.env, SIM_URL: url, SIM_EMAIL: EMAIL, SIM_TOKEN: TOKEN, JQL });
    const wallS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    if (r.issues !== n) throw new Error(`the paged read saw ${r.issues} of ${n} issues`);
    return {
      issues: r.issues,
      pages: r.pages,
      seconds: r.ms / 1000,
      peakRssMb: r.peakRssMb,
      rssBeforeMb: r.rssBeforeMb,
      clientCpuS: r.cpuMs / 1000,
      simulatorCpuS: Math.min(wallS, (cpu.user + cpu.system) / 1e6),
    };
  } finally {
    await sim.stop();
  }
}
