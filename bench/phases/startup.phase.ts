import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, httpStatus, spawnNode, waitForHttp200 } from '../support/node-process';
import { startFlags } from '../support/service-process';

export interface StartupResult {
  firstS: number;
  restartS: number;
  /** `npm start` (the build included), on an empty data dir, then again on the same data */
  npmFirstS: number | null;
  npmRestartS: number | null;
}

/**
 * With no DATABASE_URL (so the embedded PostgreSQL) and a fresh DATA_DIR: spawn to `/health` 200,
 * once on an empty data dir (initdb + migrations), then again on the same data; first
 * `node dist/src/main.js`, then `npm start` as a user runs it (its build included) on another dir.
 */
export async function measureStartup(logDir: string): Promise<StartupResult> {
  const node = await measure(logDir, (main) => [...startFlags(), main], 'node', false);
  const npm = process.env.npm_execpath ? await measure(logDir, () => [process.env.npm_execpath!, 'start', '--silent'], 'npm', true) : null;
  return { firstS: node.firstS, restartS: node.restartS, npmFirstS: npm?.firstS ?? null, npmRestartS: npm?.restartS ?? null };
}

async function measure(logDir: string, args: (main: string) => string[], label: string, group: boolean): Promise<{ firstS: number; restartS: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'orchestrator-bench-start-'));
  chmodSync(dir, 0o755); // the postgres user must traverse it when we run as root
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: join(dir, 'data'), LOG_FORMAT: 'text' };
  for (const name of Object.keys(env)) if (name === 'DATABASE_URL' || name.startsWith('JIRA_')) delete env[name];
  const main = join(__dirname, '..', '..', '..', 'dist', 'src', 'main.js');
  const once = async (run: string): Promise<number> => {
    const child = spawnNode(args(main), env, join(logDir, `startup-${label}-${run}.log`), { group });
    try {
      return await waitForHttp200(child, `http://127.0.0.1:${port}/health`, `the service (${label}, ${run})`, 60_000, 10);
    } finally {
      await child.stop();
      // nothing may still answer on the port, or the restart would be measured against the old process
      for (let i = 0; i < 200 && (await httpStatus(`http://127.0.0.1:${port}/health`, 200)) === 200; i++) await new Promise((r) => setTimeout(r, 50));
    }
  };
  try {
    const first = await once('first');
    const restart = await once('restart');
    return { firstS: first / 1000, restartS: restart / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
