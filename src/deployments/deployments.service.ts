import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { isReleaseEnvironment } from '../flow/domain/release.policy.js';
import { FlowService } from '../flow/flow.service.js';
import type { Deployment } from './domain/deployment.js';
import { DeploymentEntity } from './persistence/deployment.entity.js';
import { AuditLog } from '../audit/audit.log.js';

export interface DeploymentResult {
  id: string;
  environment: string;
  status: string;
  issueKeys: string[];
  /** whether the environment counts as the release environment (RELEASE_ENVIRONMENT, RELEASE_ENVIRONMENTS, RELEASE_ENVIRONMENT_TYPE) */
  inReleaseEnvironment: boolean;
  released: string[];
  duplicate: boolean;
}

/** Records a deployment once per id and lets the flow release the slot, in one transaction. */
@Injectable()
export class DeploymentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly flow: FlowService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  report(d: Deployment): Promise<DeploymentResult> {
    return this.db.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO deployment (id, environment, status, issue_keys, source, url, environment_type, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [d.id, d.environment, d.status, d.issueKeys, d.source, d.url, d.environmentType ?? null, this.clock.now()],
      );
      if (inserted.length === 0) return this.recorded(m, d.id);
      const event = {
        type: 'deployment',
        id: d.id,
        environment: d.environment,
        status: d.status,
        issueKeys: d.issueKeys,
        environmentType: d.environmentType,
      } as const;
      const decision = await this.flow.apply(event, this.audit.in(m));
      const released = decision.ok ? decision.records.flatMap((r) => (r.type === 'slot.released' ? [r.key] : [])) : [];
      if (released.length) await m.update(DeploymentEntity, { id: d.id }, { released });
      const inReleaseEnvironment = isReleaseEnvironment(d, this.flow.policy);
      return { id: d.id, environment: d.environment, status: d.status, issueKeys: d.issueKeys, inReleaseEnvironment, released, duplicate: false };
    });
  }

  /** A repeat answers with what the first delivery recorded, not with what the repeat says. */
  private async recorded(m: EntityManager, id: string): Promise<DeploymentResult> {
    const row = await m.findOneByOrFail(DeploymentEntity, { id });
    const inReleaseEnvironment = isReleaseEnvironment({ environment: row.environment, environmentType: row.environmentType }, this.flow.policy);
    return { id: row.id, environment: row.environment, status: row.status, issueKeys: row.issueKeys, inReleaseEnvironment, released: [], duplicate: true };
  }
}
