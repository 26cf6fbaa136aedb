import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditBuffer } from '../audit/audit.sink.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { flowEventsOf } from '../flow/domain/ticket-change.classifier.js';
import { FlowService } from '../flow/flow.service.js';
import { KnownBoards } from '../jira/known-boards.js';
import { RotaService } from '../rota/rota.service.js';
import { AutoEscalation } from '../service-desk/auto-escalation.js';
import { LinkBackService, type LinkTx } from '../service-desk/link-back.service.js';
import { ServiceDeskNotes } from '../service-desk/service-desk-notes.js';
import { LockedTickets } from '../tickets/persistence/locked-tickets.js';
import type { TicketTx } from '../tickets/ticket.tx.js';
import { TicketTracker } from '../tickets/ticket.tracker.js';
import type { Prepared } from './event.reader.js';

type Of<T extends Prepared['type']> = Extract<Prepared, { type: T }>;

/**
 * One decision's transaction, passed to every step of it: its manager, its audit rows (written in one
 * statement at the end), the tickets it locked ahead and the bugs it knows to be linked.
 */
export interface DecisionTx extends TicketTx, LinkTx {
  readonly audit: AuditBuffer;
}

/**
 * Decides prepared events in a transaction: track the ticket, link it back, decide the flow (which
 * tells the service desk of pickups and deploys), note the move on the client's ticket. Everything it
 * needs from Jira was read before (`EventReader`): nothing here can call Jira (its dependencies have
 * no Jira client; `test/architecture/decider-without-jira.spec.ts` holds it).
 */
@Injectable()
export class EventDecider {
  constructor(
    private readonly tracker: TicketTracker,
    private readonly linkBack: LinkBackService,
    private readonly autoEscalation: AutoEscalation,
    private readonly notes: ServiceDeskNotes,
    private readonly flow: FlowService,
    private readonly rota: RotaService,
    private readonly boards: KnownBoards,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The transaction of a batch of decisions: its tracked tickets locked at once, first, and (unless a
   * link event in it may link or unlink one of its bugs) which of its bugs are linked.
   */
  async open(m: EntityManager, batch: Prepared[]): Promise<DecisionTx> {
    const issues = batch.flatMap((p) => (p.type === 'issue' ? [p.event.issue] : []));
    const tickets =
      issues.length > 1
        ? await LockedTickets.lock(
            m,
            issues.map((i) => i.id),
          )
        : LockedTickets.none();
    const linked =
      issues.length > 1 && !batch.some((p) => p.type === 'link')
        ? await this.linkBack.linkedAmong(
            m,
            issues.map((i) => i.key),
          )
        : null;
    return { m, audit: new AuditBuffer(), tickets, linked };
  }

  /** Writes what the transaction held (its audit rows); the caller commits. */
  close(tx: DecisionTx): Promise<void> {
    return tx.audit.writeTo(tx.m);
  }

  decide(tx: DecisionTx, prepared: Prepared): Promise<void> {
    switch (prepared.type) {
      case 'issue':
        return this.issueChanged(tx, prepared);
      case 'service_desk':
        return this.autoEscalation.consider(tx.m, prepared.event);
      case 'link':
        return this.linkChanged(tx, prepared);
      case 'sprint':
        return this.sprintChanged(tx, prepared);
      case 'deleted':
        return this.issueDeleted(tx, prepared);
      case 'ignored':
        return Promise.resolve();
    }
  }

  private async issueChanged(tx: DecisionTx, { event, thirdLine, outranking, serviceDeskTicket }: Of<'issue'>): Promise<void> {
    const change = await this.tracker.issueChanged(tx, event, thirdLine ?? undefined);
    if (!change || change.stale) return;
    const link = await this.linkBack.ensureLink(tx, change, serviceDeskTicket);
    // a bug first seen, or one whose links reconciliation found changed (a link webhook lost): its further client tickets follow Jira's links
    if ((change.created || event.changedFields?.includes('links')) && link !== 'unlinked') await this.linkBack.clientTicketsChanged(tx, change.ticket);
    for (const flowEvent of flowEventsOf(change, {
      linked: link !== 'unlinked',
      outranking: outranking ?? undefined,
      fixResolutions: this.config.fixResolutions,
    })) {
      await this.flow.apply(flowEvent, tx);
    }
    await this.notes.afterTicketChange(tx, change, link === 'linked_now', this.clock.now());
  }

  private async linkChanged(tx: DecisionTx, { event, issues, readAt }: Of<'link'>): Promise<void> {
    const changed = await this.tracker.linksRead(tx, event, issues, readAt);
    const unlinked = await this.linkBack.linksChanged(tx, changed);
    if (event.created) return;
    const fromStatusId = this.boards.layout()?.triage[0] ?? null;
    for (const ticket of unlinked) {
      if (ticket.column === 'ready') await this.flow.apply({ type: 'readied_unlinked', key: ticket.key, actor: 'unknown', fromStatusId }, tx);
    }
  }

  /** A deleted ticket is tracked no longer; if it held the slot, the slot is free (cancelled) and the next ticket nudged. */
  private async issueDeleted(tx: DecisionTx, { event }: Of<'deleted'>): Promise<void> {
    const gone = await this.tracker.deleted(tx, event);
    if (gone) await this.flow.apply({ type: 'deleted', key: gone.key }, tx);
  }

  /** Jira sends sprint events of every board, whatever the webhook's JQL: only the Sprint Work board's count. */
  private async sprintChanged(tx: DecisionTx, { event, boardId }: Of<'sprint'>): Promise<void> {
    if (boardId !== this.config.jira?.sprintBoardId) return;
    if (!event.started) return this.rota.sprintClosed(tx, event.sprintId);
    const started = await this.rota.sprintStarted(tx, event.sprintId, event.timestamp);
    if (!started.stale) await this.flow.apply({ type: 'sprint_started', sprintId: event.sprintId, designatedDeveloper: started.designated }, tx);
  }
}
