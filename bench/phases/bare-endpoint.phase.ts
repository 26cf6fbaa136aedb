import { join } from 'node:path';
import { IntakeBodies } from '../support/intake-bodies';
import { postLoad, type LoadResult } from '../support/http-load';
import { freePort, httpStatus, spawnNode } from '../support/node-process';
import { sleep } from '../support/stats';

/** The same load against the bare Nest endpoint (its own process, like the service). */
export async function measureBareEndpoint(
  bodies: IntakeBodies,
  connections: number,
  seconds: number,
  warmupSeconds: number,
  logDir: string,
): Promise<LoadResult> {
  const port = await freePort();
  const child = spawnNode([join(__dirname, '..', 'bare-endpoint.main.js')], { ...process.env, PORT: String(port) }, join(logDir, 'bare-endpoint.log'));
  try {
    const url = `http://127.0.0.1:${port}/webhooks/jira`;
    for (let i = 0; (await httpStatus(url)) === 0; i++) {
      if (i > 500 || child.process.exitCode !== null) throw new Error('the bare endpoint did not start (see bench/results/bare-endpoint.log)');
      await sleep(20);
    }
    await postLoad(url, () => bodies.next(), connections, warmupSeconds);
    return await postLoad(url, () => bodies.next(), connections, seconds);
  } finally {
    await child.stop();
  }
}
