import { randomBytes } from 'node:crypto';
import { adminQuery, assertTestDatabase, withDatabase } from '../setup/database-admin';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** One database per test file, cloned from the migrated template of this run. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.DATABASE_URL;
  const template = process.env.TEST_TEMPLATE_DATABASE;
  if (!server || !template) throw new Error("The tests' global setup (test/setup/global-setup.ts) did not run (DATABASE_URL / TEST_TEMPLATE_DATABASE unset)");
  const base = assertTestDatabase(server);
  const name = `${decodeURIComponent(base.pathname.slice(1))}_${randomBytes(5).toString('hex')}`;
  await adminQuery(server, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    url: withDatabase(server, name),
    drop: () => adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
