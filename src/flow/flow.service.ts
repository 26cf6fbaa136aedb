import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import type { Tx } from '../audit/audit.sink.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { KnownBoards } from '../jira/known-boards.js';
import { OutboxWriter } from '../jira/outbox/outbox.writer.js';
import { Notifier } from '../notifications/notifier.js';
import { ServiceDeskNotes } from '../service-desk/service-desk-notes.js';
import { toJiraChanges } from './jira-change.mapper.js';
import { decide, pickupRefusal } from './domain/flow.decision.js';
import { notificationsOf } from './domain/flow-notifications.js';
import type { Decision, FlowEvent, FlowPolicy, FlowRecord } from './domain/flow.types.js';
import { FlowRepository } from './persistence/flow.repository.js';

/**
 * One use case for every flow event: lock the track, load, decide, save, audit, outbox, tell the
 * service desk and the channels (rows sent later) — in one transaction (the caller's, when it already
 * has one, e.g. a webhook's).
 */
@Injectable()
export class FlowService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: FlowRepository,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditLog,
    private readonly boards: KnownBoards,
    private readonly notes: ServiceDeskNotes,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get policy(): FlowPolicy {
    const { releaseEnvironment, releaseEnvironments, releaseEnvironmentType } = this.config;
    return { mode: this.config.enforcementMode, releaseEnvironment, releaseEnvironments, releaseEnvironmentType };
  }

  /** An API pickup's refusal that needs no Jira read, from the state as it is now (no lock): before the slow read of Ready for sprint. */
  async pickupRefusal(actor: string): Promise<Decision | null> {
    const { state } = await this.repo.load(this.db.manager, false);
    return pickupRefusal(state, actor, this.policy);
  }

  /** In the caller's transaction (a webhook's decision), else in one of its own. */
  apply(event: FlowEvent, tx?: Tx): Promise<Decision> {
    return tx ? this.applyIn(tx, event) : this.db.transaction((m) => this.applyIn(this.audit.in(m), event));
  }

  private async applyIn(tx: Tx, event: FlowEvent): Promise<Decision> {
    const { m } = tx;
    const now = this.clock.now();
    const loaded = await this.repo.load(m, true);
    const decision = decide(loaded.state, event, now, this.policy);
    if (!decision.ok) return decision;
    await this.repo.save(m, loaded, decision.next, decision.records, now);
    await tx.audit.record(decision.records.map((r) => this.auditEntry(r, now)));
    const commands = toJiraChanges(decision.commands, this.boards.layout());
    await this.outbox.enqueue(m, commands, event.type, now);
    await this.tellServiceDesk(tx, decision.records, now);
    await this.notifier.notify(m, notificationsOf(decision.records), now);
    return decision;
  }

  /** The client's ticket hears of pickups and deploys (internal notes), in the same transaction. */
  private async tellServiceDesk(tx: Tx, records: FlowRecord[], now: Date): Promise<void> {
    for (const r of records) {
      if (r.type === 'slot.pickup') await this.notes.pickedUp(tx, r.key, r.actor, now);
      else if (r.type === 'slot.released' && r.reason === 'deployed') await this.notes.deployed(tx, r.key, now);
    }
  }

  private auditEntry(r: FlowRecord, at: Date) {
    const { type, ...data } = r;
    const ticketKey = 'key' in r ? r.key : null;
    const actor = 'actor' in r ? r.actor : null;
    return { type, ticketKey, actor, at, data: data as Record<string, unknown> };
  }
}
