import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { DataDirInUseError, EmbeddedPostgresLauncher } from '../../src/database/embedded-postgres.launcher';

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await sleep(50);
  return !alive(pid);
}

const asRoot = process.getuid?.() === 0;
/** the uid PostgreSQL must run as: it refuses root, so as root the launcher runs it as the postgres user */
const serverUid = asRoot ? Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })) : process.getuid!();
const uidOf = (pid: number) => Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

/** The launcher behind `npm start` without DATABASE_URL (and the test set-up, the demo, the benchmarks), on real servers. */
describe('embedded PostgreSQL launcher', () => {
  const made: string[] = [];
  const started: EmbeddedPostgresLauncher[] = [];
  afterAll(async () => {
    for (const launcher of started) await launcher.stop();
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  /** a data root in a fresh temp directory: 0755 (reachable by the postgres user) unless told 0700, as mkdtemp leaves it */
  function dataRoot(mode: 0o700 | 0o755 = 0o755): string {
    const dir = mkdtempSync(join(tmpdir(), 'orchestrator-launcher-'));
    chmodSync(dir, mode);
    made.push(dir);
    return join(dir, 'data');
  }

  function launcher(root: string, takeOverLiveServer = true) {
    const lines: string[] = [];
    // where the binaries run from depends on where this checkout is (a clone under a 0700 directory copies them once per run), not on the case
    const keep = (m: string) => void (/copying the PostgreSQL binaries/.test(m) || lines.push(m));
    const log = { log: keep, warn: keep };
    const server = new EmbeddedPostgresLauncher(root, log, 'launcher_test', takeOverLiveServer);
    started.push(server);
    return { server, lines };
  }

  it('a fresh directory is initialised; the server answers SELECT 1 in its database, runs as a non-root user, and stop leaves nothing', async () => {
    const { server: pg1, lines } = launcher(dataRoot());
    const url = await pg1.start();
    expect(lines).toEqual([expect.stringContaining('Initialising the embedded PostgreSQL')]);
    expect(await query(url, 'SELECT current_database() AS db')).toEqual([{ db: 'launcher_test' }]);
    const pid = pg1.pid!;
    expect(uidOf(pid)).toBe(serverUid);
    if (asRoot) expect(serverUid).not.toBe(0);
    await pg1.stop();
    expect(alive(pid)).toBe(false);
    expect(existsSync(join(pg1.dataDir, 'postmaster.pid'))).toBe(false);
  });

  it('an initialised directory is reused: no initdb, its data and its port kept', async () => {
    const root = dataRoot();
    const { server: first } = launcher(root);
    const url1 = await first.start();
    await query(url1, 'CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)');
    await first.stop();
    const { server: second, lines } = launcher(root);
    const url2 = await second.start();
    expect(lines).toEqual([]);
    expect(await query(url2, 'SELECT id FROM kept')).toEqual([{ id: 7 }]);
    expect(new URL(url2).port).toBe(new URL(url1).port);
    await second.stop();
  });

  it('a data root under a 0700 directory: as root, it moves where the postgres user reaches it, and the log says so', async () => {
    const { server: pg1, lines } = launcher(dataRoot(0o700));
    const url = await pg1.start();
    made.push(join(pg1.dataDir, '..'));
    expect(await query(url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    if (asRoot) {
      expect(pg1.dataDir).toMatch(/^\/var\/tmp\/orchestrator-data-\w+\/pg$/);
      expect(lines).toContainEqual(expect.stringContaining('cannot reach'));
    } else {
      expect(pg1.dataDir.startsWith(tmpdir())).toBe(true);
    }
    await pg1.stop();
  });

  it('a PostgreSQL left running by a killed run is stopped and replaced, on the same port', async () => {
    const root = dataRoot();
    const { server: killedRun } = launcher(root);
    const url1 = await killedRun.start(); // never stopped: its service was SIGKILLed
    const orphan = killedRun.pid!;
    const { server: next, lines } = launcher(root);
    const url2 = await next.start();
    expect(await gone(orphan)).toBe(true);
    expect(lines).toEqual([expect.stringContaining(`PostgreSQL (pid ${orphan}) left by an earlier run`)]);
    expect(await query(url2, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(new URL(url2).port).toBe(new URL(url1).port);
    await next.stop();
  });

  it('a live server is refused with DataDirInUseError when not to be taken over, and left running; a private directory starts beside it', async () => {
    const shared = dataRoot();
    const { server: otherRun } = launcher(shared);
    const url = await otherRun.start();
    await expect(launcher(shared, false).server.start()).rejects.toBeInstanceOf(DataDirInUseError);
    expect(await query(url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    // what test/setup/global-setup.ts then does: a private directory of its own (.data/test-run-<pid>)
    const { server: privateRun } = launcher(dataRoot(), false);
    const privateUrl = await privateRun.start();
    expect(new URL(privateUrl).port).not.toBe(new URL(url).port);
    expect(await query(privateUrl, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await privateRun.stop();
    await otherRun.stop();
  });

  it('a stale postmaster.pid naming a live process of the same user (pid reused) is removed, and that process left alone', async () => {
    const root = dataRoot();
    const { server: first } = launcher(root);
    await first.start();
    await first.stop();
    // PostgreSQL alone refuses this file ("lock file already exists"): the pid is alive and its user's
    const stranger = spawn('sleep', ['60'], { uid: serverUid, gid: asRoot ? Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) : undefined });
    await once(stranger, 'spawn');
    writeFileSync(join(first.dataDir, 'postmaster.pid'), `${stranger.pid}\n${first.dataDir}\n`);
    try {
      const { server: next } = launcher(root);
      expect(await query(await next.start(), 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect(alive(stranger.pid!)).toBe(true);
      await next.stop();
    } finally {
      stranger.kill();
    }
  });

  it('a server that exits while starting fails start() at once with its own words, and leaves no process', async () => {
    const root = dataRoot();
    const { server: first } = launcher(root);
    await first.start();
    await first.stop();
    appendFileSync(join(first.dataDir, 'postgresql.conf'), 'no_such_setting = 1\n');
    const { server: broken } = launcher(root);
    const began = Date.now();
    await expect(broken.start()).rejects.toThrow(/exited .*unrecognized configuration parameter "no_such_setting"/s);
    expect(Date.now() - began).toBeLessThan(10_000);
    expect(broken.pid).toBeUndefined();
  });

  it('a postmaster killed with SIGKILL leaves postmaster.pid behind; the next start recovers its data', async () => {
    const root = dataRoot();
    const { server: killed } = launcher(root);
    await query(await killed.start(), 'CREATE TABLE survived (id int); INSERT INTO survived VALUES (1)');
    const pid = killed.pid!;
    process.kill(pid, 'SIGKILL');
    expect(await gone(pid)).toBe(true);
    expect(existsSync(join(killed.dataDir, 'postmaster.pid'))).toBe(true);
    const { server: next } = launcher(root);
    expect(await query(await next.start(), 'SELECT id FROM survived')).toEqual([{ id: 1 }]);
    await next.stop();
  });
});
