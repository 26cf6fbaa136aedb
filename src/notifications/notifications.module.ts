import { Global, Module } from '@nestjs/common';
import { FlowModule } from '../flow/flow.module.js';
import { FlowNotifications } from './flow-notifications.listener.js';
import { NotificationSender } from './notification.sender.js';
import { NotificationWorker } from './notification.worker.js';
import { Notifier } from './notifier.js';

/** Global: flow decisions, the SLA job, the Jira outbox and the webhook processor all tell people through Notifier. */
@Global()
@Module({
  imports: [FlowModule],
  providers: [Notifier, NotificationSender, NotificationWorker, FlowNotifications],
  exports: [Notifier, NotificationWorker],
})
export class NotificationsModule {}
