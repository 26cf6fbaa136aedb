/** The typed configuration every feature reads; built once from the validated environment. */
export interface JiraConfig {
  baseUrl: string;
  email: string;
  apiToken: string;
  qaOpsBoardId: number;
  sprintBoardId: number;
  triageProject: string;
}

export interface AppConfig {
  port: number;
  databaseUrl?: string;
  dataDir: string;
  logFormat: 'text' | 'json';
  adminToken?: string;
  jira?: JiraConfig;
  webhook: { secret?: string };
  githubWebhookSecret?: string;
  serviceDeskProject: string;
  columns: { triage: string; ready: string; inProgress: string };
  releaseEnvironment: string;
  enforcementMode: 'revert' | 'flag';
  serviceDeskLinkType: string;
  triageIssueType: string;
  triageLabel: string;
  fixResolutions: string[];
  serviceDeskEnvironmentField?: string;
  boardRefreshSeconds: number;
  reconcileSeconds: number;
  serviceDesk: {
    testEnvironments: string[];
    slaTargets: Record<string, { responseMinutes: number; resolutionMinutes: number }>;
    slaCheckSeconds: number;
    writeBackPriority: boolean;
    autoEscalateBugs: boolean;
    /** stage → text of a public comment on the JSM ticket; stages without one get only internal notes */
    publicTemplates: Record<string, string>;
  };
  outbox: { maxAttempts: number; baseDelayMs: number };
  /** where events go (NOTIFY_WEBHOOK_URLS), how they are signed and retried */
  notify: { urls: string[]; secret?: string; maxAttempts: number; baseDelayMs: number };
  /** fraction of each SLA target at which the clock is noted and notified as at risk */
  slaWarnAt: number;
  /** how often forecast notes are considered (0: never) */
  forecastNoteSeconds: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
