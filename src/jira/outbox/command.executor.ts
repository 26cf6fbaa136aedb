import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { BoardDiscovery } from '../board-discovery.service.js';
import { JiraError } from '../jira.errors.js';
import { JiraGateway } from '../jira.gateway.js';
import { EscalationPort } from './escalation.port.js';
import type { JiraCommand } from './jira-command.js';
import { COMMENT_PROPERTY, NudgeExecutor, writtenBy, type NudgeOutcome } from './nudge.executor.js';

export type Outcome = 'applied' | 'already_done' | NudgeOutcome;

/**
 * Sends one command, after checking Jira's current state so that a retry (or a second instance)
 * never applies a change twice.
 */
@Injectable()
export class CommandExecutor {
  constructor(
    private readonly jira: JiraGateway,
    private readonly boards: BoardDiscovery,
    private readonly moduleRef: ModuleRef,
    private readonly nudges: NudgeExecutor,
  ) {}

  /** `m`: the transaction that holds the command's claim (the nudge tells the channels in it). */
  async execute(command: JiraCommand, commandId: string, m: EntityManager): Promise<Outcome> {
    switch (command.kind) {
      case 'transition':
        return this.transition(command);
      case 'assign': {
        const issue = await this.jira.issue(command.key);
        if (issue.assignee === command.accountId) return 'already_done';
        await this.jira.assign(command.key, command.accountId);
        return 'applied';
      }
      case 'comment': {
        const existing = await this.jira.comments(command.key);
        if (existing.some((c) => writtenBy(c.properties, commandId))) return 'already_done';
        const mention = command.mention ? { accountId: command.mention, text: `@${command.mention}` } : undefined;
        await this.jira.addComment(command.key, command.text, { [COMMENT_PROPERTY]: { commandId } }, mention);
        return 'applied';
      }
      case 'service_desk_note': {
        const existing = await this.jira.requestComments(command.key);
        if (existing.some((c) => c.text === command.text && c.public === command.public)) return 'already_done';
        await this.jira.addRequestComment(command.key, command.text, command.public);
        return 'applied';
      }
      case 'labels': {
        const issue = await this.jira.issue(command.key);
        const add = command.add.filter((l) => !issue.labels.includes(l));
        const remove = command.remove.filter((l) => issue.labels.includes(l));
        if (add.length === 0 && remove.length === 0) return 'already_done';
        await this.jira.editLabels(command.key, add, remove);
        return 'applied';
      }
      case 'link': {
        const issue = await this.jira.issue(command.inwardKey);
        const linked = issue.links.some((l) => l.type.toLowerCase() === command.type.toLowerCase() && l.otherKey === command.outwardKey);
        if (linked) return 'already_done';
        await this.jira.link(command.type, command.inwardKey, command.outwardKey);
        return 'applied';
      }
      case 'add_to_sprint':
        return this.addToSprint(command.key, command.sprintId);
      case 'escalate':
        return this.moduleRef.get(EscalationPort, { strict: false }).escalateOnce(command.key);
      case 'set_priority': {
        const issue = await this.jira.issue(command.key);
        if (issue.priority === command.priority) return 'already_done';
        await this.jira.setPriority(command.key, command.priority);
        return 'applied';
      }
      case 'nudge_next':
        return this.nudges.execute(m, command, commandId);
    }
  }

  private async transition(command: Extract<JiraCommand, { kind: 'transition' }>): Promise<Outcome> {
    const issue = await this.jira.issue(command.key);
    if (command.toStatusIds.includes(issue.statusId)) return 'already_done';
    const transitions = await this.jira.transitions(command.key);
    const transition = transitions.find((t) => command.toStatusIds.includes(t.toStatusId));
    if (!transition) {
      throw new JiraError(
        `No transition of ${command.key} leads to status ${command.toStatusIds.join(' or ')} (available: ${transitions.map((t) => `${t.name} → ${t.toStatusId}`).join(', ') || 'none'})`,
        400,
        false,
      );
    }
    await this.jira.transition(command.key, transition.id, command.resolution);
    return 'applied';
  }

  private async addToSprint(key: string, wanted: number | 'active'): Promise<Outcome> {
    const sprintId = wanted === 'active' ? (await this.boards.refresh()).activeSprint?.id : wanted;
    if (!sprintId) throw new JiraError(`The Sprint Work board has no active sprint to add ${key} to`, 409, true);
    const issue = await this.jira.issue(key);
    if (issue.sprintIds.includes(sprintId)) return 'already_done';
    await this.jira.moveToSprint(sprintId, [key]);
    return 'applied';
  }
}
