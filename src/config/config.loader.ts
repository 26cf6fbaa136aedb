import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfig } from './app-config.js';
import { EnvDto } from './env.dto.js';

export class ConfigError extends Error {}

function describe(errors: ValidationError[], raw: Record<string, unknown>): string {
  return errors
    .map(
      (e) =>
        `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (got ${raw[e.property] === undefined ? 'nothing' : JSON.stringify(raw[e.property])})`,
    )
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

function toAppConfig(e: EnvDto): AppConfig {
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    logFormat: e.LOG_FORMAT,
    adminToken: e.ADMIN_TOKEN,
    jira: e.JIRA_BASE_URL
      ? {
          baseUrl: e.JIRA_BASE_URL.replace(/\/+$/, ''),
          email: e.JIRA_EMAIL!,
          apiToken: e.JIRA_API_TOKEN!,
          qaOpsBoardId: e.QA_OPS_BOARD_ID!,
          sprintBoardId: e.SPRINT_BOARD_ID!,
          triageProject: e.TRIAGE_PROJECT!,
          timeoutMs: e.JIRA_TIMEOUT_MS,
        }
      : undefined,
    webhook: { secret: e.JIRA_WEBHOOK_SECRET },
    githubWebhookSecret: e.GITHUB_WEBHOOK_SECRET,
    gitlabWebhookToken: e.GITLAB_WEBHOOK_TOKEN,
    serviceDeskProject: e.SERVICE_DESK_PROJECT,
    columns: { triage: e.TRIAGE_COLUMN, ready: e.READY_COLUMN, inProgress: e.IN_PROGRESS_COLUMN },
    releaseEnvironment: e.RELEASE_ENVIRONMENT,
    releaseEnvironments: e.RELEASE_ENVIRONMENTS ? list(e.RELEASE_ENVIRONMENTS) : [],
    releaseEnvironmentType: e.RELEASE_ENVIRONMENT_TYPE ?? null,
    enforcementMode: e.ENFORCEMENT_MODE,
    serviceDeskLinkType: e.SERVICE_DESK_LINK_TYPE,
    triageIssueType: e.TRIAGE_ISSUE_TYPE,
    triageLabel: e.TRIAGE_LABEL,
    fixResolutions: list(e.FIX_RESOLUTIONS),
    serviceDeskEnvironmentField: e.SERVICE_DESK_ENVIRONMENT_FIELD,
    boardRefreshSeconds: e.BOARD_REFRESH_SECONDS,
    reconcileSeconds: e.RECONCILE_SECONDS,
    serviceDesk: {
      testEnvironments: list(e.SLA_TEST_ENVIRONMENTS),
      slaTargets: parseTargets(e.SLA_TARGETS),
      slaCheckSeconds: e.SLA_CHECK_SECONDS,
      writeBackPriority: e.SLA_WRITE_BACK_PRIORITY === 'true',
      autoEscalateBugs: e.AUTO_ESCALATE_BUGS === 'true',
      publicTemplates: parseTemplates(e.SERVICE_DESK_PUBLIC_TEMPLATES),
    },
    outbox: { maxAttempts: e.OUTBOX_MAX_ATTEMPTS, baseDelayMs: e.OUTBOX_BASE_DELAY_MS },
    webhookLoops: e.WEBHOOK_LOOPS,
    separateWorker: e.SEPARATE_WORKER === 'true',
    processRole: 'all',
    notify: {
      urls: e.NOTIFY_WEBHOOK_URLS ? list(e.NOTIFY_WEBHOOK_URLS) : [],
      secret: e.NOTIFY_WEBHOOK_SECRET,
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
      baseDelayMs: e.NOTIFY_BASE_DELAY_MS,
    },
    slaWarnAt: e.SLA_WARN_AT,
    forecastNoteSeconds: e.FORECAST_NOTE_SECONDS,
  };
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const MINUTES: Record<string, number> = { m: 1, h: 60, d: 24 * 60 };

function minutes(text: string): number {
  const m = /^(\d+)([mhd])$/.exec(text.trim())!;
  return Number(m[1]) * MINUTES[m[2]];
}

/** "Critical=1h/4h,High=4h/2d" → per priority, response and resolution targets in minutes. */
function parseTargets(value: string): AppConfig['serviceDesk']['slaTargets'] {
  return Object.fromEntries(
    list(value).map((entry) => {
      const [priority, targets] = entry.split('=');
      const [response, resolution] = targets.split('/');
      return [priority.trim(), { responseMinutes: minutes(response), resolutionMinutes: minutes(resolution) }];
    }),
  );
}

function parseTemplates(value: string | undefined): Record<string, string> {
  if (!value) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new ConfigError(
      'Invalid configuration:\nSERVICE_DESK_PUBLIC_TEMPLATES: must be a JSON object such as {"deployed": "The fix for your request is deployed."}',
    );
  }
  const stages = ['triaged', 'ready', 'picked_up', 'deployed', 'done'];
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.entries(parsed).some(([k, v]) => !stages.includes(k) || typeof v !== 'string')) {
    throw new ConfigError(`Invalid configuration:\nSERVICE_DESK_PUBLIC_TEMPLATES: keys must be among ${stages.join(', ')} and values strings`);
  }
  return parsed as Record<string, string>;
}
