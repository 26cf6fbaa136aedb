/**
 * One clock in a ticket's `sla` list (GET /api/queue, GET /api/tickets/{key}): the client's SLA as JSM
 * reports it (source "jsm", one per metric of each client ticket), or a 3rd-line target of this flow
 * (source "3rd-line"), never called the client's SLA.
 */
export interface SlaEntry {
  name: string;
  state: 'running' | 'paused' | 'breached' | 'met';
  /** ISO instant the clock breaches or breached; null when JSM gives none */
  breachAt: string | null;
  /** negative once breached; null when JSM gives none */
  remainingMs: number | null;
  source: 'jsm' | '3rd-line';
  /** the client ticket whose clock it is (JSM's only) */
  serviceDeskKey?: string;
  /** when JSM was read for it (JSM's only) */
  readAt?: string | null;
  /** JSM's only: running with no more than 1 − SLA_WARN_AT of its goal left (what is told as at risk) */
  atRisk?: boolean;
}
