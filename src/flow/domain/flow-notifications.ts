import type { FlowRecord } from './flow.types.js';
import type { NotificationEvent } from '../../notifications/domain/notification-event.js';

/**
 * What the channels hear about a flow decision. A release is told later, by the next-ticket nudge,
 * once the next ticket has been read from Jira (slot_freed).
 */
export function notificationsOf(records: readonly FlowRecord[]): NotificationEvent[] {
  return records.flatMap((r): NotificationEvent[] => {
    switch (r.type) {
      case 'slot.pickup':
        return [{ event: 'pickup', ticketKey: r.key, actor: r.actor, via: r.via }];
      case 'violation':
        return [{ event: 'violation', ticketKey: r.key, rule: r.rule, remedy: r.remedy, actor: r.actor }];
      default:
        return [];
    }
  });
}
