/**
 * PostgreSQL advisory lock ids of the service, in one place so that no two uses share one. Single
 * keys (bigint) for one-at-a-time jobs; two-key namespaces (int, int) for a lock per issue or per row.
 */
export const ADVISORY_LOCKS = {
  /** one instance checks the 3rd-line targets at a time */
  slaMonitor: 72_001,
  /** one instance reads the client SLA from JSM at a time */
  clientSla: 72_017,
  /** one reconciliation at a time across instances */
  reconcile: 72_002,
  /** namespace: one order key (one issue) of the webhook inbox is worked on by one session at a time */
  webhookOrderKey: 72_003,
  /** namespace: one Jira change is sent by one session at a time (key: its id) */
  outboxCommand: 72_004,
  /** namespace: one escalation of a service desk ticket at a time (key: hashtext of its key) */
  escalation: 72_005,
  /** namespace: one notification row is sent by one session at a time (key: its id) */
  notification: 72_006,
  /** one instance writes forecast notes at a time */
  forecastNotes: 72_016,
} as const;
