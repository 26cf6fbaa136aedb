import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EmbeddedPostgresLauncher } from '../../src/database/embedded-postgres.launcher';

const quiet = { log: () => undefined, warn: () => undefined };

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const res = await client.query('SELECT 1 AS one');
  await client.end();
  return res.rows[0].one === 1;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The launcher behind `npm start` without DATABASE_URL: private directories, restarts, leftovers of a killed run. */
describe('embedded PostgreSQL launcher', () => {
  // mkdtemp makes a 0700 directory: as root, the postgres user cannot reach it, as in a CI clone under one
  const root = mkdtempSync(join(tmpdir(), 'orchestrator-launcher-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('starts under a private directory, answers, and leaves no process after stop', async () => {
    const launcher = new EmbeddedPostgresLauncher(join(root, 'data'), quiet, 'launcher_test');
    const url = await launcher.start();
    expect(await answers(url)).toBe(true);
    const pid = (launcher as unknown as { process: { pid: number } }).process.pid;
    await launcher.stop();
    expect(alive(pid)).toBe(false);
  });

  it('restarts on the same data and port, and takes over from a postgres left running by a killed run', async () => {
    const first = new EmbeddedPostgresLauncher(join(root, 'data'), quiet, 'launcher_test');
    const url1 = await first.start();
    const orphan = (first as unknown as { process: { pid: number } }).process.pid;
    // a second launcher on the same data, as after SIGKILL of the first service: its postgres still runs
    const second = new EmbeddedPostgresLauncher(join(root, 'data'), quiet, 'launcher_test');
    const url2 = await second.start();
    expect(alive(orphan)).toBe(false);
    expect(await answers(url2)).toBe(true);
    expect(new URL(url2).port).toBe(new URL(url1).port);
    const pid = (second as unknown as { process: { pid: number } }).process.pid;
    await second.stop();
    expect(alive(pid)).toBe(false);
  });
});
