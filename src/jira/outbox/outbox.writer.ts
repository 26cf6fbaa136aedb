import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { JiraChangeEntity } from '../persistence/jira-change.entity.js';
import type { JiraChange } from './jira-change.js';
import { WakeChannel } from '../../common/wake.channel.js';
import { OutboxSignal } from './outbox.signal.js';

const ENQUEUED = 'outboxEnqueued';

/** Writes commands inside the caller's transaction; the worker is woken once that transaction commits. */
@Injectable()
export class OutboxWriter implements OnModuleInit, EntitySubscriberInterface {
  constructor(
    private readonly signal: OutboxSignal,
    private readonly wakes: WakeChannel,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.db.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<string, unknown>;
    if (!data?.[ENQUEUED]) return;
    data[ENQUEUED] = false;
    this.signal.wake();
  }

  async enqueue(manager: EntityManager, commands: JiraChange[], cause: string, now: Date): Promise<void> {
    if (commands.length === 0) return;
    await manager.insert(
      JiraChangeEntity,
      commands.map((c) => ({
        orderingKey: c.key,
        kind: c.kind,
        payload: c,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
        cause,
      })),
    );
    await this.wakes.notify(manager, 'outbox'); // another process's worker: delivered at the commit
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) (runner.data as Record<string, unknown>)[ENQUEUED] = true;
    else this.signal.wake();
  }
}
