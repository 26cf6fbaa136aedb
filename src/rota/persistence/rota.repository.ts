import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DEFAULT_TRACK } from '../../common/track.js';
import { designatedDeveloper, type Rotation } from '../domain/designated-developer.js';
import { RotaAssignmentEntity } from './rota-assignment.entity.js';
import { RotaStateEntity } from './rota-state.entity.js';

/** Who is designated, and for which sprint (null: no sprint known yet). */
export interface Designation {
  accountId: string | null;
  sprintId: number | null;
}

interface DesignationRow {
  active_sprint_id: number | null;
  rotation: string[];
  rotation_index: number;
  account_id: string | null;
}

/** The rota's state in PostgreSQL: rota_state (one row, locked by every rota change) and rota_assignment. */
@Injectable()
export class RotaRepository {
  /** In one statement: every flow decision reads it (under the flow's track lock). */
  async designation(m: EntityManager): Promise<Designation> {
    const rows: DesignationRow[] = await m.query(
      `SELECT s.active_sprint_id, s.rotation, s.rotation_index, a.account_id
         FROM rota_state s LEFT JOIN rota_assignment a ON a.sprint_id = s.active_sprint_id
        WHERE s.id = $1`,
      [DEFAULT_TRACK],
    );
    if (rows.length === 0) throw new Error(`rota_state has no row ${DEFAULT_TRACK}`);
    const [row] = rows;
    return { sprintId: row.active_sprint_id, accountId: designatedDeveloper({ rotation: row.rotation, rotationIndex: row.rotation_index }, row.account_id) };
  }

  /** Who the rota designates for the given (possibly not yet saved) state. */
  async designatedFor(m: EntityManager, state: Rotation & { activeSprintId: number | null }): Promise<string | null> {
    const assigned = state.activeSprintId === null ? null : await m.findOneBy(RotaAssignmentEntity, { sprintId: state.activeSprintId });
    return designatedDeveloper(state, assigned?.accountId ?? null);
  }

  state(m: EntityManager, lock = false): Promise<RotaStateEntity> {
    return m.findOneOrFail(RotaStateEntity, { where: { id: DEFAULT_TRACK }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  assignments(m: EntityManager): Promise<RotaAssignmentEntity[]> {
    return m.find(RotaAssignmentEntity, { order: { sprintId: 'ASC' } });
  }
}
