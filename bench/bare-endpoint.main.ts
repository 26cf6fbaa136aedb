// The reference for intake: a Nest app with the service's adapter and set-up (express, raw body,
// the same JSON body parser, pipes, filter) whose one endpoint answers 202 without any work.
import 'reflect-metadata';
import { Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureApp } from '../src/app.setup';

@Controller('webhooks')
class BareController {
  @Post('jira')
  @HttpCode(202)
  receive(): { duplicate: boolean } {
    return { duplicate: false };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BareModule, { rawBody: true, bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app);
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  console.log(`bare endpoint listening on ${process.env.PORT}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
