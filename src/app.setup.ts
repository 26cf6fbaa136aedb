import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DomainError } from './common/domain.error.js';
import { DomainErrorFilter } from './common/domain-error.filter.js';
import { unstorableJson } from './common/json-safety.js';
import { createValidationPipe } from './common/validation.pipe.js';
import { githubFormPayload } from './deployments/github-form-payload.middleware.js';

export const BODY_LIMIT = '1mb';

/** Everything main.ts and the e2e tests must set up the same way. */
export function configureApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  // rawBody: true (at create) keeps the exact bytes for signature checks; the limit gives 413.
  // Every body is read as JSON whatever its Content-Type, so a non-JSON body is a clear 400.
  express.useBodyParser('json', { limit: BODY_LIMIT, type: () => true });
  // …except GitHub's form delivery of a deployment (payload=<json>), read by this error handler
  express.use(githubFormPayload);
  // a body PostgreSQL cannot store (NUL, lone surrogates, absurd nesting) is the client's error, not a 500
  express.use((req: { body?: unknown }, _res: unknown, next: (error?: unknown) => void) => {
    const reason = req.body === undefined ? null : unstorableJson(req.body);
    next(reason ? new DomainError('invalid_json', `The body cannot be accepted: ${reason}`) : undefined);
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DomainErrorFilter());
  const doc = new DocumentBuilder()
    .setTitle('3rd-line support flow orchestrator')
    .setDescription('Enforces WIP 1, the deploy gate and the service desk link-back beside Jira')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc));
}
