import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { FlowRecord } from '../flow/domain/flow.types.js';
import { FlowService } from '../flow/flow.service.js';
import { notificationsOf } from './domain/flow-notifications.js';
import { Notifier } from './notifier.js';

/** Pickups and violations reach the channels: rows written in the deciding transaction, sent later. */
@Injectable()
export class FlowNotifications implements OnModuleInit {
  constructor(
    private readonly flow: FlowService,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.flow.onDecision((m, records, now) => this.onRecords(m, records, now));
  }

  async onRecords(m: EntityManager, records: FlowRecord[], now: Date): Promise<void> {
    await this.notifier.notify(m, notificationsOf(records), now);
  }
}
