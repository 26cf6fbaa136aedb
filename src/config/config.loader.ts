import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfig, JiraConfig, type SlaTarget } from './app-config.js';
import { EnvDto, jiraConfigured, JiraEnv } from './env.dto.js';
import type { SlaTargetText } from './env.parsers.js';
import type { WorkingCalendar } from './working-calendar.js';

export class ConfigError extends Error {}

/** One line per wrong variable: its distinct messages, then the text it was given. */
function describe(errors: ValidationError[], raw: Record<string, unknown>): string {
  return errors
    .map((e) => {
      const messages = [...new Set(Object.values(e.constraints ?? {}))].join('; ');
      return `${e.property}: ${messages} (got ${raw[e.property] === undefined ? 'nothing' : JSON.stringify(raw[e.property])})`;
    })
    .join('\n');
}

/** Validates the environment; a bad or missing value throws naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const dto = plainToInstance(EnvDto, raw, { exposeDefaultValues: true });
  const errors = validateSync(dto, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(`Invalid configuration:\n${describe(errors, raw)}`);
  return toAppConfig(dto);
}

/** Only assembles: every value was read into its type by the env class. */
function toAppConfig(e: EnvDto): AppConfig {
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    logFormat: e.LOG_FORMAT,
    adminToken: e.ADMIN_TOKEN,
    jira: jiraConfigured(e) ? jiraOf(e) : undefined,
    webhook: { secret: e.JIRA_WEBHOOK_SECRET, githubSecret: e.GITHUB_WEBHOOK_SECRET, gitlabToken: e.GITLAB_WEBHOOK_TOKEN },
    serviceDeskProject: e.SERVICE_DESK_PROJECT,
    trackName: e.TRACK_NAME,
    columns: { triage: e.TRIAGE_COLUMN, ready: e.READY_COLUMN, inProgress: e.IN_PROGRESS_COLUMN },
    releaseEnvironment: e.RELEASE_ENVIRONMENT,
    releaseEnvironments: e.RELEASE_ENVIRONMENTS,
    releaseEnvironmentType: e.RELEASE_ENVIRONMENT_TYPE,
    enforcementMode: e.ENFORCEMENT_MODE,
    serviceDeskLinkType: e.SERVICE_DESK_LINK_TYPE,
    triageIssueType: e.TRIAGE_ISSUE_TYPE,
    triageLabel: e.TRIAGE_LABEL,
    fixResolutions: e.FIX_RESOLUTIONS,
    serviceDeskEnvironmentField: e.SERVICE_DESK_ENVIRONMENT_FIELD,
    boardRefreshSeconds: e.BOARD_REFRESH_SECONDS,
    reconcileSeconds: e.RECONCILE_SECONDS,
    serviceDesk: {
      testEnvironments: e.SLA_TEST_ENVIRONMENTS,
      slaTargets: targetMinutes(e.SLA_TARGETS, e.SLA_CALENDAR),
      calendar: e.SLA_CALENDAR && { ...e.SLA_CALENDAR, holidays: e.SLA_HOLIDAYS ?? [] },
      slaCheckSeconds: e.SLA_CHECK_SECONDS,
      slaWarnAt: e.SLA_WARN_AT,
      writeBackPriority: e.SLA_WRITE_BACK_PRIORITY,
      autoEscalateBugs: e.AUTO_ESCALATE_BUGS,
      publicTemplates: e.SERVICE_DESK_PUBLIC_TEMPLATES,
    },
    outbox: { maxAttempts: e.OUTBOX_MAX_ATTEMPTS, baseDelayMs: e.OUTBOX_BASE_DELAY_MS },
    webhookLoops: e.WEBHOOK_LOOPS,
    separateWorker: e.SEPARATE_WORKER,
    processRole: 'all',
    notify: { urls: e.NOTIFY_WEBHOOK_URLS, secret: e.NOTIFY_WEBHOOK_SECRET, maxAttempts: e.NOTIFY_MAX_ATTEMPTS, baseDelayMs: e.NOTIFY_BASE_DELAY_MS },
    forecastNoteSeconds: e.FORECAST_NOTE_SECONDS,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            providerName: e.OIDC_PROVIDER_NAME ?? new URL(e.OIDC_ISSUER).host,
            requireVerifiedEmail: e.OIDC_REQUIRE_VERIFIED_EMAIL,
          }
        : undefined,
    trustedProxy:
      e.TRUSTED_PROXY_HEADER && e.TRUSTED_PROXY_SECRET ? { header: e.TRUSTED_PROXY_HEADER.toLowerCase(), secret: e.TRUSTED_PROXY_SECRET } : undefined,
  };
}

function jiraOf(e: JiraEnv): JiraConfig {
  return {
    baseUrl: e.JIRA_BASE_URL,
    email: e.JIRA_EMAIL,
    apiToken: e.JIRA_API_TOKEN,
    qaOpsBoardId: e.QA_OPS_BOARD_ID,
    sprintBoardId: e.SPRINT_BOARD_ID,
    triageProject: e.TRIAGE_PROJECT,
    timeoutMs: e.JIRA_TIMEOUT_MS,
  };
}

/** A day of SLA_TARGETS is a working day of SLA_CALENDAR when one is set (1d = 09:00–17:30), else 24 hours. */
function targetMinutes(targets: Record<string, SlaTargetText>, calendar: WorkingCalendar | null): Record<string, SlaTarget> {
  const day = calendar ? calendar.endMinute - calendar.startMinute : 24 * 60;
  const minutes = (leg: SlaTargetText['response']) => leg.minutes + leg.days * day;
  return Object.fromEntries(
    Object.entries(targets).map(([priority, t]) => [priority, { responseMinutes: minutes(t.response), resolutionMinutes: minutes(t.resolution) }]),
  );
}
