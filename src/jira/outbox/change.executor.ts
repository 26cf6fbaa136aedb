import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { NotificationEvent } from '../../notifications/domain/notification-event.js';
import { BoardDiscovery } from '../board-discovery.service.js';
import { JiraError } from '../jira.errors.js';
import { JiraGateway } from '../jira.gateway.js';
import { CommentMarks, COMMENT_PROPERTY } from './comment-marks.js';
import { EscalationPort } from './escalation.port.js';
import type { JiraChange } from './jira-change.js';
import { NudgeExecutor, type NudgeOutcome } from './nudge.executor.js';

export type Outcome = 'applied' | 'already_done' | NudgeOutcome;

export interface Attempt {
  commandId: string;
  /** an earlier attempt may have reached Jira (its answer lost, or the service stopped before recording it): find out first */
  retry: boolean;
  /** when the change was first sent to Jira */
  firstAttemptAt: Date;
  /** the issue an earlier attempt chose (a nudge's ticket), if any */
  sentTo: string | null;
  /** records (committed) the issue this attempt is about to write to, before it writes */
  sendingTo(key: string): Promise<void>;
}

export interface Sent {
  outcome: Outcome;
  /** what the channels hear of it, written with the change's completion */
  notifications?: NotificationEvent[];
}

const done = (outcome: Outcome): Sent => ({ outcome });

/**
 * Sends one command so that it happens once in Jira, whatever answers are lost: changes of state
 * (status, assignee, labels, link, sprint, priority) are read back from the issue first and made only
 * if Jira does not have them yet; comments and notes carry the change's mark and, on a retry, are
 * looked for by it first.
 */
@Injectable()
export class ChangeExecutor {
  constructor(
    private readonly jira: JiraGateway,
    private readonly boards: BoardDiscovery,
    private readonly moduleRef: ModuleRef,
    private readonly nudges: NudgeExecutor,
    private readonly marks: CommentMarks,
  ) {}

  async execute(command: JiraChange, attempt: Attempt): Promise<Sent> {
    switch (command.kind) {
      case 'transition':
        return done(await this.transition(command));
      case 'assign': {
        const issue = await this.jira.issue(command.key);
        if (issue.assignee === command.accountId) return done('already_done');
        await this.jira.assign(command.key, command.accountId);
        return done('applied');
      }
      case 'comment': {
        if (attempt.retry && (await this.marks.written(command.key, attempt.commandId))) return done('already_done');
        const mention = command.mention ? { accountId: command.mention, text: `@${command.mention}` } : undefined;
        await this.jira.addComment(command.key, command.text, this.marks.mark(attempt.commandId), mention);
        return done('applied');
      }
      case 'service_desk_note':
        return done(await this.note(command, attempt));
      case 'labels': {
        const issue = await this.jira.issue(command.key);
        const add = command.add.filter((l) => !issue.labels.includes(l));
        const remove = command.remove.filter((l) => issue.labels.includes(l));
        if (add.length === 0 && remove.length === 0) return done('already_done');
        await this.jira.editLabels(command.key, add, remove);
        return done('applied');
      }
      case 'link': {
        const issue = await this.jira.issue(command.inwardKey);
        const linked = issue.links.some((l) => l.type.toLowerCase() === command.type.toLowerCase() && l.otherKey === command.outwardKey);
        if (linked) return done('already_done');
        await this.jira.link(command.type, command.inwardKey, command.outwardKey);
        return done('applied');
      }
      case 'add_to_sprint':
        return done(await this.addToSprint(command.key, command.sprintId));
      case 'escalate':
        return done(await this.moduleRef.get(EscalationPort, { strict: false }).escalateOnce(command.key));
      case 'set_priority': {
        const issue = await this.jira.issue(command.key);
        if (issue.priority === command.priority) return done('already_done');
        await this.jira.setPriority(command.key, command.priority);
        return done('applied');
      }
      case 'nudge_next':
        return this.nudges.execute(command, attempt);
    }
  }

  /**
   * A JSM note is written through JSM (the one documented way to make it internal), which takes no
   * properties: it is marked right after, through the platform's comment property resource.
   */
  private async note(command: Extract<JiraChange, { kind: 'service_desk_note' }>, attempt: Attempt): Promise<Outcome> {
    const mark = { commandId: attempt.commandId };
    if (attempt.retry) {
      const found = await this.marks.note(command.key, command, attempt.commandId, attempt.firstAttemptAt);
      if (found === 'marked') return 'already_done';
      if (found !== null) {
        await this.jira.setCommentProperty(found, COMMENT_PROPERTY, mark);
        return 'already_done';
      }
    }
    const { id } = await this.jira.addRequestComment(command.key, command.text, command.public);
    await this.jira.setCommentProperty(id, COMMENT_PROPERTY, mark);
    return 'applied';
  }

  private async transition(command: Extract<JiraChange, { kind: 'transition' }>): Promise<Outcome> {
    const issue = await this.jira.issue(command.key);
    if (command.toStatusIds.includes(issue.statusId)) return 'already_done';
    const transitions = await this.jira.transitions(command.key);
    const transition = transitions.find((t) => command.toStatusIds.includes(t.toStatusId));
    if (!transition) {
      const available = transitions.map((t) => `${t.name} → ${t.toStatusId}`).join(', ') || 'none';
      throw new JiraError(`No transition of ${command.key} leads to status ${command.toStatusIds.join(' or ')} (available: ${available})`, {
        status: 400,
        retryable: false,
      });
    }
    await this.jira.transition(command.key, transition.id, command.resolution);
    return 'applied';
  }

  private async addToSprint(key: string, wanted: number | 'active'): Promise<Outcome> {
    const sprintId = wanted === 'active' ? (await this.boards.refresh()).activeSprint?.id : wanted;
    if (!sprintId) throw new JiraError(`The Sprint Work board has no active sprint to add ${key} to`, { status: 409, retryable: true });
    const issue = await this.jira.issue(key);
    if (issue.sprintIds.includes(sprintId)) return 'already_done';
    await this.jira.moveToSprint(sprintId, [key]);
    return 'applied';
  }
}
