import { Controller, Headers, HttpCode, Inject, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/roles.decorator.js';
import { DomainError } from '../common/domain.error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { WebhookMetricsInterceptor } from '../metrics/webhook-metrics.interceptor.js';
import { envelopeProblem } from '../jira/events/jira-envelope.check.js';
import type { WebhookBody } from '../jira/events/jira-event.mapper.js';
import { InboxService } from './inbox.service.js';
import { validSignature, validToken } from './webhook-signature.js';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(
    private readonly inbox: InboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('jira')
  @Public()
  @HttpCode(202)
  @UseInterceptors(WebhookMetricsInterceptor)
  @ApiOperation({ summary: 'Jira admin webhook (signed with X-Hub-Signature) or Jira Automation (X-Webhook-Token)' })
  receive(
    @Req() req: Request & { rawBody?: Buffer },
    @Headers('x-hub-signature') signature: string | undefined,
    @Headers('x-webhook-token') token: string | undefined,
    @Headers('x-atlassian-webhook-identifier') identifier: string | undefined,
  ): Promise<{ duplicate: boolean }> {
    const raw = req.rawBody ?? Buffer.alloc(0);
    const secret = this.config.webhook.secret;
    if (secret && !validSignature(signature, raw, secret) && !validToken(token, secret)) {
      throw new DomainError(
        'invalid_signature',
        signature || token
          ? 'The webhook signature does not match JIRA_WEBHOOK_SECRET'
          : 'The webhook carries no X-Hub-Signature (or X-Webhook-Token) and JIRA_WEBHOOK_SECRET is set',
      );
    }
    const body: unknown = req.body;
    if (raw.length === 0 || !body || typeof body !== 'object' || Array.isArray(body)) {
      throw new DomainError('invalid_json', 'The body must be a JSON object (a Jira webhook event)');
    }
    const problem = envelopeProblem(body as Record<string, unknown>);
    if (problem) throw new DomainError('not_a_jira_event', problem);
    return this.inbox.accept(body as WebhookBody, raw, identifier?.slice(0, 200));
  }
}
