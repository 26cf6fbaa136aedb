import './ts-resolve';
import { EmbeddedPostgresLauncher } from '../../src/database/embedded-postgres.launcher';
import { rmSync } from 'node:fs';
import { adminQuery } from './database-admin';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const template = process.env.TEST_TEMPLATE_DATABASE;
  if (url && template) await adminQuery(url, `DROP DATABASE IF EXISTS "${template}"`).catch(() => undefined);
  const launcher = (globalThis as Record<string, unknown>).__EMBEDDED_PG__ as EmbeddedPostgresLauncher | undefined;
  await launcher?.stop();
  const privateDir = process.env.TEST_PRIVATE_DATA_DIR;
  if (privateDir) rmSync(privateDir, { recursive: true, force: true });
}
