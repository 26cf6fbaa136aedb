import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditEventEntity } from '../audit/persistence/audit-event.entity.js';
import { ApiTokenEntity } from '../auth/persistence/api-token.entity.js';
import { DomainError } from '../common/domain.error.js';
import { KnownBoards } from '../jira/known-boards.js';
import { toJiraChangeView } from '../jira/outbox/jira-change.view.js';
import { JiraChangeEntity } from '../jira/persistence/jira-change.entity.js';
import { ServiceDeskLinkEntity } from '../service-desk/persistence/service-desk-link.entity.js';
import { SlaListing } from '../service-desk/sla-listing.js';
import { TicketEntity } from '../tickets/persistence/ticket.entity.js';

/** Reads a ticket with its record: audit events, the Jira changes decided for it, the notes written on its JSM ticket. */
@Injectable()
export class TicketRecordQuery {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly boards: KnownBoards,
    private readonly sla: SlaListing,
  ) {}

  async byKey(key: string) {
    const ticket = await this.db.getRepository(TicketEntity).findOneBy({ key });
    const [events, changes, link, attached, sla] = await Promise.all([
      this.db.getRepository(AuditEventEntity).find({ where: { ticketKey: key }, order: { id: 'ASC' }, take: 1000 }),
      this.db.getRepository(JiraChangeEntity).find({ where: { orderingKey: key }, order: { id: 'ASC' }, take: 1000 }),
      this.db.getRepository(ServiceDeskLinkEntity).findOneBy({ bugKey: key, state: 'linked' }),
      this.db.query(`SELECT service_desk_key AS key, attached_at, attached_by, detached_at FROM client_ticket WHERE bug_key = $1 ORDER BY id`, [
        key,
      ]) as Promise<{ key: string; attached_at: Date; attached_by: string | null; detached_at: Date | null }[]>,
      this.sla.forBugs([key]),
    ]);
    if (!ticket && events.length === 0 && changes.length === 0) throw new DomainError('not_found', `The service tracks no ticket ${key}`);
    const noteRows = link
      ? await this.db
          .getRepository(JiraChangeEntity)
          .find({ where: { orderingKey: link.serviceDeskKey, kind: 'service_desk_note' }, order: { id: 'ASC' }, take: 200 })
      : changes.filter((c) => c.kind === 'service_desk_note');
    const view = (c: JiraChangeEntity) => toJiraChangeView(c, (id) => this.boards.statusName(id));
    const by = await this.people(events.map((e) => e.actor));
    return {
      key,
      ticket: ticket && {
        key: ticket.key,
        summary: ticket.summary,
        status: ticket.statusName,
        statusId: ticket.statusId,
        column: ticket.column,
        assignee: ticket.assignee,
        labels: ticket.labels,
        priority: link?.effectivePriority ?? ticket.priority,
        jiraPriority: ticket.priority,
        resolution: ticket.resolution,
        links: ticket.links,
        sprintIds: ticket.sprintIds,
      },
      serviceDesk: link && {
        key: link.serviceDeskKey,
        via: link.via,
        reportedPriority: link.reportedPriority,
        effectivePriority: link.effectivePriority,
        priorityReason: link.priorityReason,
        environment: link.environment,
        startedAt: link.startedAt,
        respondedAt: link.respondedAt,
        resolvedAt: link.resolvedAt,
      },
      /** every client ticket that hears of the bug: its own link first, then the ones attached (those detached are listed with detachedAt) */
      clientTickets: [
        ...(link ? [{ key: link.serviceDeskKey, via: link.via, attachedAt: link.startedAt, attachedBy: null, detachedAt: null }] : []),
        ...attached.map((a) => ({ key: a.key, via: 'attached', attachedAt: a.attached_at, attachedBy: a.attached_by, detachedAt: a.detached_at })),
      ],
      /** the client's SLA as JSM reports it for each client ticket (source "jsm"), then this flow's 3rd-line targets (source "3rd-line") */
      sla: sla.get(key) ?? [],
      auditEvents: events.map((e) => ({
        id: e.id,
        at: e.at,
        type: e.type,
        actor: e.actor,
        actorName: e.actor ? (by.get(e.actor) ?? e.actor) : null,
        data: e.data,
      })),
      jiraChanges: {
        pending: changes.filter((c) => c.status === 'pending').map(view),
        failed: changes.filter((c) => c.status === 'failed').map(view),
        done: changes.filter((c) => c.status === 'done').map(view),
        abandoned: changes.filter((c) => c.status === 'abandoned').map(view),
      },
      /** internal notes (and configured public comments) on the JSM ticket, with Jira's answer */
      notes: noteRows.map((c) => {
        const payload = c.payload as Extract<JiraChangeEntity['payload'], { kind: 'service_desk_note' }>;
        return { ...view(c), on: c.orderingKey, text: payload.text, public: payload.public };
      }),
    };
  }

  /**
   * Who an actor is, as a person reads it: a step taken with a token that carries no Jira account is
   * recorded with the token's id, shown as the token's name.
   */
  private async people(actors: (string | null)[]): Promise<Map<string, string>> {
    const ids = [...new Set(actors.filter((a): a is string => a !== null && UUID.test(a)))];
    const tokens = ids.length ? await this.db.getRepository(ApiTokenEntity).find({ select: { id: true, name: true }, where: { id: In(ids) } }) : [];
    return new Map([['admin-token', 'ADMIN_TOKEN'], ...tokens.map((t) => [t.id, `token “${t.name}”`] as [string, string])]);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
