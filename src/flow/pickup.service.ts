import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError } from '../common/domain.error.js';
import { JiraError } from '../jira/jira.errors.js';
import type { JiraIssue } from '../jira/jira.types.js';
import type { Decision } from './domain/flow.types.js';
import { FlowService } from './flow.service.js';
import { ReadyQueueReader } from './ready-queue.reader.js';

/** An API pickup: the service chooses the top of Ready for sprint, read from Jira at decision time. */
@Injectable()
export class PickupService {
  constructor(
    private readonly flow: FlowService,
    private readonly ready: ReadyQueueReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async pickUp(actor: string): Promise<{ key: string; summary: string; priority: string | null; assignee: string; since: Date }> {
    // refusals that need no Jira read come first, in the contract's order
    const early = await this.flow.pickupRefusal(actor);
    if (early) refuse(early);
    const ready = await this.readyQueue();
    const decision = await this.flow.apply({ type: 'api_pickup', actor, readyQueue: ready.map((i) => i.key) });
    refuse(decision);
    const holder = (decision as Extract<Decision, { ok: true }>).next.holder!;
    const issue = ready.find((i) => i.key === holder.key)!;
    return { key: holder.key, summary: issue.summary, priority: issue.priority, assignee: actor, since: holder.since };
  }

  async readyQueue(): Promise<JiraIssue[]> {
    if (!this.config.jira) throw new DomainError('jira_unavailable', 'Jira is not configured: the top of Ready for sprint cannot be read, nothing was changed');
    try {
      return await this.ready.ranked();
    } catch (error) {
      if (error instanceof JiraError) throw new DomainError('jira_unavailable', `Jira could not be read, nothing was changed: ${error.message}`);
      throw error;
    }
  }
}

function refuse(decision: Decision): void {
  if (!decision.ok) throw new DomainError(decision.code, decision.message);
}
