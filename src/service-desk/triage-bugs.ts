import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JiraError } from '../jira/jira.errors.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import type { JiraIssue } from '../jira/jira.types.js';
import { COMMENT_PROPERTY } from '../jira/outbox/comment-marks.js';
import type { EffectivePriority } from './domain/sla.policy.js';

const EXCERPT = 1500;

/** The issue property a triage bug the service created carries: which client ticket it was escalated from. */
export const ESCALATION_PROPERTY = COMMENT_PROPERTY;

/**
 * Triage bugs in Jira, each created once per client ticket whatever answers are lost: the create
 * request itself links the bug to the client ticket (`update.issuelinks`) and marks it with an issue
 * property, so the client ticket's links (a strongly consistent read, not the search index) and the
 * candidate's property say whether an earlier attempt created it.
 */
@Injectable()
export class TriageBugs {
  constructor(
    private readonly jira: JiraGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The triage bug this service created for the client ticket, as the ticket (read just now) shows it; null if none. */
  async createdFor(ticket: JiraIssue): Promise<string | null> {
    const prefix = `${this.config.jira?.triageProject}-`;
    for (const link of ticket.links.filter((l) => l.otherKey.startsWith(prefix))) {
      const mark = (await this.jira.issueProperty(link.otherKey, ESCALATION_PROPERTY)) as { escalationOf?: unknown } | null;
      if (mark?.escalationOf === ticket.key) return link.otherKey;
    }
    return null;
  }

  /**
   * Creates the triage bug, unless an earlier attempt did: found first; and when Jira's answer to the
   * create is lost, the ticket is read again to find out. Throws Jira's error when it is not there.
   */
  async createOnce(ticket: JiraIssue, priority: EffectivePriority): Promise<string> {
    const found = await this.createdFor(ticket);
    if (found) return found;
    try {
      return (await this.jira.createIssue(this.bugOf(ticket, priority))).key;
    } catch (error) {
      if (!(error instanceof JiraError) || !error.answerLost) throw error;
      const created = await this.createdFor(await this.jira.issue(ticket.key));
      if (created) return created;
      throw error;
    }
  }

  private bugOf(ticket: JiraIssue, priority: EffectivePriority) {
    const jira = this.config.jira!;
    const excerpt = `${ticket.description.slice(0, EXCERPT)}${ticket.description.length > EXCERPT ? ' …' : ''}`;
    return {
      projectKey: jira.triageProject,
      issueType: this.config.triageIssueType,
      summary: `${ticket.summary} [${ticket.key}]`.slice(0, 250),
      description: `Escalated from ${ticket.key}.\n\n${excerpt}`,
      labels: [this.config.triageLabel],
      ...(priority.effective ? { priority: priority.effective } : {}),
      // the bug stands as the inward issue, so it reads "<bug> <outward words> <ticket>", e.g. "QAOPS-5 relates to SUP-12"
      links: [{ type: this.config.serviceDeskLinkType, outwardKey: ticket.key }],
      properties: { [ESCALATION_PROPERTY]: { escalationOf: ticket.key } },
    };
  }
}
