import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { NextTicket, NotificationEvent } from '../../notifications/domain/notification-event.js';
import { ReadyForSprint } from '../ready-for-sprint.js';
import { JiraGateway } from '../jira.gateway.js';
import { CommentMarks } from './comment-marks.js';
import type { Attempt, Sent } from './change.executor.js';
import type { JiraChange } from './jira-change.js';

type Nudge = Extract<JiraChange, { kind: 'nudge_next' }>;
export type NudgeOutcome = 'applied' | 'already_done' | 'nothing_next' | 'nobody_designated' | 'slot_taken';

/**
 * The next-ticket nudge, at send time (never in the deciding transaction: it reads Jira): the ticket
 * now top of Ready for sprint gets one comment mentioning the designated developer, and the channels
 * hear that the slot is free and what is next. Once per freeing: the change's mark is on the comment.
 */
@Injectable()
export class NudgeExecutor {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jira: JiraGateway,
    private readonly ready: ReadyForSprint,
    private readonly marks: CommentMarks,
  ) {}

  async execute(c: Nudge, attempt: Attempt): Promise<Sent> {
    const holder = await this.holder();
    if (holder) return { outcome: 'slot_taken', notifications: [this.freed(c, { ...holder, pickedUp: true }, true)] };
    const [top] = await this.ready.ranked();
    if (!top) return { outcome: 'nothing_next', notifications: [this.freed(c, null, true)] };
    if (!c.accountId) return { outcome: 'nobody_designated', notifications: [this.freed(c, { key: top.key, summary: top.summary, pickedUp: false }, true)] };
    // an attempt records its ticket before it writes there: a retry looks there (the ticket may be top no longer)
    if (attempt.retry && attempt.sentTo && (await this.marks.written(attempt.sentTo, attempt.commandId))) {
      return { outcome: 'already_done', notifications: [this.freed(c, await this.next(attempt.sentTo, top), true)] };
    }
    await attempt.sendingTo(top.key);
    const text = `: ${top.key} is next for you (slot freed by ${c.because}).`;
    await this.jira.addComment(top.key, text, this.marks.mark(attempt.commandId), { accountId: c.accountId, text: `@${c.accountId}` });
    return { outcome: 'applied', notifications: [this.freed(c, { key: top.key, summary: top.summary, pickedUp: false }, true)] };
  }

  private async next(key: string, top: { key: string; summary: string }): Promise<NextTicket> {
    if (key === top.key) return { key, summary: top.summary, pickedUp: false };
    const [row]: { summary: string | null }[] = await this.db.query(`SELECT summary FROM ticket WHERE key = $1`, [key]);
    return { key, summary: row?.summary ?? null, pickedUp: false };
  }

  /** The nudge failed for good (Jira unreadable): the channels still hear that the slot is free. */
  gaveUp(c: Nudge): NotificationEvent[] {
    return [this.freed(c, null, false)];
  }

  private freed(c: Nudge, next: NextTicket | null, queueRead: boolean): NotificationEvent {
    return { event: 'slot_freed', ticketKey: c.key, because: c.because, next, queueRead, designatedDeveloper: c.accountId };
  }

  private async holder(): Promise<{ key: string; summary: string | null } | null> {
    const [row]: { key: string; summary: string | null }[] = await this.db.query(
      `SELECT o.ticket_key AS key, t.summary FROM slot_occupancy o LEFT JOIN ticket t ON t.key = o.ticket_key WHERE o.released_at IS NULL LIMIT 1`,
    );
    return row ?? null;
  }
}
