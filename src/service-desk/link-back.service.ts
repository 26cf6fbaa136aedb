import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { Tx } from '../audit/audit.sink.js';
import { ADVISORY_LOCKS } from '../common/advisory-locks.js';
import { Clock } from '../common/clock.js';
import { isLocked } from '../common/session-lock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { JiraIssue } from '../jira/jira.types.js';
import { OutboxWriter } from '../jira/outbox/outbox.writer.js';
import type { TicketChange } from '../tickets/domain/ticket-change.js';
import type { TrackedTicket } from '../tickets/domain/ticket-merge.js';
import { clientTicketsInJira, linkBackOf, NEEDS_LINK_LABEL, type LinkBackOutcome } from './domain/link-back.rules.js';
import { ticketPriority } from './domain/sla.policy.js';
import { ServiceDeskLinkEntity } from './persistence/service-desk-link.entity.js';
import { ClientTickets } from './client-tickets.js';
import { attachedTo, linkOf } from './persistence/service-desk-links.js';

/**
 * A decision's transaction as link-back needs it: with the bugs known to be linked when it began (a
 * batch reads them at once; null: look each up). Only a "linked" is taken from it: a batch holds one
 * event per issue, and only an issue's own event links or unlinks it (a batch with a link event in it
 * does not read them ahead).
 */
/** linked_now: link-back linked the bug in this very change. */
export type LinkState = 'linked' | 'linked_now' | 'unlinked';

export interface LinkTx extends Tx {
  readonly linked: ReadonlySet<string> | null;
}

/**
 * Every bug on the QA/Operations board belongs to a service desk ticket: link the ones that name it,
 * flag the ones that don't (once: the flag is recorded, not read back from a snapshot's labels).
 */
