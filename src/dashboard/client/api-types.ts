// The API's answers as the pages read them (JSON: times are ISO strings).
import type { AuditType } from '../../audit/audit-types.js';
import type { SlaEntry } from '../../service-desk/domain/sla-entry.js';

export interface Me {
  /** person: signed in through the organisation's proxy (no token in the page) */
  kind: 'token' | 'person';
  /** a person's: signed in by the authenticating proxy, or a session of the provider's sign-in */
  via?: 'proxy' | 'session';
  name: string;
  email?: string;
  role: 'admin' | 'po' | 'developer' | 'ci' | 'support';
  /** a person's: sent as X-CSRF-Token with every change */
  csrfToken?: string;
}

/** One person on the roster (GET /api/people). */
export interface Person {
  email: string;
  role: 'admin' | 'po' | 'developer' | 'ci' | 'support';
  accountId: string | null;
  tracks: string[] | null;
}

export interface JiraChange {
  id: number;
  ticketKey: string;
  change: string;
  status: 'pending' | 'done' | 'failed' | 'abandoned';
  attempts: number;
  error: string | null;
  outcome: string | null;
  abandonReason: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface DashboardOverview {
  jiraBaseUrl: string | null;
  releaseEnvironment: string;
  jiraChanges: { pending: JiraChange[]; failed: JiraChange[] };
}

/** One clock of a ticket: the client's SLA as JSM reports it, or this flow's 3rd-line target (the API's own type). */
export type { SlaEntry };

export interface Queue {
  slot: {
    state: 'free' | 'occupied';
    ticket: { key: string; summary: string | null; assignee: string | null; sla?: SlaEntry[] } | null;
    since: string | null;
    waitingFor: string | null;
  };
  ready: {
    key: string;
    summary: string | null;
    priority: string | null;
    forecast: { p50: string; p85: string; samples: number } | null;
    reason?: string;
    sla?: SlaEntry[];
  }[];
  triage: { key: string; summary: string | null; sla?: SlaEntry[] }[];
  overLimit: { key: string }[];
  designatedDeveloper: { accountId: string; sprintId: number | null } | null;
}

export interface Violation {
  ticketKey: string;
  rule: string;
  remedy: string;
  actorAccountId: string | null;
  at: string;
}

/** GET /api/sla: JSM's clocks of the open bugs' client tickets, and the 3rd-line targets. */
export interface Sla {
  client: {
    ticketKey: string;
    serviceDeskKey: string;
    name: string | null;
    state: SlaEntry['state'] | 'none' | 'not_read' | 'unreadable';
    breachAt: string | null;
    remainingMs: number | null;
    atRisk: boolean;
    readAt: string | null;
    error: string | null;
  }[];
  targets: {
    calendar: string | null;
    missed: { ticketKey: string; serviceDeskKey: string; kind: string; priority: string; dueAt: string }[];
    warnings: unknown[];
    clocks: unknown[];
  };
}

export interface Percentiles {
  p50: number | null;
  p85: number | null;
  p95: number | null;
}

export interface Stats extends Percentiles {
  count: number;
  samples: { key: string; end: string; hours: number }[];
}

export interface FlowMetrics {
  from: string;
  to: string;
  leadTime: Stats;
  cycleTime: Stats;
  blockedOnDeploy: Stats;
  sprints: { sprintId: number | null; throughput: number; violations: number }[];
}

export interface QuarantinedWebhook {
  id: string;
  event: string;
  issue: string | null;
  reason: string | null;
  attempts: number;
  received: string;
}

export interface AuditEvent {
  id: string;
  at: string;
  type: AuditType;
  actor: string | null;
  /** the actor as a person reads it (a token's name, not its id) */
  actorName: string | null;
  data: Record<string, unknown>;
}

export interface TicketRecord {
  key: string;
  ticket: { summary: string; status: string; column: string; assignee: string | null; priority: string | null; labels: string[] } | null;
  serviceDesk: { key: string } | null;
  clientTickets?: { key: string; via: string; detachedAt: string | null }[];
  sla?: SlaEntry[];
  auditEvents: AuditEvent[];
  notes?: { createdAt: string; public: boolean; on: string; text: string; status: string; outcome: string | null; error: string | null }[];
  jiraChanges: { pending: JiraChange[]; failed: JiraChange[]; done: JiraChange[]; abandoned?: JiraChange[] };
}
