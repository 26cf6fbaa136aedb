import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresLauncher } from '../../src/database/embedded-postgres.launcher';
import { adminQuery, withDatabase } from '../../test/setup/database-admin';

export interface BenchDatabase {
  /** a fresh, empty database of this run (the service migrates it at its start) */
  url: string;
  where: string;
  /** another fresh, empty database on the same server, dropped at close() */
  another(): Promise<string>;
  close(): Promise<void>;
}

/** DATABASE_URL's server if set, else an embedded PostgreSQL in a temp dir; a fresh database either way. */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  let server = process.env.DATABASE_URL;
  let launcher: EmbeddedPostgresLauncher | undefined;
  let dir: string | undefined;
  if (!server) {
    dir = mkdtempSync(join(tmpdir(), 'orchestrator-bench-db-'));
    chmodSync(dir, 0o755); // the postgres user must traverse it when we run as root
    launcher = new EmbeddedPostgresLauncher(dir, { log: () => undefined, warn: (m) => console.warn(m) }, 'orchestrator_bench');
    server = await launcher.start();
  }
  const admin = server;
  const names: string[] = [];
  const create = async () => {
    const name = `orchestrator_bench_${randomBytes(4).toString('hex')}`;
    await adminQuery(admin, `CREATE DATABASE "${name}"`);
    names.push(name);
    return name;
  };
  const name = await create();
  const host = new URL(server);
  return {
    url: withDatabase(server, name),
    where: launcher ? `embedded PostgreSQL (temp dir), database ${name}` : `DATABASE_URL's server ${host.host}, database ${name}`,
    another: async () => withDatabase(admin, await create()),
    close: async () => {
      for (const n of names)
        await adminQuery(admin, `DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`).catch((e: Error) => console.warn(`bench: could not drop ${n}: ${e.message}`));
      await launcher?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
