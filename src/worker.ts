import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/config.loader.js';

/** The worker process of `npm start` (see worker/worker.supervisor.ts): the background loops, no HTTP. */
async function work(): Promise<void> {
  const config = loadConfig();
  const logger = new ConsoleLogger({ json: config.logFormat === 'json', prefix: 'Orchestrator worker' });
  Logger.overrideLogger(logger);
  const databaseUrl = config.databaseUrl;
  if (!databaseUrl) throw new Error('The worker process needs DATABASE_URL (the HTTP process passes it)');
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, databaseUrl, processRole: 'worker' }), { logger, abortOnError: false });
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    new Logger('Worker').log(`${why}: stopping`);
    await app.close().catch((e: unknown) => console.error(e));
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => undefined); // Ctrl-C reaches the whole group: the HTTP process stops this one in order
  process.once('disconnect', () => void stop('the HTTP process is gone'));
}

work().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
