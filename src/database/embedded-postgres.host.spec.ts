import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { canTraverse } from './embedded-postgres.decision';
import { choosePort, packagedBinaries, reachableBinaries, reachableDataRoot, readOrCreateSecret, readPidFile } from './embedded-postgres.host';

// The machine-facing half of the launcher, on real files and processes, without starting PostgreSQL.

const postgres = { uid: 65533, gid: 65533 }; // stands for the postgres user: owns none of the temp directories
const made: string[] = [];
const quiet = { log: () => undefined, warn: () => undefined };
const warnTo = (warnings: string[]) => ({ log: () => undefined, warn: (m: string) => warnings.push(m) });
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** a 0700 directory, as mkdtemp makes (a CI clone may sit under one), or a 0755 one */
function tempDir(mode: 0o700 | 0o755): string {
  const dir = mkdtempSync(join(tmpdir(), 'orchestrator-pg-host-'));
  chmodSync(dir, mode);
  made.push(dir);
  return dir;
}

function reachable(path: string): boolean {
  const dirs = [];
  for (let dir = path; ; dir = dirname(dir)) {
    dirs.push(statSync(dir));
    if (dir === dirname(dir)) return canTraverse(dirs, postgres);
  }
}

describe('where the data lives when PostgreSQL runs as the postgres user (we are root)', () => {
  it('a data root under a private (0700) directory moves to /var/tmp, reachable, and the log says so', () => {
    const warnings: string[] = [];
    const root = reachableDataRoot(join(tempDir(0o700), 'data'), postgres, warnTo(warnings));
    made.push(root);
    expect(root).toMatch(/^\/var\/tmp\/orchestrator-data-/);
    expect(reachable(root)).toBe(true);
    expect(warnings).toEqual([expect.stringContaining('cannot reach')]);
  });

  it('a data root the postgres user can reach stays where it was asked for', () => {
    const asked = join(tempDir(0o755), 'data');
    const warnings: string[] = [];
    expect(reachableDataRoot(asked, postgres, warnTo(warnings))).toBe(asked);
    expect(reachable(asked)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('not root (PostgreSQL runs as us): a data root under a private directory stays in place', () => {
    const asked = join(tempDir(0o700), 'data');
    expect(reachableDataRoot(asked, undefined, quiet)).toBe(asked);
  });
});

describe('where the binaries run from when PostgreSQL runs as the postgres user', () => {
  function fakeNative(under: string): string {
    const native = join(under, 'native');
    mkdirSync(join(native, 'bin'), { recursive: true });
    mkdirSync(join(native, 'lib'));
    writeFileSync(join(native, 'bin', 'postgres'), 'the server', { mode: 0o755 });
    writeFileSync(join(native, 'lib', 'libpq.so.5.15'), 'the library');
    symlinkSync('libpq.so.5.15', join(native, 'lib', 'libpq.so.5'));
    return native;
  }

  it('binaries under a private directory are copied once to /var/tmp, links kept, where the postgres user reaches them', () => {
    const native = fakeNative(tempDir(0o700));
    const warnings: string[] = [];
    const copy = reachableBinaries(native, postgres, warnTo(warnings));
    made.push(copy);
    expect(copy).toMatch(/^\/var\/tmp\/orchestrator-pg-bin-/);
    expect(readFileSync(join(copy, 'bin', 'postgres'), 'utf8')).toBe('the server');
    expect(readlinkSync(join(copy, 'lib', 'libpq.so.5'))).toBe('libpq.so.5.15');
    expect(reachable(join(copy, 'bin'))).toBe(true);
    expect(reachableBinaries(native, postgres, warnTo(warnings))).toBe(copy);
    expect(warnings).toEqual([expect.stringContaining('copying the PostgreSQL binaries')]);
  });

  it('binaries the postgres user can reach, or any binaries when not root, run in place', () => {
    const open = fakeNative(tempDir(0o755));
    expect(reachableBinaries(open, postgres, quiet)).toBe(open);
    const closed = fakeNative(tempDir(0o700));
    expect(reachableBinaries(closed, undefined, quiet)).toBe(closed);
  });

  it("the package's binaries come with the library links its skipped postinstall would have made", async () => {
    const native = await packagedBinaries();
    const links = JSON.parse(readFileSync(join(native, 'pg-symlinks.json'), 'utf8')) as { target: string }[];
    const ecpg = join(dirname(native), 'native/lib/libecpg_compat.so'); // a library the server never loads
    unlinkSync(ecpg);
    await packagedBinaries();
    for (const { target } of links) expect(lstatSync(join(dirname(native), target)).isSymbolicLink()).toBe(true);
  });
});

describe('reading postmaster.pid', () => {
  const writePid = (dir: string, pid: number | string) => writeFileSync(join(dir, 'postmaster.pid'), `${pid}\n${dir}\n1700000000\n5432\n`);

  it('no postmaster.pid: nothing holds the directory', () => {
    expect(readPidFile(tempDir(0o755))).toBeUndefined();
  });

  it('a live postgres serving this directory holds it; once that process is gone the file is stale', async () => {
    const dir = tempDir(0o755);
    const fake = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '--', '-D', dir], { argv0: 'postgres', stdio: 'ignore' });
    await once(fake, 'spawn');
    writePid(dir, fake.pid!);
    expect(readPidFile(dir)).toEqual({ pid: fake.pid, servesThisDir: true });
    expect(readPidFile(tempDir(0o755))).toBeUndefined();
    fake.kill('SIGKILL');
    await once(fake, 'exit');
    expect(readPidFile(dir)).toEqual({ pid: fake.pid, servesThisDir: false });
  });

  it('a live process that is no postgres (the pid reused after a reboot) does not hold it', () => {
    const dir = tempDir(0o755);
    writePid(dir, process.pid);
    expect(readPidFile(dir)).toEqual({ pid: process.pid, servesThisDir: false });
    writePid(dir, 'garbage');
    expect(readPidFile(dir)).toEqual({ pid: NaN, servesThisDir: false });
  });
});

describe('the port and the password of a data directory', () => {
  it('keeps the port of the last run while it is free, else takes another free one and records it', async () => {
    const file = join(tempDir(0o755), 'pg.port');
    const first = await choosePort(file);
    expect(await choosePort(file)).toBe(first);
    const squatter = createServer().listen(first, '127.0.0.1');
    await once(squatter, 'listening');
    const second = await choosePort(file);
    squatter.close();
    expect(second).not.toBe(first);
    expect(Number(readFileSync(file, 'utf8'))).toBe(second);
  });

  it('creates the password once, readable by us only, and reads it back on later runs', () => {
    const file = join(tempDir(0o755), 'pg.password');
    const secret = readOrCreateSecret(file);
    expect(secret).toMatch(/^[\w-]{24}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readOrCreateSecret(file)).toBe(secret);
  });
});
