import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import type { JiraIssue } from '../jira/jira.types.js';
import { ticketPriority } from './domain/sla.policy.js';
import { ServiceDeskLinkEntity } from './persistence/service-desk-link.entity.js';

const CHUNK = 100;

/**
 * The linked JSM tickets, read again: their priority and environment decide the bug's SLA priority,
 * and JSM ticket changes reach the service by no other path than this (part of every reconciliation).
 */
@Injectable()
export class SlaPriorityReconciler {
  private readonly logger = new Logger('Reconcile');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jira: JiraGateway,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async repair(): Promise<{ checked: number; repaired: number }> {
    let checked = 0;
    let repaired = 0;
    const links = this.db.getRepository(ServiceDeskLinkEntity);
    for (let afterId = '0'; ;) {
      const chunk = await links.find({ where: { state: 'linked', id: MoreThan(afterId) }, order: { id: 'ASC' }, take: CHUNK });
      if (chunk.length === 0) break;
      afterId = chunk[chunk.length - 1].id;
      const keys = [...new Set(chunk.map((l) => l.serviceDeskKey))];
      let tickets: JiraIssue[];
      try {
        tickets = await this.readAll(`key in (${keys.join(',')})`);
      } catch (error) {
        this.logger.warn(`Service desk tickets ${keys[0]}…: not read (${(error as Error).message})`);
        continue;
      }
      const byKey = new Map(tickets.map((t) => [t.key, t]));
      for (const link of chunk) {
        const ticket = byKey.get(link.serviceDeskKey);
        if (!ticket) continue;
        checked++;
        const drifts = (t: JiraIssue) => {
          const p = ticketPriority(t, this.config.serviceDeskEnvironmentField, this.config.serviceDesk.testEnvironments);
          return p.reported === link.reportedPriority && p.effective === link.effectivePriority && p.environment === link.environment ? null : p;
        };
        if (!drifts(ticket)) continue;
        // the search hit may be stale (Jira's index lags): repair from the ticket as Jira has it now
        const current = await this.jira.issue(ticket.key).catch((error: unknown) => {
          this.logger.warn(`Service desk ticket ${ticket.key}: not read again (${(error as Error).message})`);
          return null;
        });
        const p = current && drifts(current);
        if (!p) continue;
        await this.db.transaction(async (m) => {
          await m.update(
            ServiceDeskLinkEntity,
            { id: link.id },
            { reportedPriority: p.reported, effectivePriority: p.effective, priorityReason: p.reason, environment: p.environment },
          );
          await this.audit.append(m, [
            {
              type: 'reconcile.repaired',
              ticketKey: link.bugKey,
              at: this.clock.now(),
              data: { drift: ['sla_priority'], serviceDeskKey: link.serviceDeskKey, from: link.effectivePriority, to: p.effective },
            },
          ]);
        });
        repaired++;
      }
    }
    return { checked, repaired };
  }

  /** Jira may serve fewer than asked per page: follow nextPageToken. */
  private async readAll(jql: string): Promise<JiraIssue[]> {
    const out: JiraIssue[] = [];
    let token: string | null = null;
    do {
      const page = await this.jira.search(jql, token, CHUNK);
      out.push(...page.issues);
      token = page.nextPageToken;
    } while (token);
    return out;
  }
}
