/** One row of the audit log, as the flow metrics read it (`seq` is the log's order: its id). */
export interface AuditFact {
  seq: number;
  type: string;
  ticketKey: string | null;
  at: Date;
  data: Record<string, unknown>;
}

export interface FlowMetricsWindow {
  from: Date;
  to: Date;
  /** status ids of the Triage column: a move into one starts a lead time */
  triageStatusIds: readonly string[];
  /** the sprint the service knows as active, for deploys before any `rota.sprint_started` it saw */
  activeSprintId: number | null;
}

export interface DurationSample {
  key: string;
  start: Date;
  end: Date;
  hours: number;
}

export interface DurationStats {
  count: number;
  p50: number | null;
  p85: number | null;
  p95: number | null;
  samples: DurationSample[];
}

export interface SprintFlow {
  /** null: before the first sprint start the service saw, and no sprint is known for that time */
  sprintId: number | null;
  startedAt: Date | null;
  endedAt: Date | null;
  /** fixes deployed to the release environment (slot released as `deployed`) in the window */
  throughput: number;
  deployed: string[];
  violations: number;
}

export interface FlowMetrics {
  from: Date;
  to: Date;
  unit: 'hours';
  leadTime: DurationStats;
  cycleTime: DurationStats;
  blockedOnDeploy: DurationStats;
  sprints: SprintFlow[];
}
