/** What the service tells the team's channels (NOTIFY_WEBHOOK_URLS), in plain types. */
/** The 3rd-line targets: triage → pickup (response), triage → deployed to D (resolution). */
export type TargetKind = 'response' | 'resolution';

export interface NextTicket {
  key: string;
  summary: string | null;
  pickedUp: boolean;
}

export type NotificationEvent =
  /**
   * The slot was released. `next`: the top of Ready for sprint read from Jira right after (`pickedUp`:
   * someone took the slot before that read); null with `queueRead` when Ready was empty, without it when Jira could not be read.
   */
  | { event: 'slot_freed'; ticketKey: string; because: string; next: NextTicket | null; queueRead: boolean; designatedDeveloper: string | null }
  | { event: 'pickup'; ticketKey: string; actor: string; via: 'api' | 'jira' }
  | { event: 'violation'; ticketKey: string; rule: string; remedy: 'reverted' | 'flagged'; actor: string }
  /** the service's own 3rd-line targets (SLA_TARGETS), never the client's SLA */
  | {
      event: 'target_at_risk';
      ticketKey: string;
      serviceDeskKey: string;
      kind: TargetKind;
      priority: string;
      dueAt: Date;
      fraction: number;
      source: '3rd-line';
    }
  | { event: 'target_missed'; ticketKey: string; serviceDeskKey: string; kind: TargetKind; priority: string; dueAt: Date; source: '3rd-line' }
  /** the client's SLA, as JSM reports it on the client ticket */
  | { event: 'sla_at_risk'; ticketKey: string; serviceDeskKey: string; metric: string; breachAt: Date | null; remainingMs: number | null; source: 'jsm' }
  | { event: 'sla_breached'; ticketKey: string; serviceDeskKey: string; metric: string; breachAt: Date | null; source: 'jsm' }
  | { event: 'jira_change_failed'; ticketKey: string; change: string; error: string | null; attempts: number; commandId: string }
  | { event: 'webhook_quarantined'; ticketKey: string | null; webhookId: string; webhookEvent: string | null; reason: string };

export type NotificationEventName = NotificationEvent['event'];

export const NOTIFICATION_EVENTS: readonly NotificationEventName[] = [
  'slot_freed',
  'pickup',
  'violation',
  'target_at_risk',
  'target_missed',
  'sla_at_risk',
  'sla_breached',
  'jira_change_failed',
  'webhook_quarantined',
];
