import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnNode, waitForHttp200 } from '../support/node-process';

export interface StartupResult {
  firstS: number;
  restartS: number;
}

/**
 * `node dist/src/main.js` with no DATABASE_URL (so the embedded PostgreSQL) and a fresh DATA_DIR:
 * spawn to `/health` 200, once on an empty data dir (initdb + migrations), then again on the same data.
 */
export async function measureStartup(logDir: string): Promise<StartupResult> {
  const dir = mkdtempSync(join(tmpdir(), 'orchestrator-bench-start-'));
  chmodSync(dir, 0o755); // the postgres user must traverse it when we run as root
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: join(dir, 'data'), LOG_FORMAT: 'text' };
  for (const name of Object.keys(env)) if (name === 'DATABASE_URL' || name.startsWith('JIRA_')) delete env[name];
  const main = join(__dirname, '..', '..', '..', 'dist', 'src', 'main.js');
  const once = async (label: string): Promise<number> => {
    const child = spawnNode([main], env, join(logDir, `startup-${label}.log`));
    try {
      return await waitForHttp200(child, `http://127.0.0.1:${port}/health`, `the service (${label})`, 60_000, 10);
    } finally {
      await child.stop();
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

