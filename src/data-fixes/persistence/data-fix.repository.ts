import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { DataFixState, DataFixStep } from '../domain/data-fix.types.js';
import { DataFixStepEntity } from './data-fix-step.entity.js';
import { DataFixEntity } from './data-fix.entity.js';

const MAX_ID = 2_147_483_647; // data_fix.id is an int
const LIST_LIMIT = 200;

export type NewDataFix = Pick<DataFixState, 'ticketKey' | 'author' | 'purpose' | 'sql' | 'sha256'>;

/** Data fixes in PostgreSQL: the row holds the current state, data_fix_step the append-only history. */
@Injectable()
export class DataFixRepository {
  /** Inserts the row (in draft, no history yet) for its id; the caller saves the proposed state next. */
  async insert(m: EntityManager, fix: NewDataFix, now: Date): Promise<number> {
    const result = await m.insert(DataFixEntity, { ...fix, state: 'draft', flagged: false, createdAt: now, updatedAt: now });
    return Number(result.identifiers[0].id);
  }

  /** With `lock`, the row stays locked (FOR UPDATE) until the transaction ends. */
  async load(m: EntityManager, id: number, lock: boolean): Promise<DataFixState | null> {
    if (!Number.isInteger(id) || id < 1 || id > MAX_ID) return null;
    const row = await m.findOne(DataFixEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!row) return null;
    const steps = await m.find(DataFixStepEntity, { where: { dataFixId: id }, order: { seq: 'ASC' } });
    return toState(row, steps);
  }

  /** Newest first. */
  async list(m: EntityManager, ticketKey?: string): Promise<DataFixState[]> {
    const rows = await m.find(DataFixEntity, { where: ticketKey ? { ticketKey } : {}, order: { id: 'DESC' }, take: LIST_LIMIT });
    if (rows.length === 0) return [];
    const steps = await m.find(DataFixStepEntity, { where: { dataFixId: In(rows.map((r) => r.id)) }, order: { seq: 'ASC' } });
    return rows.map((row) =>
      toState(
        row,
        steps.filter((s) => s.dataFixId === row.id),
      ),
    );
  }

  /** Writes the new state and appends the steps after the `known` ones already stored. */
  async save(m: EntityManager, known: number, next: DataFixState, now: Date): Promise<void> {
    const { sql, sha256, state, flagged } = next;
    await m.update(DataFixEntity, { id: next.id }, { sql, sha256, state, flagged, updatedAt: now });
    const added = next.history.slice(known).map((step, i) => toRow(next.id, known + i, step));
    if (added.length) await m.insert(DataFixStepEntity, added);
  }
}

function toState(row: DataFixEntity, steps: DataFixStepEntity[]): DataFixState {
  const { id, ticketKey, author, purpose, sql, sha256, state, flagged } = row;
  return { id, ticketKey, author, purpose, sql, sha256, state, flagged, history: steps.map(toStep) };
}

function toStep(row: DataFixStepEntity): DataFixStep {
  return { ...row.details, kind: row.kind, person: row.person, sha256: row.sha256, at: row.at } as DataFixStep;
}

function toRow(dataFixId: number, seq: number, step: DataFixStep): Partial<DataFixStepEntity> {
  const { kind, person, sha256, at, ...details } = step;
  return { dataFixId, seq, kind, person, sha256, at, details };
}
