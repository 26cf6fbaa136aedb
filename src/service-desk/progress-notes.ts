import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Tx } from '../audit/audit.sink.js';
import type { TicketChange } from '../tickets/domain/ticket-change.js';
import { ServiceDeskLinkEntity } from './persistence/service-desk-link.entity.js';
import { ServiceDeskNotes } from './service-desk-notes.js';

/**
 * Where the fix is reaches the client's ticket as internal notes: triaged, ready and done from moves
 * in Jira; picked up and deployed from the flow's decisions, which also stop the SLA clocks.
 */
@Injectable()
export class ProgressNotes {
  constructor(private readonly notes: ServiceDeskNotes) {}

  /** A status change made in Jira by a person (never an echo of the service's own, never an older event). */
  async afterTicketChange(tx: Tx, change: TicketChange, now: Date): Promise<void> {
    const sc = change.statusChange;
    if (change.echo || change.stale || !sc || sc.fromColumn === sc.toColumn) return;
    if (sc.toColumn === 'triage') await this.notes.stage(tx, change.key, 'triaged', now);
    else if (sc.toColumn === 'ready') await this.notes.stage(tx, change.key, 'ready', now);
    else if (change.issue.statusCategory === 'done') await this.notes.stage(tx, change.key, 'done', now);
  }

  /** The flow gave the slot to the bug: the response clock stops. */
  async pickedUp(tx: Tx, bugKey: string, by: string, now: Date): Promise<void> {
    await tx.m.update(ServiceDeskLinkEntity, { bugKey, respondedAt: IsNull() }, { respondedAt: now });
    await this.notes.stage(tx, bugKey, 'picked_up', now, { by });
  }

  /** The fix reached the release environment: the resolution clock stops. */
  async deployed(tx: Tx, bugKey: string, now: Date): Promise<void> {
    await tx.m.update(ServiceDeskLinkEntity, { bugKey, resolvedAt: IsNull() }, { resolvedAt: now });
    await this.notes.stage(tx, bugKey, 'deployed', now);
  }
}
