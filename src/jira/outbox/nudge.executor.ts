import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import type { NextTicket } from '../../notifications/domain/notification-event.js';
import { Notifier } from '../../notifications/notifier.js';
import { ReadyForSprint } from '../ready-for-sprint.js';
import { JiraGateway } from '../jira.gateway.js';
import type { JiraCommand } from './jira-command.js';

type Nudge = Extract<JiraCommand, { kind: 'nudge_next' }>;
export type NudgeOutcome = 'applied' | 'already_done' | 'nothing_next' | 'nobody_designated' | 'slot_taken';

/** Marks a comment as written by a given outbox command (how a retry finds it). */
export const COMMENT_PROPERTY = 'support-flow-orchestrator';

export function writtenBy(properties: Record<string, unknown>, commandId: string): boolean {
  return (properties[COMMENT_PROPERTY] as { commandId?: string } | undefined)?.commandId === commandId;
}

/**
 * The next-ticket nudge, at send time (never in the deciding transaction: it reads Jira): the ticket
 * now top of Ready for sprint gets one comment mentioning the designated developer, and the channels
 * hear that the slot is free and what is next. Once per freeing: the command id marks the comment.
 */
@Injectable()
export class NudgeExecutor {
  constructor(
    private readonly jira: JiraGateway,
    private readonly ready: ReadyForSprint,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
  ) {}

  async execute(m: EntityManager, c: Nudge, commandId: string): Promise<NudgeOutcome> {
    const holder = await this.holder(m);
    if (holder) {
      await this.announce(m, c, { ...holder, pickedUp: true }, true);
      return 'slot_taken';
    }
    const [top] = await this.ready.ranked();
    if (!top) {
      await this.announce(m, c, null, true);
      return 'nothing_next';
    }
    let outcome: NudgeOutcome = 'nobody_designated';
    if (c.accountId) {
      const existing = await this.jira.comments(top.key);
      outcome = existing.some((x) => writtenBy(x.properties, commandId)) ? 'already_done' : 'applied';
      if (outcome === 'applied') {
        const text = `: ${top.key} is next for you (slot freed by ${c.because}).`;
        await this.jira.addComment(top.key, text, { [COMMENT_PROPERTY]: { commandId } }, { accountId: c.accountId, text: `@${c.accountId}` });
      }
    }
    await this.announce(m, c, { key: top.key, summary: top.summary, pickedUp: false }, true);
    return outcome;
  }

  /** The nudge failed for good (Jira unreadable): the channels still hear that the slot is free. */
  gaveUp(m: EntityManager, c: Nudge): Promise<void> {
    return this.announce(m, c, null, false);
  }

  private announce(m: EntityManager, c: Nudge, next: NextTicket | null, queueRead: boolean): Promise<void> {
    return this.notifier.notify(
      m,
      [{ event: 'slot_freed', ticketKey: c.key, because: c.because, next, queueRead, designatedDeveloper: c.accountId }],
      this.clock.now(),
    );
  }

  private async holder(m: EntityManager): Promise<{ key: string; summary: string | null } | null> {
    const [row]: { key: string; summary: string | null }[] = await m.query(
      `SELECT o.ticket_key AS key, t.summary FROM slot_occupancy o LEFT JOIN ticket t ON t.key = o.ticket_key WHERE o.released_at IS NULL LIMIT 1`,
    );
    return row ?? null;
  }
}
