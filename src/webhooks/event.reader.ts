import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ReadyQueueReader } from '../flow/ready-queue.reader.js';
import type { JiraEvent } from '../jira/events/jira-event.js';
import { notFoundAsNull } from '../jira/jira.errors.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import type { JiraIssue } from '../jira/jira.types.js';
import { LinkBackService } from '../service-desk/link-back.service.js';
import { BoardMembership } from '../tickets/board-membership.reader.js';
import type { TrackedTicket } from '../tickets/domain/ticket-merge.js';
import { TicketTracker } from '../tickets/ticket.tracker.js';
import { type KnownIssue, readsOf, type Reads } from './domain/event-reads.js';

type Of<T extends JiraEvent['type']> = Extract<JiraEvent, { type: T }>;

/**
 * An event with everything its decision needs from Jira, read before its transaction opens. Every
 * field is there: `null` says it was not read because the event did not need it (`readsOf`).
 */
export type Prepared =
  | {
      type: 'issue';
      event: Of<'issue_changed'>;
      /** an untracked issue is on the QA/Operations board's filter (null: it was tracked, not asked) */
      thirdLine: boolean | null;
      /** the tickets of Ready for sprint that outrank a move into In Progress (null: not a pickup move) */
      outranking: string[] | null;
      /** the client ticket link-back is about to link, as Jira has it (null: none, or Jira did not answer) */
      serviceDeskTicket: JiraIssue | null;
    }
  /** an edit of a service desk ticket (not tracked: it may only escalate itself) */
  | { type: 'service_desk'; event: Of<'issue_changed'> }
  /** the tracked issues of a link event as Jira has them now (null: gone), and when they were read */
  | { type: 'link'; event: Of<'link_changed'>; issues: Map<string, JiraIssue | null>; readAt: number }
  | { type: 'sprint'; event: Of<'sprint_changed'>; boardId: number | null }
  | { type: 'deleted'; event: Of<'issue_deleted'> }
  | { type: 'ignored'; event: Of<'ignored'> };

/** What a caller knows already and the reader need not ask (a reconciliation found the issue on the QA/Operations board, its client tickets read). */
export interface Hints {
  onQaBoard?: boolean;
  serviceDeskTickets?: Map<string, JiraIssue>;
}

/** What the service knows of a batch's issues before reading Jira: two queries for the whole batch. */
interface Snapshot {
  tracked: Map<string, TrackedTicket>;
  linked: ReadonlySet<string>;
}

/**
 * Every Jira read a decision needs, made before its transaction (no Jira call holds a row lock):
 * what to read comes from `readsOf`, a pure function of what the service knows; the decision gets a
 * complete `Prepared` and never reads Jira itself.
 */
@Injectable()
export class EventReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tracker: TicketTracker,
    private readonly membership: BoardMembership,
    private readonly readyQueue: ReadyQueueReader,
    private readonly linkBack: LinkBackService,
    private readonly jira: JiraGateway,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Each event prepared, or the error that stopped it (an event whose read fails is retried alone). */
  async readAll(events: JiraEvent[], hints: Hints = {}): Promise<(Prepared | Error)[]> {
    const snapshot = await this.snapshot(events);
    return Promise.all(events.map((e) => this.read(e, snapshot, hints).catch((error: unknown) => error as Error)));
  }

  async readOne(event: JiraEvent, hints: Hints = {}): Promise<Prepared> {
    return this.read(event, await this.snapshot([event]), hints);
  }

  private async snapshot(events: JiraEvent[]): Promise<Snapshot> {
    const ids = [...new Set(events.flatMap((e) => this.idsOf(e)))];
    if (ids.length === 0) return { tracked: new Map(), linked: new Set() };
    const tracked = new Map((await this.tracker.knownAll(this.db.manager, ids)).map((t) => [t.jiraId, t]));
    const keys = [...new Set([...events.flatMap((e) => (e.type === 'issue_changed' ? [e.issue.key] : [])), ...[...tracked.values()].map((t) => t.key)])];
    return { tracked, linked: await this.linkBack.linkedAmong(this.db.manager, keys) };
  }

  /** the issues an event is about, as the service may track them (never the service desk's own tickets) */
  private idsOf(event: JiraEvent): string[] {
    if (event.type === 'issue_changed') return this.isServiceDesk(event) ? [] : [event.issue.id];
    if (event.type === 'link_changed') return [event.sourceIssueId, event.destinationIssueId];
    return [];
  }

  private isServiceDesk(event: Of<'issue_changed'>): boolean {
    return event.issue.projectKey === this.config.serviceDeskProject;
  }

  private async read(event: JiraEvent, snapshot: Snapshot, hints: Hints): Promise<Prepared> {
    const known = event.type === 'issue_changed' && !this.isServiceDesk(event) ? this.knownIssue(event, snapshot, hints) : undefined;
    const trackedIds = event.type === 'link_changed' ? this.idsOf(event).filter((id) => snapshot.tracked.has(id)) : [];
    const reads = readsOf(event, known, trackedIds);
    switch (event.type) {
      case 'issue_changed':
        return reads.type === 'issue' ? this.issue(event, reads, hints) : { type: 'service_desk', event };
      case 'link_changed':
        return this.link(
          event,
          trackedIds.map((id) => snapshot.tracked.get(id)!),
        );
      case 'sprint_changed':
        return {
          type: 'sprint',
          event,
          boardId: event.boardId ?? (reads.type === 'sprint' && reads.board ? (await this.jira.sprint(event.sprintId)).originBoardId : null),
        };
      case 'issue_deleted':
        return { type: 'deleted', event };
      case 'ignored':
        return { type: 'ignored', event };
    }
  }

  private knownIssue(event: Of<'issue_changed'>, snapshot: Snapshot, hints: Hints): KnownIssue {
    const tracked = snapshot.tracked.get(event.issue.id) ?? null;
    const change = this.tracker.preview(tracked, event);
    return {
      tracked: tracked !== null,
      onQaBoard: hints.onQaBoard === true,
      linked: snapshot.linked.has(change.key),
      change,
      linkBack: this.linkBack.outcomeOf(change),
    };
  }

  private async issue(event: Of<'issue_changed'>, reads: Extract<Reads, { type: 'issue' }>, hints: Hints): Promise<Prepared> {
    const thirdLine = reads.thirdLine ? await this.membership.isThirdLine(event.issue) : hints.onQaBoard ? true : null;
    if (thirdLine === false) return { type: 'issue', event, thirdLine, outranking: null, serviceDeskTicket: null };
    const outranking = reads.outranking ? await this.readyQueue.outranking(event.issue) : null;
    const key = reads.serviceDeskTicket;
    const serviceDeskTicket = key ? (hints.serviceDeskTickets?.get(key) ?? (await this.jira.issue(key).catch(() => null))) : null;
    return { type: 'issue', event, thirdLine, outranking, serviceDeskTicket };
  }

  private async link(event: Of<'link_changed'>, tracked: TrackedTicket[]): Promise<Prepared> {
    const readAt = this.clock.now().getTime();
    const issues = new Map<string, JiraIssue | null>();
    for (const t of tracked) issues.set(t.jiraId, await this.jira.issue(t.key).catch(notFoundAsNull));
    return { type: 'link', event, issues, readAt };
  }
}
