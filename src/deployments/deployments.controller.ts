import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AcceptsGithubSignature, Roles } from '../auth/roles.decorator.js';
import { DomainError } from '../common/domain.error.js';
import { normalizeDeployment } from './domain/deployment.normalizer.js';
import { DeploymentResult, DeploymentsService } from './deployments.service.js';

@ApiTags('deployments')
@ApiBearerAuth()
@Controller('api/deployments')
export class DeploymentsController {
  constructor(private readonly deployments: DeploymentsService) {}

  /** Native body, GitHub deployment_status, or Jira's deployments API body: 202 new, 200 a repeat. */
  @Post()
  @Roles('ci')
  @AcceptsGithubSignature()
  @ApiBody({ schema: { example: { id: 'jenkins-deploy-d-1842', environment: 'D', status: 'successful', issueKeys: ['QAOPS-12'], commits: [{ sha: '9f1c2e7', message: 'QAOPS-12 fix rounding' }] } } })
  async report(@Body() body: unknown, @Headers('x-github-event') githubEvent: string | undefined, @Res({ passthrough: true }) res: Response) {
    if (githubEvent === 'ping') {
      res.status(200);
      return { ok: true };
    }
    const result = normalizeDeployment(body, { githubEvent });
    if (!result.ok) {
      throw new DomainError('validation_failed', `Invalid deployment: ${result.problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`, { fields: result.problems });
    }
    const outcomes: DeploymentResult[] = [];
    for (const d of result.deployments) outcomes.push(await this.deployments.report(d));
    res.status(outcomes.every((o) => o.duplicate) ? 200 : 202);
    if (outcomes.length === 1) return outcomes[0];
    return { ...outcomes[outcomes.length - 1], released: outcomes.flatMap((o) => o.released), deployments: outcomes };
  }
}
