import type { EntityManager } from 'typeorm';
import { type AuditEntry, insertAudit } from './audit.log.js';

/** Where a unit of work's audit rows go: written as they come, or held and written in one statement. */
export interface AuditSink {
  record(entries: AuditEntry[]): Promise<void>;
}

/**
 * A unit of work's transaction, as every step of a decision is given it: the manager to read and write
 * with, and where its audit rows go. Steps that need more of it (the tickets it locked, the links it
 * knows) say so in their own extension of it.
 */
export interface Tx {
  readonly m: EntityManager;
  readonly audit: AuditSink;
}

/** Audit rows held for one statement at the end of a batch (nothing reads the audit back inside one). */
export class AuditBuffer implements AuditSink {
  private entries: AuditEntry[] = [];

  record(entries: AuditEntry[]): Promise<void> {
    this.entries.push(...entries);
    return Promise.resolve();
  }

  /** Writes what was held (before the commit), and starts empty again. */
  async writeTo(manager: EntityManager): Promise<void> {
    const held = this.entries;
    this.entries = [];
    if (held.length > 0) await insertAudit(manager, held);
  }
}
