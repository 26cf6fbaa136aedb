import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import type { Tx } from '../audit/audit.sink.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { OutboxWriter } from '../jira/outbox/outbox.writer.js';
import type { TicketChange } from '../tickets/domain/ticket-change.js';
import { progressNote, publicText, stageReached, type Stage } from './domain/progress-note.js';
import { ServiceDeskLinkEntity } from './persistence/service-desk-link.entity.js';
import { clientTicketsOf } from './persistence/service-desk-links.js';

/**
 * Everything the client's ticket is told: internal notes (servicedeskapi, public: false) by default, a
 * public comment only where a template is configured. Progress notes say where the fix is — triaged,
 * ready and done from moves in Jira, picked up and deployed from the flow's decisions (which also stop
 * the 3rd-line targets); the SLA watch, the targets and escalations write their own notes through `note`.
 */
@Injectable()
export class ServiceDeskNotes {
  constructor(
    private readonly outbox: OutboxWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The step a ticket change tells the client (stageReached), with `linkedNow`: link-back linked it in this change. */
  async afterTicketChange(tx: Tx, change: TicketChange, linkedNow: boolean, now: Date): Promise<void> {
    const stage = stageReached(change, linkedNow);
    if (stage) await this.progress(tx, change.key, stage, now);
  }

  /** The flow gave the slot to the bug: the response clock stops. */
  async pickedUp(tx: Tx, bugKey: string, by: string, now: Date): Promise<void> {
    await tx.m.update(ServiceDeskLinkEntity, { bugKey, respondedAt: IsNull() }, { respondedAt: now });
    await this.progress(tx, bugKey, 'picked_up', now, { by });
  }

  /** The fix reached the release environment: the resolution clock stops. */
  async deployed(tx: Tx, bugKey: string, now: Date): Promise<void> {
    await tx.m.update(ServiceDeskLinkEntity, { bugKey, resolvedAt: IsNull() }, { resolvedAt: now });
    await this.progress(tx, bugKey, 'deployed', now);
  }

  /** An internal note: never visible to the client. */
  async note(m: EntityManager, serviceDeskKey: string, text: string, now: Date, cause: string): Promise<void> {
    await this.outbox.enqueue(m, [{ kind: 'service_desk_note', key: serviceDeskKey, text, public: false }], cause, now);
  }

  /** The step, told to every client ticket of the bug (its own link and the ones attached), once each. */
  private async progress(tx: Tx, bugKey: string, stage: Stage, now: Date, detail: { by?: string | null } = {}): Promise<void> {
    const m = tx.m;
    const text = progressNote(stage, bugKey, now, { ...detail, environment: this.config.releaseEnvironment });
    const template = this.config.serviceDesk.publicTemplates[stage];
    for (const serviceDeskKey of await clientTicketsOf(m, bugKey)) {
      await this.note(m, serviceDeskKey, text, now, bugKey);
      if (template) {
        const comment = { kind: 'service_desk_note' as const, key: serviceDeskKey, text: publicText(template, bugKey), public: true };
        await this.outbox.enqueue(m, [comment], `stage:${stage}`, now);
      }
      await tx.audit.record([{ type: 'service_desk.progress_noted', ticketKey: bugKey, at: now, data: { stage, serviceDeskKey } }]);
    }
  }
}
