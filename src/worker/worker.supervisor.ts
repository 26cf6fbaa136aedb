import { Logger } from '@nestjs/common';
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

const STOP_TIMEOUT_MS = 25_000;

/**
 * Runs the background loops (webhook processor, Jira outbox, notifications) in a child process of
 * the HTTP one, so a burst of intake does not starve the decisions of CPU time. The child is started
 * again if it dies; it exits by itself when this process goes (its IPC channel closes).
 */
export class WorkerSupervisor {
  private readonly logger = new Logger('Worker');
  private child?: ChildProcess;
  private stopping = false;

  constructor(private readonly databaseUrl: string) {}

  start(): void {
    const child = fork(join(__dirname, '..', 'worker.js'), [], { env: { ...process.env, DATABASE_URL: this.databaseUrl }, stdio: 'inherit' });
    this.child = child;
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.logger.error(`The worker process exited (${signal ?? `code ${code}`}); starting it again in 1 s`);
      setTimeout(() => this.start(), 1000).unref();
    });
  }

  /** Lets the worker finish what it is deciding and sending, then returns (killed after 25 s). */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}
