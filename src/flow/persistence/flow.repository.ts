import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { DEFAULT_TRACK } from '../../common/track.js';
import { RotaRepository } from '../../rota/persistence/rota.repository.js';
import type { FlowRecord, FlowState } from '../domain/flow.types.js';
import { FlowTrackEntity } from './flow-track.entity.js';
import { SlotOccupancyEntity } from './slot-occupancy.entity.js';
import { ViolationEntity } from './violation.entity.js';

export interface LoadedFlow {
  track: FlowTrackEntity;
  occupancy: SlotOccupancyEntity | null;
  state: FlowState;
  /** the sprint the designated developer is designated for */
  sprintId: number | null;
}

/** The flow's state in PostgreSQL: read under the track's row lock, written back in the same transaction. */
@Injectable()
export class FlowRepository {
  constructor(private readonly rota: RotaRepository) {}

  async load(m: EntityManager, lock: boolean): Promise<LoadedFlow> {
    const track = await m.findOneOrFail(FlowTrackEntity, { where: { id: DEFAULT_TRACK }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    const occupancy = await m.findOne(SlotOccupancyEntity, { where: { track: DEFAULT_TRACK, releasedAt: IsNull() } });
    const designation = await this.rota.designation(m);
    return {
      track,
      occupancy,
      sprintId: designation.sprintId,
      state: {
        holder: occupancy ? { key: occupancy.ticketKey, since: occupancy.pickedUpAt, pickedUpBy: occupancy.pickedUpBy } : null,
        designatedDeveloper: designation.accountId,
        flagged: track.flagged,
      },
    };
  }

  async save(m: EntityManager, loaded: LoadedFlow, next: FlowState, records: FlowRecord[], now: Date): Promise<void> {
    const before = loaded.state;
    if (before.holder && next.holder?.key !== before.holder.key) {
      const released = records.find((r): r is Extract<FlowRecord, { type: 'slot.released' }> => r.type === 'slot.released');
      if (!released) throw new Error(`The slot held by ${before.holder.key} changed without a release record`);
      await m.update(
        SlotOccupancyEntity,
        { id: loaded.occupancy!.id },
        {
          releasedAt: now,
          releaseReason: released.reason,
          releaseCause: released.cause,
          releasedBy: released.actor,
        },
      );
    } else if (before.holder && next.holder && next.holder.pickedUpBy !== before.holder.pickedUpBy) {
      await m.update(SlotOccupancyEntity, { id: loaded.occupancy!.id }, { pickedUpBy: next.holder.pickedUpBy });
    }
    if (next.holder && next.holder.key !== before.holder?.key) {
      const pickup = records.find((r) => r.type === 'slot.pickup');
      await m.insert(SlotOccupancyEntity, {
        track: DEFAULT_TRACK,
        ticketKey: next.holder.key,
        pickedUpAt: next.holder.since,
        pickedUpBy: next.holder.pickedUpBy,
        via: pickup?.type === 'slot.pickup' ? pickup.via : 'api',
      });
    }
    if (next.flagged.join() !== before.flagged.join()) await m.update(FlowTrackEntity, { id: DEFAULT_TRACK }, { flagged: next.flagged });
    const violations = records.flatMap((r) => (r.type === 'violation' ? [r] : []));
    if (violations.length) {
      await m.insert(
        ViolationEntity,
        violations.map((v) => ({ ticketKey: v.key, rule: v.rule, remedy: v.remedy, actorAccountId: v.actor, at: now })),
      );
    }
  }
}
