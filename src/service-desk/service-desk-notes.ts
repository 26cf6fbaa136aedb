import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Tx } from '../audit/audit.sink.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { JiraIssueLink } from '../jira/jira.types.js';
import { OutboxWriter } from '../jira/outbox/outbox.writer.js';
import { progressNote, publicText, type Stage } from './domain/progress-note.js';
import { ServiceDeskLinkEntity } from './persistence/service-desk-link.entity.js';

/** Keeps the client's ticket informed: internal notes by default, a public comment only where configured. */
@Injectable()
export class ServiceDeskNotes {
  constructor(
    private readonly outbox: OutboxWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The service desk ticket a bug links to in Jira, if any. */
  jsmKeyOf(links: JiraIssueLink[]): string | null {
    const prefix = `${this.config.serviceDeskProject}-`;
    return links.find((l) => l.otherKey.startsWith(prefix))?.otherKey ?? null;
  }

  linkOf(m: EntityManager, bugKey: string): Promise<ServiceDeskLinkEntity | null> {
    return m.findOneBy(ServiceDeskLinkEntity, { bugKey, state: 'linked' });
  }

  async stage(tx: Tx, bugKey: string, stage: Stage, now: Date, detail: { by?: string | null } = {}): Promise<void> {
    const m = tx.m;
    const link = await this.linkOf(m, bugKey);
    if (!link) return;
    const text = progressNote(stage, bugKey, now, { ...detail, environment: this.config.releaseEnvironment });
    await this.note(m, link.serviceDeskKey, text, now, bugKey);
    const template = this.config.serviceDesk.publicTemplates[stage];
    if (template)
      await this.outbox.enqueue(
        m,
        [{ kind: 'service_desk_note', key: link.serviceDeskKey, text: publicText(template, bugKey), public: true }],
        `stage:${stage}`,
        now,
      );
    await tx.audit.record([{ type: 'service_desk.progress_noted', ticketKey: bugKey, at: now, data: { stage, serviceDeskKey: link.serviceDeskKey } }]);
  }

  /** An internal note (servicedeskapi, public: false): never visible to the client. */
  async note(m: EntityManager, serviceDeskKey: string, text: string, now: Date, cause: string): Promise<void> {
    await this.outbox.enqueue(m, [{ kind: 'service_desk_note', key: serviceDeskKey, text, public: false }], cause, now);
  }
}
