import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AcceptsGithubSignature, AcceptsGitlabToken, Roles } from '../auth/roles.decorator.js';
import { DomainError } from '../common/domain.error.js';
import type { NormalizeResult } from './domain/deployment.js';
import { DELIVERY_FORMATS } from './domain/deployment-format.recogniser.js';
import { normalizeDeployment } from './domain/deployment.normalizer.js';
import { DeploymentResult, DeploymentsService } from './deployments.service.js';

export const DEPLOYMENTS_DOC = 'README.md#report-deployments-from-ci';

@ApiTags('deployments')
@ApiBearerAuth()
@Controller('api/deployments')
export class DeploymentsController {
  constructor(private readonly deployments: DeploymentsService) {}

  /** Native body, GitHub deployment_status, Jira's deployments API body or a GitLab Deployment Hook: 202 new, 200 a repeat. */
  @Post()
  @Roles('ci')
  @AcceptsGithubSignature()
  @AcceptsGitlabToken()
  @ApiBody({
    schema: {
      example: {
        id: 'jenkins-deploy-d-1842',
        environment: 'D',
        status: 'successful',
        issueKeys: ['QAOPS-12'],
        commits: [{ sha: '9f1c2e7', message: 'QAOPS-12 fix rounding' }],
      },
    },
  })
  async report(
    @Body() body: unknown,
    @Headers('x-github-event') githubEvent: string | undefined,
    @Headers('x-gitlab-event') gitlabEvent: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (githubEvent === 'ping') {
      res.status(200);
      return { ok: true };
    }
    const result = normalizeDeployment(body, { githubEvent, gitlabEvent });
    if (!result.ok) throw refusal(result);
    if (result.ignored) {
      res.status(202);
      return { ignored: true, event: result.ignored.event, message: result.ignored.reason };
    }
    const outcomes: DeploymentResult[] = [];
    for (const d of result.deployments) outcomes.push(await this.deployments.report(d));
    res.status(outcomes.every((o) => o.duplicate) ? 200 : 202);
    if (outcomes.length === 1) return outcomes[0];
    return { ...outcomes[outcomes.length - 1], released: outcomes.flatMap((o) => o.released), deployments: outcomes };
  }
}

function refusal(result: Extract<NormalizeResult, { ok: false }>): DomainError {
  const details = result.code === 'unrecognised_format' ? { formats: DELIVERY_FORMATS, docs: DEPLOYMENTS_DOC } : { fields: result.problems };
  return new DomainError(result.code, result.message, details);
}
