import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import type { FlowRecord } from '../flow/domain/flow.types.js';
import { FlowService } from '../flow/flow.service.js';
import { ServiceDeskLinkEntity } from './persistence/service-desk-link.entity.js';
import { ServiceDeskNotes } from './service-desk-notes.js';

/** Pickups and deploys reach the client's ticket as internal notes, and stop its SLA clocks. */
@Injectable()
export class ProgressListener implements OnModuleInit {
  constructor(
    private readonly flow: FlowService,
    private readonly notes: ServiceDeskNotes,
  ) {}

  onModuleInit(): void {
    this.flow.onDecision((m, records, now) => this.onRecords(m, records, now));
  }

  private async onRecords(m: EntityManager, records: FlowRecord[], now: Date): Promise<void> {
    for (const r of records) {
      if (r.type === 'slot.pickup') {
        await m.update(ServiceDeskLinkEntity, { bugKey: r.key, respondedAt: IsNull() }, { respondedAt: now });
        await this.notes.stage(m, r.key, 'picked_up', now, { by: r.actor });
      } else if (r.type === 'slot.released' && r.reason === 'deployed') {
        await m.update(ServiceDeskLinkEntity, { bugKey: r.key, resolvedAt: IsNull() }, { resolvedAt: now });
        await this.notes.stage(m, r.key, 'deployed', now);
      }
    }
  }
}
