import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { TrackedTicket } from '../domain/ticket-merge.js';
import { TicketEntity } from './ticket.entity.js';

/** The service's copies of 3rd-line tickets; a decision reads its ticket under the row lock. */
@Injectable()
export class TicketRepository {
  /** rows a transaction locked ahead (`lockAll`), as they were read: its next locked read of one of them needs no query */
  private readonly locked = new WeakMap<EntityManager, Map<string, TicketEntity>>();

  async byJiraId(m: EntityManager, jiraId: string, lock: boolean): Promise<TrackedTicket | null> {
    const ahead = lock ? this.locked.get(m)?.get(jiraId) : undefined;
    if (ahead) return toTracked(ahead);
    const row = await m.findOne(TicketEntity, { where: { jiraId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    return row && toTracked(row);
  }

  /**
   * Locks the tracked rows among `jiraIds` in one statement (a batch of decisions), keeping them for
   * the transaction's next locked read of each. A row written or removed since is read again.
   */
  async lockAll(m: EntityManager, jiraIds: string[]): Promise<void> {
    if (jiraIds.length === 0) return;
    const rows = await m.find(TicketEntity, { where: { jiraId: In(jiraIds) }, order: { jiraId: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    this.locked.set(m, new Map(rows.map((r) => [r.jiraId, r])));
  }

  /** The transaction ended: forget what `lockAll` kept. */
  unlockAll(m: EntityManager): void {
    this.locked.delete(m);
  }

  async byJiraIds(m: EntityManager, jiraIds: string[]): Promise<TrackedTicket[]> {
    if (jiraIds.length === 0) return [];
    return (await m.find(TicketEntity, { where: { jiraId: In(jiraIds) }, order: { key: 'ASC' } })).map(toTracked);
  }

  async remove(m: EntityManager, jiraId: string): Promise<void> {
    this.locked.get(m)?.delete(jiraId);
    await m.delete(TicketEntity, { jiraId });
  }

  async save(m: EntityManager, ticket: TrackedTicket, now: Date): Promise<void> {
    this.locked.get(m)?.delete(ticket.jiraId);
    await m.upsert(
      TicketEntity,
      {
        ...ticket,
        links: ticket.links as never,
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
