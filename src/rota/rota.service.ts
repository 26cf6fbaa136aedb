import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import type { Tx } from '../audit/audit.sink.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain.error.js';
import { DEFAULT_TRACK } from '../common/track.js';
import { KnownBoards } from '../jira/known-boards.js';
import { nextRotationIndex } from './domain/designated-developer.js';
import { RotaAssignmentEntity } from './persistence/rota-assignment.entity.js';
import { RotaStateEntity } from './persistence/rota-state.entity.js';
import { RotaRepository } from './persistence/rota.repository.js';

export interface RotaView {
  designatedDeveloper: { accountId: string; sprintId: number | null } | null;
  rotation: string[];
  assignments: { sprintId: number; accountId: string }[];
}

/** One designated developer per sprint: a per-sprint assignment, else the rotation's current member. */
@Injectable()
export class RotaService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: RotaRepository,
    private readonly boards: KnownBoards,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async view(m: EntityManager = this.db.manager): Promise<RotaView> {
    const state = await this.repo.state(m);
    const designated = await this.repo.designatedFor(m, state);
    const assignments = await this.repo.assignments(m);
    return {
      designatedDeveloper: designated ? { accountId: designated, sprintId: state.activeSprintId } : null,
      rotation: state.rotation,
      assignments: assignments.map((a) => ({ sprintId: a.sprintId, accountId: a.accountId })),
    };
  }

  async assign(accountId: string, sprintId: number | undefined, actor: string): Promise<RotaView> {
    return this.db.transaction(async (m) => {
      const state = await this.repo.state(m, true);
      const sprint = sprintId ?? state.activeSprintId;
      if (sprint === null || sprint === undefined)
        throw new DomainError('no_active_sprint', 'The Sprint Work board has no active sprint known to the service: give sprintId');
      await m.upsert(RotaAssignmentEntity, { sprintId: sprint, accountId, assignedAt: this.clock.now() }, ['sprintId']);
      await this.audit.append(m, [{ type: 'rota.assigned', actor, at: this.clock.now(), data: { sprintId: sprint, accountId } }]);
      return this.view(m);
    });
  }

  async setRotation(rotation: string[], actor: string): Promise<RotaView> {
    return this.db.transaction(async (m) => {
      await this.repo.state(m, true);
      await m.update(RotaStateEntity, { id: DEFAULT_TRACK }, { rotation, rotationIndex: 0 });
      await this.audit.append(m, [{ type: 'rota.rotation_set', actor, at: this.clock.now(), data: { rotation } }]);
      return this.view(m);
    });
  }

  /**
   * Advances the rotation and returns who is designated for the new sprint; `stale` for a start older
   * than the one applied (Jira delivers late and out of order: an old sprint must not come back).
   */
  async sprintStarted(tx: Tx, sprintId: number, jiraTimestamp: number): Promise<{ stale: true } | { stale: false; designated: string | null }> {
    const m = tx.m;
    const state = await this.repo.state(m, true);
    if (state.activeSprintId === sprintId) return { stale: false, designated: await this.repo.designatedFor(m, state) }; // a repeated start
    if (state.sprintStartedAt !== null && jiraTimestamp <= Number(state.sprintStartedAt)) {
      await tx.audit.record([{ type: 'webhook.stale_ignored', at: this.clock.now(), data: { sprintId, jiraTimestamp, activeSprintId: state.activeSprintId } }]);
      return { stale: true };
    }
    const rotationIndex = nextRotationIndex(state);
    await m.update(RotaStateEntity, { id: DEFAULT_TRACK }, { activeSprintId: sprintId, rotationIndex, sprintStartedAt: String(jiraTimestamp) });
    const designated = await this.repo.designatedFor(m, { ...state, activeSprintId: sprintId, rotationIndex });
    await tx.audit.record([{ type: 'rota.sprint_started', at: this.clock.now(), data: { sprintId, designatedDeveloper: designated } }]);
    return { stale: false, designated };
  }

  async sprintClosed(tx: Tx, sprintId: number): Promise<void> {
    await tx.audit.record([{ type: 'rota.sprint_closed', at: this.clock.now(), data: { sprintId } }]);
  }

  /** Learns the active sprint from board discovery when no sprint event has told it yet. */
  async syncActiveSprint(): Promise<void> {
    const sprint = this.boards.layout()?.activeSprint;
    if (!sprint) return;
    await this.db.query(`UPDATE rota_state SET active_sprint_id = $1 WHERE id = $2 AND active_sprint_id IS NULL`, [sprint.id, DEFAULT_TRACK]);
  }
}
