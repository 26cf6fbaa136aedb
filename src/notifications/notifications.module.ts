import { Global, Module } from '@nestjs/common';
import { NotificationSender } from './notification.sender.js';
import { NotificationWorker } from './notification.worker.js';
import { Notifier } from './notifier.js';

/** Global: flow decisions, the client SLA watch, the 3rd-line targets, the Jira outbox and the webhook processor all tell people through Notifier. */
@Global()
@Module({
  providers: [Notifier, NotificationSender, NotificationWorker],
  exports: [Notifier, NotificationWorker],
})
export class NotificationsModule {}
