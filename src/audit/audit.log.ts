import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditType } from './audit-types.js';
import type { Tx } from './audit.sink.js';
import { AuditEventEntity } from './persistence/audit-event.entity.js';

export interface AuditEntry {
  type: AuditType;
  ticketKey?: string | null;
  actor?: string | null;
  data?: Record<string, unknown>;
  at: Date;
}

/** Writes audit rows in one statement, inside the caller's transaction. */
export function insertAudit(manager: EntityManager, entries: AuditEntry[]): Promise<unknown> {
  return manager.insert(
    AuditEventEntity,
    entries.map((e) => ({ type: e.type, ticketKey: e.ticketKey ?? null, actor: e.actor ?? null, data: (e.data ?? {}) as object, at: e.at })),
  );
}

/** The append-only record of everything that happened; written inside the caller's transaction. */
@Injectable()
export class AuditLog {
  async append(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
    if (entries.length > 0) await insertAudit(manager, entries);
  }

  /** A unit of work in `manager`'s transaction whose audit rows are written as they come. */
  in(manager: EntityManager): Tx {
    return { m: manager, audit: { record: (entries) => this.append(manager, entries) } };
  }
}
