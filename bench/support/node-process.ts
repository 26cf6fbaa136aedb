import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sleep } from './stats';

const children = new Set<ChildProcess>();

/** Children still running when the bench is interrupted get a SIGTERM (they stop their own PostgreSQL). */
export function stopAllChildren(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}

export { freePort } from '../../test/support/free-port';

/** GET status code, or 0 when nothing answers. */
export function httpStatus(url: string, timeoutMs = 1000): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

export interface NodeChild {
  process: ChildProcess;
  /** performance.now() at spawn */
  startedAt: number;
  exited: Promise<number | null>;
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Runs `node <args>` with this env, its output appended to logFile. `group`: the child leads its own
 * process group and is stopped with it (npm start runs the service as its own child).
 */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv, logFile: string, options: { group?: boolean } = {}): NodeChild {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const startedAt = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: options.group ?? false });
  const signal = (name: NodeJS.Signals) => (options.group && child.pid ? process.kill(-child.pid, name) : child.kill(name));
  children.add(child);
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return {
    process: child,
    startedAt,
    exited,
    stop: async (timeoutMs = 20_000) => {
      if (child.exitCode === null && child.signalCode === null) {
        signal('SIGTERM');
        const timer = setTimeout(() => signal('SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
      }
      log.end();
    },
  };
}

/** Polls url until it answers 200; returns ms since the child was spawned. */
export async function waitForHttp200(child: NodeChild, url: string, what: string, timeoutMs = 60_000, everyMs = 20): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null) throw new Error(`${what} exited with code ${child.process.exitCode} before ${url} answered 200 (see its log)`);
    if ((await httpStatus(url, 1000)) === 200) return performance.now() - child.startedAt;
    if (performance.now() > deadline) throw new Error(`${what}: ${url} did not answer 200 within ${timeoutMs / 1000} s`);
    await sleep(everyMs);
  }
}
