import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { FlowService } from '../flow/flow.service.js';
import { DeploymentEntity } from '../flow/persistence/deployment.entity.js';
import type { Deployment } from './domain/deployment.js';

export interface DeploymentResult {
  id: string;
  environment: string;
  status: string;
  issueKeys: string[];
  released: string[];
  duplicate: boolean;
}

/** Records a deployment once per id and lets the flow release the slot, in one transaction. */
@Injectable()
export class DeploymentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly flow: FlowService,
    private readonly clock: Clock,
  ) {}

  report(d: Deployment): Promise<DeploymentResult> {
    return this.db.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO deployment (id, environment, status, issue_keys, source, url, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [d.id, d.environment, d.status, d.issueKeys, d.source, d.url, this.clock.now()],
      );
      const base = { id: d.id, environment: d.environment, status: d.status, issueKeys: d.issueKeys };
      if (inserted.length === 0) return { ...base, released: [], duplicate: true };
      const decision = await this.flow.apply({ type: 'deployment', id: d.id, environment: d.environment, status: d.status, issueKeys: d.issueKeys }, m);
      const released = decision.ok ? decision.records.flatMap((r) => (r.type === 'slot.released' ? [r.key] : [])) : [];
      if (released.length) await m.update(DeploymentEntity, { id: d.id }, { released });
      return { ...base, released, duplicate: false };
    });
  }
}
