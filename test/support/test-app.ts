import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { Clock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/config.loader';
import { createTestDatabase, TestDatabase } from './test-database';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  app: INestApplication;
  url: string;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The real app on a real port, with its own cloned database; env overrides as a user would set them; optionally another clock. */
export async function startTestApp(env: Record<string, string> = {}, db?: TestDatabase, clock?: Clock): Promise<TestApp> {
  const database = db ?? (await createTestDatabase());
  const config = loadConfig({ ADMIN_TOKEN, LOG_FORMAT: 'text', ...env, DATABASE_URL: database.url });
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot({ ...config, databaseUrl: database.url })] });
  if (clock) builder.overrideProvider(Clock).useValue(clock);
  const moduleRef = await builder.setLogger(quietLogger()).compile();
  const app = moduleRef.createNestApplication({ rawBody: true, bodyParser: false });
  configureApp(app);
  // PORT: a test that must know the URL before the start (a sign-in's redirect URI) chooses it
  await app.listen(Number(env.PORT ?? 0), '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    db: database,
    close: async () => {
      await app.close();
      if (!db) await database.drop();
    },
  };
}

function quietLogger() {
  const show = process.env.TEST_LOGS === '1';
  const noop = () => undefined;
  return {
    log: show ? console.log : noop,
    warn: show ? console.warn : noop,
    error: (...args: unknown[]) => console.error(...args),
    debug: noop,
    verbose: noop,
    fatal: (...args: unknown[]) => console.error(...args),
  };
}
