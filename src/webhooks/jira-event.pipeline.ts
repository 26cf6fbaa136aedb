import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FlowService } from '../flow/flow.service.js';
import { ReadyQueueReader } from '../flow/ready-queue.reader.js';
import { RotaService } from '../rota/rota.service.js';
import { flowEventsOf, isPickupMove } from '../flow/domain/ticket-change.classifier.js';
import { BoardDiscovery } from '../jira/board-discovery.service.js';
import type { JiraEvent } from '../jira/events/jira-event.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import { notFoundAsNull } from '../jira/jira.errors.js';
import type { JiraIssue } from '../jira/jira.types.js';
import { AutoEscalation } from '../service-desk/auto-escalation.js';
import { LinkBackService } from '../service-desk/link-back.service.js';
import { ProgressNotes } from '../service-desk/progress-notes.js';
import { BoardMembership } from '../tickets/board-membership.reader.js';
import type { TrackedTicket } from '../tickets/domain/ticket-merge.js';
import { TicketTracker } from '../tickets/ticket.tracker.js';

type IssueChanged = Extract<JiraEvent, { type: 'issue_changed' }>;
type LinkChanged = Extract<JiraEvent, { type: 'link_changed' }>;
type SprintChanged = Extract<JiraEvent, { type: 'sprint_changed' }>;

/** What a decision needs from Jira, read before its transaction opens (no Jira call holds a row lock). */
export interface EventFacts {
  /** an untracked issue: is it on the QA/Operations board's filter? */
  thirdLine?: boolean;
  /** a move into In Progress: the tickets of Ready for sprint that outrank it */
  outranking?: string[];
  /** link-back is about to link this service desk ticket (null: Jira did not answer) */
  serviceDeskTicket?: JiraIssue | null;
  /** link events carry issue ids only: the tracked issues, read again, and when */
  linkedIssues?: Map<string, JiraIssue | null>;
  readAt?: number;
  /** a sprint event without originBoardId: its board, read from Jira */
  sprintBoardId?: number | null;
}

/** What the caller already knows (a reconciliation reads whole pages, a batch its tickets at once): reads the pipeline can skip. */
export interface KnownFacts {
  thirdLine?: boolean;
  serviceDeskTickets?: Map<string, JiraIssue>;
  /** the service's copy of the issue, read without a lock (null: not tracked) */
  tracked?: TrackedTicket | null;
  /** bug keys that have a service desk link */
  linkedKeys?: ReadonlySet<string>;
}

/** What a batch of webhooks' tickets are known as, read with one query each: the known facts of each event. */
export interface BatchKnowledge {
  of(event: JiraEvent): KnownFacts;
}

/**
 * The path of every Jira event, in order. First, outside any transaction: read what the decision
 * needs from Jira. Then, in the event's transaction: track the ticket, link it back, decide the
 * flow (which tells the service desk of pickups and deploys), note the move on the client's ticket.
 */
@Injectable()
export class JiraEventPipeline {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tracker: TicketTracker,
    private readonly membership: BoardMembership,
    private readonly readyQueue: ReadyQueueReader,
    private readonly linkBack: LinkBackService,
    private readonly autoEscalation: AutoEscalation,
    private readonly progress: ProgressNotes,
    private readonly flow: FlowService,
    private readonly rota: RotaService,
    private readonly jira: JiraGateway,
    private readonly boards: BoardDiscovery,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // --- step 1: read, no transaction ---------------------------------------------------------------

  /** The tracked tickets and their links for a batch of events, in two queries instead of two per event. */
  async knownOf(events: JiraEvent[]): Promise<BatchKnowledge> {
    const issues = this.bugsOf(events);
    if (issues.length === 0) return { of: () => ({}) };
    const tracked = new Map((await this.tracker.knownAll(this.db.manager, [...new Set(issues.map((i) => i.id))])).map((t) => [t.jiraId, t]));
    const keys = [...new Set([...issues.map((i) => i.key), ...[...tracked.values()].map((t) => t.key)])];
    const linkedKeys = await this.linkBack.linkedAmong(this.db.manager, keys);
    const read = new Set(issues.map((i) => i.id));
    return {
      of: (event) => (event.type === 'issue_changed' && read.has(event.issue.id) ? { tracked: tracked.get(event.issue.id) ?? null, linkedKeys } : {}),
    };
  }

  async prepare(event: JiraEvent, known: KnownFacts = {}): Promise<EventFacts> {
    if (event.type === 'issue_changed') return this.prepareIssue(event, known);
    if (event.type === 'link_changed') return this.prepareLink(event);
    if (event.type === 'sprint_changed' && event.boardId === null) return { sprintBoardId: (await this.jira.sprint(event.sprintId)).originBoardId };
    return {};
  }

