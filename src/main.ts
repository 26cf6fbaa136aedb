import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { ConfigError, loadConfig } from './config/config.loader.js';
import { EmbeddedPostgresLauncher } from './database/embedded-postgres.launcher.js';
import { WorkerSupervisor } from './worker/worker.supervisor.js';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = new ConsoleLogger({ json: config.logFormat === 'json', prefix: 'Orchestrator' });
  const log = new Logger('Bootstrap');
  Logger.overrideLogger(logger);

  let embedded: EmbeddedPostgresLauncher | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = new EmbeddedPostgresLauncher(config.dataDir, { log: (m) => log.log(m), warn: (m) => log.warn(m) });
    databaseUrl = await embedded.start();
    log.log('DATABASE_URL is not set: using the embedded PostgreSQL');
  }

  let app;
  try {
    const processRole = config.separateWorker ? 'web' : 'all';
    app = await NestFactory.create(AppModule.forRoot({ ...config, databaseUrl, processRole }), {
      logger,
      rawBody: true,
      bodyParser: false,
      abortOnError: false,
    });
    configureApp(app);
    await app.listen(config.port, '0.0.0.0');
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  log.log(`Listening on port ${config.port}`);
  // started once the migrations ran (above): the worker process applies webhooks and sends Jira changes
  const worker = config.separateWorker ? new WorkerSupervisor(databaseUrl) : undefined;
  worker?.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log(`${signal}: stopping`);
    // stop intake first; app.close() then lets in-flight decisions and Jira calls finish
    (app.getHttpServer() as { close(): void }).close();
    await worker?.stop();
    await app.close().catch((e: unknown) => log.error(String(e)));
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error instanceof Error ? error.stack : error);
  }
  process.exit(1);
});
