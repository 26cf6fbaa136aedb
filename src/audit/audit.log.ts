import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from './persistence/audit-event.entity.js';

export interface AuditEntry {
  type: string;
  ticketKey?: string | null;
  actor?: string | null;
  data?: Record<string, unknown>;
  at: Date;
}

/** The append-only record of everything that happened; written inside the caller's transaction. */
@Injectable()
export class AuditLog {
  async append(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.insert(
      AuditEventEntity,
      entries.map((e) => ({ type: e.type, ticketKey: e.ticketKey ?? null, actor: e.actor ?? null, data: (e.data ?? {}) as object, at: e.at })) as never,
    );
  }
}
