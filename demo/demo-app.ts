import type { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { Clock } from '../src/common/clock';
import { loadConfig } from '../src/config/config.loader';

export interface DemoApp {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** The real service, as `npm start` builds it, with the demo's clock in place of the system one. */
export async function startDemoApp(opts: {
  databaseUrl: string;
  env: Record<string, string>;
  clock: Clock;
  port: number;
  logger: LoggerService;
}): Promise<DemoApp> {
  const config = loadConfig({ ...opts.env, DATABASE_URL: opts.databaseUrl });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ ...config, databaseUrl: opts.databaseUrl })] })
    .overrideProvider(Clock)
    .useValue(opts.clock)
    .setLogger(opts.logger)
    .compile();
  const app = moduleRef.createNestApplication({ rawBody: true, bodyParser: false });
  configureApp(app);
  await app.listen(opts.port, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
