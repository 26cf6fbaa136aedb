import type { WorkingCalendar } from './working-calendar.js';

/** The typed configuration every feature reads; built once from the validated environment. */
export interface JiraConfig {
  baseUrl: string;
  email: string;
  apiToken: string;
  qaOpsBoardId: number;
  sprintBoardId: number;
  triageProject: string;
  /** JIRA_TIMEOUT_MS: a call unanswered by then counts as an answer lost */
  timeoutMs: number;
}

/** One priority's 3rd-line targets (SLA_TARGETS), in minutes (of working time when SLA_CALENDAR is set). */
export interface SlaTarget {
  responseMinutes: number;
  resolutionMinutes: number;
}

export interface AppConfig {
  port: number;
  databaseUrl?: string;
  dataDir: string;
  logFormat: 'text' | 'json';
  adminToken?: string;
  jira?: JiraConfig;
  /** what inbound webhooks must carry: Jira's secret (JIRA_WEBHOOK_SECRET), GitHub's (GITHUB_WEBHOOK_SECRET), GitLab's token (GITLAB_WEBHOOK_TOKEN) */
  webhook: { secret?: string; githubSecret?: string; gitlabToken?: string };
  serviceDeskProject: string;
  /** TRACK_NAME: the name of the track `default`, the one the environment variables define */
  trackName: string;
  columns: { triage: string; ready: string; inProgress: string };
  releaseEnvironment: string;
  /** RELEASE_ENVIRONMENTS: more names or `*` patterns that count as the release environment */
  releaseEnvironments: string[];
  /** RELEASE_ENVIRONMENT_TYPE: Jira's environment type a deployment must have when it reports one */
  releaseEnvironmentType: string | null;
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
    slaTargets: Record<string, SlaTarget>;
    /** SLA_CALENDAR with SLA_HOLIDAYS: the working hours the 3rd-line targets count in; null: wall time */
    calendar: WorkingCalendar | null;
    slaCheckSeconds: number;
    /** SLA_WARN_AT: the fraction of a clock's goal past which it is at risk (a JSM clock, a 3rd-line target) */
    slaWarnAt: number;
    writeBackPriority: boolean;
    autoEscalateBugs: boolean;
    /** stage → text of a public comment on the JSM ticket; stages without one get only internal notes */
    publicTemplates: Record<string, string>;
  };
  outbox: { maxAttempts: number; baseDelayMs: number };
  /** webhook processor loops in this process: each works on a batch of events of different issues */
  webhookLoops: number;
  /** npm start runs the background loops in a worker process beside the HTTP one (SEPARATE_WORKER) */
  separateWorker: boolean;
  /** what this process runs: 'all' (one process), 'web' (HTTP, no background loops), 'worker' (the loops, no HTTP) */
  processRole: 'all' | 'web' | 'worker';
  /** where events go (NOTIFY_WEBHOOK_URLS), how they are signed and retried */
  notify: { urls: string[]; secret?: string; maxAttempts: number; baseDelayMs: number };
  /** how often forecast notes are considered (0: never) */
  forecastNoteSeconds: number;
  /** the service's external URL (PUBLIC_URL, default http://localhost:PORT): sign-in redirects come back to it */
  publicUrl: string;
  /** sign-in through an OpenID Connect provider (OIDC_ISSUER), when set */
  oidc?: { issuer: string; clientId: string; clientSecret: string; providerName: string; requireVerifiedEmail: boolean };
  /** behind an authenticating proxy: the header naming the signed-in email, believed only with X-Proxy-Secret equal to `secret` */
  trustedProxy?: { header: string; secret: string };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
