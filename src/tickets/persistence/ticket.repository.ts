import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { TrackedTicket } from '../domain/ticket-merge.js';
import type { TicketTx } from '../ticket.tx.js';
import { TicketEntity } from './ticket.entity.js';

/** The service's copies of 3rd-line tickets; a decision reads its ticket under the row lock. */
@Injectable()
export class TicketRepository {
  /** The copy as it is now, without a lock. */
  async byJiraId(m: EntityManager, jiraId: string): Promise<TrackedTicket | null> {
    const row = await m.findOne(TicketEntity, { where: { jiraId } });
    return row && toTracked(row);
  }

  /** The copy under the transaction's row lock: taken ahead with the batch's others, else locked now. */
  async locked(tx: TicketTx, jiraId: string): Promise<TrackedTicket | null> {
    const ahead = tx.tickets.get(jiraId);
    if (ahead) return toTracked(ahead);
    const row = await tx.m.findOne(TicketEntity, { where: { jiraId }, lock: { mode: 'pessimistic_write' } });
    return row && toTracked(row);
  }

  async byJiraIds(m: EntityManager, jiraIds: string[]): Promise<TrackedTicket[]> {
    if (jiraIds.length === 0) return [];
    return (await m.find(TicketEntity, { where: { jiraId: In(jiraIds) }, order: { key: 'ASC' } })).map(toTracked);
  }

  async remove(tx: TicketTx, jiraId: string): Promise<void> {
    tx.tickets.forget(jiraId);
    await tx.m.delete(TicketEntity, { jiraId });
  }

  async save(tx: TicketTx, ticket: TrackedTicket, now: Date): Promise<void> {
    tx.tickets.forget(ticket.jiraId);
    await tx.m.upsert(
      TicketEntity,
      {
        ...ticket,
        statusAt: String(ticket.statusAt),
        fieldsAt: String(ticket.fieldsAt),
        linksAt: String(ticket.linksAt),
        updatedAt: now,
      },
      ['jiraId'],
    );
  }
}

export function toTracked(row: TicketEntity): TrackedTicket {
  return {
    key: row.key,
    jiraId: row.jiraId,
    summary: row.summary,
    statusId: row.statusId,
    statusName: row.statusName,
    column: row.column,
    assignee: row.assignee,
    labels: row.labels,
    priority: row.priority,
    resolution: row.resolution,
    links: row.links,
    sprintIds: row.sprintIds,
    statusAt: Number(row.statusAt),
    fieldsAt: Number(row.fieldsAt),
    linksAt: Number(row.linksAt),
  };
}
