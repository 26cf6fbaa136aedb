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
  /** transactions whose entries are written together at `flush` (nothing reads the audit back inside one) */
  private readonly held = new WeakMap<EntityManager, AuditEntry[]>();

  async append(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const held = this.held.get(manager);
    if (held) held.push(...entries);
    else await this.insert(manager, entries);
  }

  /** From now on the entries of this transaction wait for `flush`: one statement for a batch of decisions. */
  hold(manager: EntityManager): void {
    this.held.set(manager, []);
  }

  /** Writes what `hold` kept (call before the commit); entries are appended at once again afterwards. */
  async flush(manager: EntityManager): Promise<void> {
    const held = this.held.get(manager) ?? [];
    this.held.delete(manager);
    if (held.length > 0) await this.insert(manager, held);
  }

  /** Forgets what `hold` kept (the transaction was rolled back). */
  drop(manager: EntityManager): void {
    this.held.delete(manager);
  }

  private insert(manager: EntityManager, entries: AuditEntry[]): Promise<unknown> {
    return manager.insert(
      AuditEventEntity,
      entries.map((e) => ({ type: e.type, ticketKey: e.ticketKey ?? null, actor: e.actor ?? null, data: (e.data ?? {}) as object, at: e.at })) as never,
    );
  }
}
