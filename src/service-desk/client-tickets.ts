import { Injectable } from '@nestjs/common';
import type { Tx } from '../audit/audit.sink.js';
import { OutboxWriter } from '../jira/outbox/outbox.writer.js';
import { attachedTo } from './persistence/service-desk-links.js';

/**
 * Several client tickets per bug: the same fault reported by several clients. Each attached ticket
 * gets an internal note naming the bug, and from then on every progress note (ServiceDeskNotes sends
 * to all of them). Link-back calls this inside a decision, so it reaches no Jira (ClientTicketAttach,
 * the API's side, reads the client ticket first).
 */
@Injectable()
export class ClientTickets {
  constructor(private readonly outbox: OutboxWriter) {}

  /** Records the attachment and tells the client ticket which bug it is (its Jira link is the caller's: made or already there). */
  async attachInTx(tx: Tx, bugKey: string, serviceDeskKey: string, actor: string | null, now: Date, summary: string | null): Promise<void> {
    await tx.m.query(`INSERT INTO client_ticket (bug_key, service_desk_key, attached_at, attached_by) VALUES ($1, $2, $3, $4)`, [
      bugKey,
      serviceDeskKey,
      now,
      actor,
    ]);
    const note =
      `3rd-line: this request is the same fault as ${bugKey}${summary ? ` (${summary})` : ''}, ` +
      'which the 3rd line works on; its progress is noted here too.';
    await this.outbox.enqueue(tx.m, [{ kind: 'service_desk_note', key: serviceDeskKey, text: note, public: false }], bugKey, now);
    await tx.audit.record([{ type: 'service_desk.attached', ticketKey: bugKey, actor, at: now, data: { serviceDeskKey } }]);
  }

  /**
   * Client tickets attached to the bug whose link Jira no longer has stop hearing of it: not while their
   * link is still to be made, and not when Jira's links were read before the ticket was attached or its
   * link made (a read older than the link cannot show it; the webhook of the link itself comes later).
   */
  async detachGone(tx: Tx, bugKey: string, inJira: string[], now: Date, linksReadAt: number): Promise<void> {
    for (const key of await attachedTo(tx.m, bugKey, new Date(linksReadAt))) {
      if (inJira.includes(key)) continue;
      // the service's link to it is still to be made, or was made after Jira's links were read
      const [newer]: unknown[] = await tx.m.query(
        `SELECT 1 FROM jira_change WHERE ordering_key = $1 AND kind = 'link' AND payload->>'outwardKey' = $2
            AND (status = 'pending' OR finished_at >= $3) LIMIT 1`,
        [bugKey, key, new Date(linksReadAt)],
      );
      if (newer) continue;
      await tx.m.query(`UPDATE client_ticket SET detached_at = $3 WHERE bug_key = $1 AND service_desk_key = $2 AND detached_at IS NULL`, [bugKey, key, now]);
      await tx.audit.record([{ type: 'service_desk.detached', ticketKey: bugKey, at: now, data: { serviceDeskKey: key } }]);
    }
  }
}
