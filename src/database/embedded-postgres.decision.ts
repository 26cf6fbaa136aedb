// The embedded PostgreSQL's decisions as pure functions of facts the launcher gathers (their table is the spec beside this file).

/** What the data directory holds, and what runs on it. */
export interface DataDirFacts {
  /** PG_VERSION exists: initdb ran here */
  initialised: boolean;
  /** postmaster.pid, when present: its pid, and whether that pid is a live postgres serving this very directory */
  pidFile?: { pid: number; servesThisDir: boolean };
  /** false: a live server on the directory is left alone and start is refused (another test run uses it) */
  takeOverLiveServer: boolean;
}

export type DataDirStep = 'stop-running-server' | 'remove-stale-pid' | 'initdb' | 'start';
export type DataDirPlan = { steps: DataDirStep[] } | { refused: 'data_dir_in_use'; pid: number };

export function planDataDir({ initialised, pidFile, takeOverLiveServer }: DataDirFacts): DataDirPlan {
  if (pidFile?.servesThisDir && !takeOverLiveServer) return { refused: 'data_dir_in_use', pid: pidFile.pid };
  const steps: DataDirStep[] = [];
  // a postgres left by a killed run is stopped; a pid file naming any other process (or none) is stale
  if (pidFile) steps.push(pidFile.servesThisDir ? 'stop-running-server' : 'remove-stale-pid');
  if (!initialised) steps.push('initdb');
  return { steps: [...steps, 'start'] };
}

/** A process's argv (from /proc/<pid>/cmdline) is a postmaster serving `dataDir` when it is `postgres … -D dataDir …`. */
export function isPostgresOn(argv: string[], dataDir: string): boolean {
  const program = argv[0]?.split('/').pop();
  const d = argv.indexOf('-D');
  return program === 'postgres' && d > 0 && argv[d + 1] === dataDir;
}

/**
 * pg_isready's rule: no answer yet (refused, reset, or none in time), or "the database system is
 * starting up" (57P03), means wait; any other answer is final.
 */
export function isNotReadyYet(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === '57P03';
}

export interface UnixUser {
  uid: number;
  gid: number;
}

/** Whether `user` may pass through every directory of a path (given from the path up to /): PostgreSQL, run as root, runs as another user. */
export function canTraverse(dirs: { uid: number; gid: number; mode: number }[], user: UnixUser): boolean {
  return dirs.every(({ uid, gid, mode }) => (uid === user.uid ? mode & 0o100 : gid === user.gid ? mode & 0o010 : mode & 0o001));
}
