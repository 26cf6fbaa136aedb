import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_TRACK } from '../../common/track.js';
import type { AuditFact } from '../domain/flow-metrics.types.js';

const TICKET_TYPES = ['ticket.tracked', 'escalation.created', 'ticket.status_changed', 'slot.pickup', 'slot.released'];

interface Row {
  id: string;
  type: string;
  ticket_key: string | null;
  at: Date;
  data: Record<string, unknown>;
}

/** Reads the part of the audit log the flow metrics of a window need, in the log's order. */
@Injectable()
export class AuditFactsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Sprint starts and closes (all: they bound the sprints), the window's violations, and the story of every ticket deployed in it. */
  async forWindow(from: Date, to: Date): Promise<AuditFact[]> {
    const rows: Row[] = await this.db.query(
      `SELECT id, type, ticket_key, at, data FROM audit_event
        WHERE type IN ('rota.sprint_started', 'rota.sprint_closed')
           OR (type = 'violation' AND at BETWEEN $1 AND $2)
           OR (type = ANY($3) AND at <= $2 AND ticket_key IN (
                SELECT ticket_key FROM audit_event WHERE type = 'slot.released' AND data->>'reason' = 'deployed' AND at BETWEEN $1 AND $2))
        ORDER BY id`,
      [from, to, TICKET_TYPES],
    );
    return rows.map((r) => ({ seq: Number(r.id), type: r.type, ticketKey: r.ticket_key, at: new Date(r.at), data: r.data ?? {} }));
  }

  /** Every pickup into the slot in [from, to], oldest first. */
  async pickupTimes(from: Date, to: Date): Promise<Date[]> {
    const rows: { at: Date }[] = await this.db.query(`SELECT at FROM audit_event WHERE type = 'slot.pickup' AND at BETWEEN $1 AND $2 ORDER BY id`, [from, to]);
    return rows.map((r) => new Date(r.at));
  }

  async activeSprintId(): Promise<number | null> {
    const rows: { active_sprint_id: number | null }[] = await this.db.query(`SELECT active_sprint_id FROM rota_state WHERE id = $1`, [DEFAULT_TRACK]);
    return rows[0]?.active_sprint_id ?? null;
  }
}
