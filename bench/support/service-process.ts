import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import type { JiraSimulator } from '../../jira-sim';
import { jiraEnv } from '../../test/support/jira-world';
import { freePort, spawnNode, waitForHttp200, type NodeChild } from './node-process';

export const ADMIN_TOKEN = 'bench-admin-token-0123456789';

/** The node flags of package.json's start script (e.g. the heap cap): the bench runs the service as npm start does. */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((t) => t.startsWith('--'));
}

export interface HttpAnswer {
  status: number;
  body: string;
}

/** The service as `npm start` runs it (`node dist/src/main.js`, its own process; migrations run at start), on the simulator. */
export class ServiceProcess {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 8 });

  private constructor(
    readonly url: string,
    readonly child: NodeChild,
  ) {}

  static async start(
    sim: JiraSimulator,
    databaseUrl: string,
    logFile: string,
    nodeArgs: string[] = [],
    env: Record<string, string> = {},
  ): Promise<ServiceProcess> {
    const port = await freePort();
    const child = spawnNode(
      [...startFlags(), ...nodeArgs, join(__dirname, '..', '..', '..', 'dist', 'src', 'main.js')],
      {
        ...process.env,
        ...jiraEnv(sim),
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        ADMIN_TOKEN,
        LOG_FORMAT: 'text',
        ENFORCEMENT_MODE: 'revert',
        RECONCILE_SECONDS: '0',
        ...env,
      },
      logFile,
    );
    const service = new ServiceProcess(`http://127.0.0.1:${port}`, child);
    await waitForHttp200(child, `${service.url}/health`, 'the service', 90_000);
    return service;
  }

  /** An admin call; throws unless 2xx. */
  async api(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    const answer = await this.send(method, path, body === undefined ? '' : JSON.stringify(body), {
      'content-type': 'application/json',
      authorization: `Bearer ${ADMIN_TOKEN}`,
    });
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    return answer;
  }

  send(method: string, path: string, raw: string, headers: Record<string, string>): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(`${this.url}${path}`, { method, headers: { ...headers, 'content-length': Buffer.byteLength(raw) }, agent: this.agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end(raw);
    });
  }

  /** The worker process `npm start` forks beside the HTTP one (dist/src/worker.js), if it runs. */
  workerPid(): number | null {
    const pid = this.child.process.pid;
    try {
      const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      return children.find((c) => readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('worker.js')) ?? null;
    } catch {
      return null;
    }
  }

  /** Stops (SIGSTOP) or resumes (SIGCONT) the worker: webhooks are stored meanwhile, none applied. */
  pauseWorker(paused: boolean): boolean {
    const pid = this.workerPid();
    if (pid === null) return false;
    process.kill(pid, paused ? 'SIGSTOP' : 'SIGCONT');
    return true;
  }

  /** Resident set size now and its peak since the process started (Linux /proc), in MB. */
  memory(): { rssMb: number | null; peakRssMb: number | null } {
    try {
      const status = readFileSync(`/proc/${this.child.process.pid}/status`, 'utf8');
      const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024 || null;
      return { rssMb: kb('VmRSS'), peakRssMb: kb('VmHWM') };
    } catch {
      return { rssMb: null, peakRssMb: null };
    }
  }

  async stop(): Promise<void> {
    await this.child.stop();
    this.agent.destroy();
  }
}
