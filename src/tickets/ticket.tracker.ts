import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { StaleReadError } from '../common/stale-read.error.js';
import { KnownBoards } from '../jira/known-boards.js';
import { type Column, columnOf } from '../jira/board-layout.js';
import type { JiraEvent } from '../jira/events/jira-event.js';
import type { JiraIssue } from '../jira/jira.types.js';
import type { TicketChange } from './domain/ticket-change.js';
import { type Merge, mergeEvent, mergeLinks, type TrackedTicket } from './domain/ticket-merge.js';
import { TicketRepository } from './persistence/ticket.repository.js';
import type { TicketTx } from './ticket.tx.js';

type IssueChanged = Extract<JiraEvent, { type: 'issue_changed' }>;

/** Keeps the service's copy of each 3rd-line ticket true to Jira, never letting an older event undo a newer one. */
@Injectable()
export class TicketTracker {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly boards: KnownBoards,
    private readonly clock: Clock,
  ) {}

  /** The copy as it is now, without a lock: what a read before the decision may go by. */
  known(m: EntityManager, jiraId: string): Promise<TrackedTicket | null> {
    return this.tickets.byJiraId(m, jiraId);
  }

  knownAll(m: EntityManager, jiraIds: string[]): Promise<TrackedTicket[]> {
    return this.tickets.byJiraIds(m, jiraIds);
  }

  /** The change the event would make to `known`, computed without writing: what to read from Jira first. */
  preview(known: TrackedTicket | null, event: IssueChanged): TicketChange {
    return this.changeOf(mergeEvent(known, event, this.columnOf()), event);
  }

  /**
   * Folds the event into the ticket under its row lock. `thirdLine` is the board filter's answer for
   * an issue not tracked yet (read before the transaction); null means not a 3rd-line ticket.
   */
  async issueChanged(tx: TicketTx, event: IssueChanged, thirdLine: boolean | undefined): Promise<TicketChange | null> {
    this.boards.sawStatus(event.issue.statusId, event.issue.statusName);
    const known = await this.tickets.locked(tx, event.issue.id);
    if (!known && thirdLine === undefined) throw new StaleReadError(`${event.issue.key} is no longer tracked; its board membership was not read`);
    if (!known && !thirdLine) return null;
    const merge = mergeEvent(known, event, this.columnOf());
    const now = this.clock.now();
    if (!merge.stale) await this.tickets.save(tx, merge.next, now);
    const change = this.changeOf(merge, event);
    const sc = change.statusChange ?? (merge.stale ? event.statusChange : null); // a stale one is recorded as what it said
    await tx.audit.record([
      {
        type: merge.stale ? 'webhook.stale_ignored' : sc ? 'ticket.status_changed' : merge.created ? 'ticket.tracked' : 'ticket.updated',
        ticketKey: change.key,
        actor: event.actor,
        at: now,
        data: { jiraTimestamp: event.timestamp, ...(sc ? { from: sc.fromName, to: sc.toName, fromId: sc.fromId, toId: sc.toId } : {}), echo: change.echo },
      },
    ]);
    return change;
  }

  /**
   * The issue was deleted in Jira: the service stops tracking it (its history stays in the audit).
   * Returns the ticket that was tracked, if any. A later event of it finds it off the board's filter.
   */
  async deleted(tx: TicketTx, event: Extract<JiraEvent, { type: 'issue_deleted' }>): Promise<TrackedTicket | null> {
    const known = await this.tickets.locked(tx, event.issueId);
    if (!known) return null;
    await this.tickets.remove(tx, event.issueId);
    await tx.audit.record([
      { type: 'ticket.deleted', ticketKey: known.key, actor: event.actor, at: this.clock.now(), data: { jiraTimestamp: event.timestamp } },
    ]);
    return known;
  }

  private changeOf(merge: Merge, event: IssueChanged): TicketChange {
    const echo = event.actor !== null && event.actor === this.boards.serviceAccountId();
    return {
      key: merge.next.key,
      created: merge.created,
      stale: merge.stale,
      echo,
      actor: event.actor,
      timestamp: event.timestamp,
      statusChange: merge.statusChange,
      fieldsFresh: merge.fieldsFresh,
      resolution: event.issue.resolution,
      ticket: merge.next,
      column: merge.next.column,
      issue: event.issue,
    };
  }

  private columnOf(): (statusId: string | null) => Column {
    const layout = this.boards.layout();
    return (statusId) => columnOf(layout, statusId);
  }

  /** Link events carry issue ids only: the links were re-read from Jira at `readAt`. Returns the tickets whose links changed. */
  async linksRead(
    tx: TicketTx,
    event: Extract<JiraEvent, { type: 'link_changed' }>,
    fresh: Map<string, JiraIssue | null>,
    readAt: number,
  ): Promise<TrackedTicket[]> {
    const changed: TrackedTicket[] = [];
    const now = this.clock.now();
    for (const jiraId of [event.sourceIssueId, event.destinationIssueId]) {
      const known = await this.tickets.locked(tx, jiraId);
      if (!known) continue;
      const issue = fresh.get(jiraId);
      if (issue === undefined) throw new StaleReadError(`${known.key} became tracked after its links were read`);
      if (issue === null) continue; // gone from Jira since

      const next = mergeLinks(known, issue.links, readAt);
      if (next === known) continue;
      await this.tickets.save(tx, next, now);
      changed.push(next);
      await tx.audit.record([
        {
          type: event.created ? 'ticket.link_added' : 'ticket.link_removed',
          ticketKey: known.key,
          at: now,
          data: { linkType: event.linkType, linkId: event.linkId },
        },
      ]);
    }
    return changed;
  }
}