@Injectable()
export class LinkBackService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clientTickets: ClientTickets,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What link-back makes of the change, from what the service knows now. */
  outcomeOf(change: TicketChange): LinkBackOutcome {
    const text = change.created || change.fieldsFresh ? { summary: change.issue.summary, description: change.issue.description } : null;
    return linkBackOf({ links: change.ticket.links, text, column: change.ticket.column, serviceDeskProject: this.config.serviceDeskProject });
  }

  /** The service desk ticket to read before deciding (its priority), when link-back is about to link one. */
  async ticketToRead(m: EntityManager, change: TicketChange, linked?: boolean): Promise<string | null> {
    const outcome = this.outcomeOf(change);
    if (outcome.kind === 'unlinked' || (linked ?? (await linkOf(m, change.key)) !== null)) return null;
    return outcome.serviceDeskKey;
  }

  /** Which of these bug keys have a service desk link (one query): what `ticketToRead` may be told. */
  async linkedAmong(m: EntityManager, bugKeys: string[]): Promise<Set<string>> {
    if (bugKeys.length === 0) return new Set();
    const rows = await m.find(ServiceDeskLinkEntity, { select: { bugKey: true }, where: { bugKey: In(bugKeys), state: 'linked' } });
    return new Set(rows.flatMap((r) => (r.bugKey ? [r.bugKey] : [])));
  }

  /**
   * Linked already, linked now (by this change: the client's ticket has heard nothing yet), or not
   * linked (flagged once). `serviceDeskTicket` is the linked ticket as read before the transaction
   * (null: Jira did not answer).
   */
  async ensureLink(tx: LinkTx, change: TicketChange, serviceDeskTicket: JiraIssue | null | undefined): Promise<LinkState> {
    const m = tx.m;
    if (tx.linked?.has(change.key) || (await linkOf(m, change.key))) return 'linked';
    const outcome = this.outcomeOf(change);
    const now = this.clock.now();
    if (outcome.kind === 'unlinked') {
      if (outcome.flag) await this.flagOnce(tx, change.key, now);
      return 'unlinked';
    }
    if (await this.beingEscalated(m, outcome.serviceDeskKey)) return 'linked'; // the escalation records this very bug's link itself
    const inserted = await this.linkBack(tx, change.key, outcome.serviceDeskKey, outcome.kind === 'named_in_text', serviceDeskTicket ?? null, now);
    return inserted ? 'linked_now' : 'linked';
  }

  /** An escalation of the ticket is under way: its claim row, and its lock held (a claim whose escalation died is not one). */
  private async beingEscalated(m: EntityManager, serviceDeskKey: string): Promise<boolean> {
    const claimed = await m.countBy(ServiceDeskLinkEntity, { serviceDeskKey, via: 'escalation', state: 'creating' });
    return claimed > 0 && (await isLocked(m, ADVISORY_LOCKS.escalation, serviceDeskKey));
  }

  /**
   * Links added or removed in Jira. A further client ticket linked to a linked bug is attached (it hears
   * every progress note); one whose link went is detached. Removing the last link is noticed like a
   * missing one: unlinked and flagged. Returns the tickets now unlinked.
   */
  async linksChanged(tx: Tx, tickets: TrackedTicket[]): Promise<TrackedTicket[]> {
    const unlinked: TrackedTicket[] = [];
    const now = this.clock.now();
    for (const ticket of tickets) {
      const { link, inJira } = await this.attachAndDetach(tx, ticket, now);
      if (!link || inJira.length > 0) continue;
      await tx.m.delete(ServiceDeskLinkEntity, { id: link.id });
      await tx.audit.record([{ type: 'service_desk.unlinked', ticketKey: ticket.key, at: now, data: { serviceDeskKey: link.serviceDeskKey } }]);
      await this.flagOnce(tx, ticket.key, now);
      unlinked.push(ticket);
    }
    return unlinked;
  }

  /**
   * The bug's further client tickets as Jira links them now (a fresh snapshot of it: a webhook's, or
   * reconciliation's after a link webhook was lost): the ones linked are attached, the ones gone detached.
   */
  async clientTicketsChanged(tx: Tx, ticket: TrackedTicket): Promise<void> {
    await this.attachAndDetach(tx, ticket, this.clock.now());
  }

  private async attachAndDetach(tx: Tx, ticket: TrackedTicket, now: Date) {
    const link = await linkOf(tx.m, ticket.key);
    const inJira = clientTicketsInJira(ticket.links, this.config.serviceDeskProject);
    await this.clientTickets.detachGone(tx, ticket.key, inJira, now, ticket.linksAt);
    if (link) {
      const attached = await attachedTo(tx.m, ticket.key);
      for (const key of inJira.filter((k) => k !== link.serviceDeskKey && !attached.includes(k))) {
        await this.clientTickets.attachInTx(tx, ticket.key, key, null, now, null);
      }
    }
    return { link, inJira };
  }

  /** False when an escalation committed this very bug's link meanwhile: its row is the record. */
  private async linkBack(tx: Tx, bugKey: string, serviceDeskKey: string, createLink: boolean, ticket: JiraIssue | null, now: Date): Promise<boolean> {
    const m = tx.m;
    const priority = ticket ? ticketPriority(ticket, this.config.serviceDeskEnvironmentField, this.config.serviceDesk.testEnvironments) : null;
    // an escalation committing this very bug's link meanwhile wins: its row is the record
    const inserted: unknown[] = await m.query(
      `INSERT INTO service_desk_link (service_desk_key, bug_key, via, state, started_at, reported_priority, effective_priority, priority_reason, environment)
       VALUES ($1, $2, 'link_back', 'linked', $3, $4, $5, $6, $7) ON CONFLICT (bug_key) DO NOTHING RETURNING id`,
      [serviceDeskKey, bugKey, now, priority?.reported ?? null, priority?.effective ?? null, priority?.reason ?? null, priority?.environment ?? null],
    );
    if (inserted.length === 0) return false;
    // the test-environment downgrade written to the client's ticket, so that JSM's own SLA follows it
    if (this.config.serviceDesk.writeBackPriority && priority?.reason && priority.effective) {
      await this.outbox.enqueue(m, [{ kind: 'set_priority', key: serviceDeskKey, priority: priority.effective }], 'sla', now);
    }
    if (createLink) {
      await this.outbox.enqueue(
        m,
        [{ kind: 'link', key: bugKey, type: this.config.serviceDeskLinkType, inwardKey: bugKey, outwardKey: serviceDeskKey }],
        'link_back',
        now,
      );
    }
    await this.clearFlag(tx, bugKey, now);
    await tx.audit.record([
      { type: 'service_desk.linked', ticketKey: bugKey, at: now, data: { serviceDeskKey, found: createLink ? 'in the text' : 'linked in Jira' } },
    ]);
    return true;
  }

  /** One comment and one label per time a bug is found unlinked, however many events say so. */
  private async flagOnce(tx: Tx, bugKey: string, now: Date): Promise<void> {
    const m = tx.m;
    const inserted: unknown[] = await m.query(`INSERT INTO link_back_flag (bug_key, flagged_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING bug_key`, [
      bugKey,
      now,
    ]);
    if (inserted.length === 0) return;
    const project = this.config.serviceDeskProject;
    await this.outbox.enqueue(
      m,
      [
        {
          kind: 'comment',
          key: bugKey,
          text:
            `Link-back: this bug is not linked to a service desk ticket of ${project}, and none is named in its summary or description. ` +
            `Link it (${this.config.serviceDeskLinkType}) before it is Ready for sprint.`,
        },
        { kind: 'labels', key: bugKey, add: [NEEDS_LINK_LABEL], remove: [] },
      ],
      'link_back',
      now,
    );
    await tx.audit.record([{ type: 'service_desk.unlinked_flagged', ticketKey: bugKey, at: now }]);
  }

  /** Linked now: the flag (and its label) goes. */
  private async clearFlag(tx: Tx, bugKey: string, now: Date): Promise<void> {
    const m = tx.m;
    // a CTE: TypeORM answers a bare DELETE … RETURNING with [rows, count]
    const deleted: unknown[] = await m.query(`WITH d AS (DELETE FROM link_back_flag WHERE bug_key = $1 RETURNING bug_key) SELECT bug_key FROM d`, [bugKey]);
    if (deleted.length > 0) await this.outbox.enqueue(m, [{ kind: 'labels', key: bugKey, add: [], remove: [NEEDS_LINK_LABEL] }], 'link_back', now);
  }
}
