import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JiraCommandEntity } from '../persistence/jira-command.entity.js';
import type { JiraCommand } from './jira-command.js';
import { OutboxSignal } from './outbox.signal.js';

/** Writes commands inside the caller's transaction; the worker is woken once that transaction commits. */
@Injectable()
export class OutboxWriter {
  constructor(private readonly signal: OutboxSignal) {}

  async enqueue(manager: EntityManager, commands: JiraCommand[], cause: string, now: Date): Promise<void> {
    if (commands.length === 0) return;
    await manager.insert(
      JiraCommandEntity,
      commands.map((c) => ({
        orderingKey: c.key, kind: c.kind, payload: c as object, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now, cause,
      })) as never,
    );
    // waking early is harmless: the worker only sees committed rows
    setImmediate(() => this.signal.wake());
  }
}
