import './ts-resolve';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../ormconfig';
import { DataDirInUseError, EmbeddedPostgresLauncher } from '../../src/database/embedded-postgres.launcher';
import { adminQuery, assertTestDatabase, withDatabase } from './database-admin';

/** Starts an embedded PostgreSQL unless DATABASE_URL is set, and migrates a template every test file clones. */
export default async function globalSetup(globalConfig: { selectProjects?: string[]; testPathPatterns?: unknown }): Promise<void> {
  // each e2e file writes the conformance of the service's calls to Jira here (test/setup/conformance.after-env.ts)
  process.env.CONFORMANCE_DIR = join(process.cwd(), 'test-output', 'conformance');
  rmSync(process.env.CONFORMANCE_DIR, { recursive: true, force: true });
  // the e2e specs that run the service as its own process (to kill it) run dist/ as npm start builds it (SWC): built once,
  // here — unless only the service tier runs (npm run test:service), which needs no build and answers in seconds
  if (e2eSelected(globalConfig)) execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  let url = process.env.DATABASE_URL;
  if (!url) {
    const log = { log: () => undefined, warn: (m: string) => console.warn(m) };
    let launcher = new EmbeddedPostgresLauncher('.data/test', log, 'orchestrator_test', false);
    try {
      url = await launcher.start();
    } catch (error) {
      if (!(error instanceof DataDirInUseError)) throw error;
      // another test run in this checkout uses .data/test: run on a private instance instead of stopping it
      const privateDir = `.data/test-run-${process.pid}`;
      launcher = new EmbeddedPostgresLauncher(privateDir, log, 'orchestrator_test');
      url = await launcher.start();
      process.env.TEST_PRIVATE_DATA_DIR = privateDir;
    }
    (globalThis as Record<string, unknown>).__EMBEDDED_PG__ = launcher;
    process.env.DATABASE_URL = url;
  }
  const base = assertTestDatabase(url);
  const template = `${decodeURIComponent(base.pathname.slice(1))}_tpl_${process.pid}`;
  await adminQuery(url, `DROP DATABASE IF EXISTS "${template}"`);
  await adminQuery(url, `CREATE DATABASE "${template}"`);
  const ds = new DataSource(dataSourceOptions(withDatabase(url, template)));
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
  process.env.TEST_TEMPLATE_DATABASE = template;
}

function e2eSelected(globalConfig: { selectProjects?: string[]; testPathPatterns?: unknown }): boolean {
  if (globalConfig.selectProjects && !globalConfig.selectProjects.includes('e2e')) return false;
  const patterns = JSON.stringify(globalConfig.testPathPatterns ?? '');
  return !/test\/service/.test(patterns) || /e2e/.test(patterns);
}
