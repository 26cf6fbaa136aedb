import { EntityManager, In } from 'typeorm';
import { TicketEntity } from './ticket.entity.js';

/**
 * The tracked tickets a decision's transaction locked ahead, in one statement (a batch of decisions),
 * as they were read: the transaction's locked read of one of them needs no query. A ticket written or
 * removed since is read again.
 */
export class LockedTickets {
  private constructor(private readonly rows: Map<string, TicketEntity>) {}

  /** Nothing locked ahead: every locked read is a query. */
  static none(): LockedTickets {
    return new LockedTickets(new Map());
  }

  static async lock(m: EntityManager, jiraIds: string[]): Promise<LockedTickets> {
    if (jiraIds.length === 0) return LockedTickets.none();
    const rows = await m.find(TicketEntity, { where: { jiraId: In(jiraIds) }, order: { jiraId: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    return new LockedTickets(new Map(rows.map((r) => [r.jiraId, r])));
  }

  /** The row as locked ahead, if it was and is unchanged since. */
  get(jiraId: string): TicketEntity | undefined {
    return this.rows.get(jiraId);
  }

  forget(jiraId: string): void {
    this.rows.delete(jiraId);
  }
}