  private async prepareIssue(event: IssueChanged, given: KnownFacts): Promise<EventFacts> {
    if (event.issue.projectKey === this.config.serviceDeskProject) return {};
    const m = this.db.manager;
    const known = given.tracked !== undefined ? given.tracked : await this.tracker.known(m, event.issue.id);
    const facts: EventFacts = known ? {} : { thirdLine: given.thirdLine ?? (await this.membership.isThirdLine(event.issue)) };
    if (!known && !facts.thirdLine) return facts;
    const preview = this.tracker.preview(known, event);
    if (isPickupMove(preview)) facts.outranking = await this.readyQueue.outranking(event.issue);
    const serviceDeskKey = await this.linkBack.ticketToRead(m, preview, given.linkedKeys?.has(preview.key));
    if (serviceDeskKey) facts.serviceDeskTicket = given.serviceDeskTickets?.get(serviceDeskKey) ?? (await this.jira.issue(serviceDeskKey).catch(() => null));
    return facts;
  }

  private async prepareLink(event: LinkChanged): Promise<EventFacts> {
    const tracked = await this.tracker.knownAll(this.db.manager, [event.sourceIssueId, event.destinationIssueId]);
    const readAt = this.clock.now().getTime();
    const linkedIssues = new Map<string, JiraIssue | null>();
    for (const t of tracked) linkedIssues.set(t.jiraId, await this.jira.issue(t.key).catch(notFoundAsNull));
    return { linkedIssues, readAt };
  }

  // --- step 2: decide, in the event's transaction --------------------------------------------------

  /** Several events decided in one transaction: lock their tracked tickets at once, first. Pair with `endBatch`. */
  async beginBatch(m: EntityManager, events: JiraEvent[]): Promise<void> {
    const issues = this.bugsOf(events);
    if (issues.length <= 1) return;
    await this.tracker.lockAll(
      m,
      issues.map((i) => i.id),
    );
    // a link event in the batch may link or unlink one of its bugs (it is ordered by its source issue)
    if (events.some((e) => e.type === 'link_changed')) return;
    await this.linkBack.holdLinked(
      m,
      issues.map((i) => i.key),
    );
  }

  endBatch(m: EntityManager): void {
    this.tracker.unlockAll(m);
    this.linkBack.forgetLinked(m);
  }

  /** The issues the events change, outside the service desk project (whose tickets are not tracked). */
  private bugsOf(events: JiraEvent[]): JiraIssue[] {
    return events.flatMap((e) => (e.type === 'issue_changed' && e.issue.projectKey !== this.config.serviceDeskProject ? [e.issue] : []));
  }

  async decide(m: EntityManager, event: JiraEvent, facts: EventFacts): Promise<void> {
    switch (event.type) {
      case 'issue_changed':
        return event.issue.projectKey === this.config.serviceDeskProject ? this.autoEscalation.consider(m, event) : this.issueChanged(m, event, facts);
      case 'link_changed':
        return this.linkChanged(m, event, facts);
      case 'sprint_changed':
        return this.sprintChanged(m, event, facts);
      case 'issue_deleted':
        return this.issueDeleted(m, event);
      default:
        return;
    }
  }

  private async issueChanged(m: EntityManager, event: IssueChanged, facts: EventFacts): Promise<void> {
    const change = await this.tracker.issueChanged(m, event, facts.thirdLine);
    if (!change || change.stale) return;
    const linked = await this.linkBack.ensureLink(m, change, facts.serviceDeskTicket);
    for (const flowEvent of flowEventsOf(change, { linked, outranking: facts.outranking, fixResolutions: this.config.fixResolutions })) {
      await this.flow.apply(flowEvent, m);
    }
    await this.progress.afterTicketChange(m, change, this.clock.now());
  }

  private async linkChanged(m: EntityManager, event: LinkChanged, facts: EventFacts): Promise<void> {
    const changed = await this.tracker.linksRead(m, event, facts.linkedIssues ?? new Map(), facts.readAt ?? this.clock.now().getTime());
    if (event.created) return;
    const fromStatusId = this.boards.layout()?.triage[0] ?? null;
    for (const ticket of await this.linkBack.linksChanged(m, changed)) {
      if (ticket.column === 'ready') await this.flow.apply({ type: 'readied_unlinked', key: ticket.key, actor: 'unknown', fromStatusId }, m);
    }
  }

  /** A deleted ticket is tracked no longer; if it held the slot, the slot is free (cancelled) and the next ticket nudged. */
  private async issueDeleted(m: EntityManager, event: Extract<JiraEvent, { type: 'issue_deleted' }>): Promise<void> {
    const gone = await this.tracker.deleted(m, event);
    if (gone) await this.flow.apply({ type: 'deleted', key: gone.key }, m);
  }

  /** Jira sends sprint events of every board, whatever the webhook's JQL: only the Sprint Work board's count. */
  private async sprintChanged(m: EntityManager, event: SprintChanged, facts: EventFacts): Promise<void> {
    const boardId = event.boardId ?? facts.sprintBoardId ?? null;
    if (boardId !== this.config.jira?.sprintBoardId) return;
    if (!event.started) return this.rota.sprintClosed(m, event.sprintId);
    const started = await this.rota.sprintStarted(m, event.sprintId, event.timestamp);
    if (!started.stale) await this.flow.apply({ type: 'sprint_started', sprintId: event.sprintId, designatedDeveloper: started.designated }, m);
  }
}
