import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';

const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const WARN_AT = 'SLA_WARN_AT must be a fraction of each SLA target, between 0.01 and 0.99';
const jiraConfigured = (env: EnvDto) => Boolean(env.JIRA_BASE_URL);

/** Every environment variable of contract.md "Configuration", with its default. */
export class EnvDto {
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'PORT must be an integer between 0 and 65535' })
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'JIRA_BASE_URL must be a URL such as https://your-site.atlassian.net' })
  JIRA_BASE_URL?: string;

  @ValidateIf(jiraConfigured)
  @IsNotEmpty({ message: 'JIRA_EMAIL is required when JIRA_BASE_URL is set' })
  JIRA_EMAIL?: string;

  @ValidateIf(jiraConfigured)
  @IsNotEmpty({ message: 'JIRA_API_TOKEN is required when JIRA_BASE_URL is set' })
  JIRA_API_TOKEN?: string;

  @IsOptional()
  @IsString()
  JIRA_WEBHOOK_SECRET?: string;

  /** how long a call to Jira may take before its answer counts as lost (the retry then finds out whether it was applied) */
  @Transform(toInt)
  @IsInt({ message: 'JIRA_TIMEOUT_MS must be an integer (milliseconds)' })
  @Min(100)
  JIRA_TIMEOUT_MS = 15_000;

  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]+$/, { message: 'SERVICE_DESK_PROJECT must be a Jira project key such as SUP' })
  SERVICE_DESK_PROJECT = 'SUP';

  @ValidateIf(jiraConfigured)
  @Transform(toInt)
  @IsInt({ message: 'QA_OPS_BOARD_ID must be a board id (an integer) when JIRA_BASE_URL is set' })
  QA_OPS_BOARD_ID?: number;

  @ValidateIf(jiraConfigured)
  @Transform(toInt)
  @IsInt({ message: 'SPRINT_BOARD_ID must be a board id (an integer) when JIRA_BASE_URL is set' })
  SPRINT_BOARD_ID?: number;

  @IsString() @IsNotEmpty() TRIAGE_COLUMN = 'Triage';
  @IsString() @IsNotEmpty() READY_COLUMN = 'Ready for sprint';
  @IsString() @IsNotEmpty() IN_PROGRESS_COLUMN = 'In Progress';
  @IsString() @IsNotEmpty() RELEASE_ENVIRONMENT = 'D';

  @IsOptional()
  @Matches(/^[^,]*[^,\s][^,]*(,[^,]*[^,\s][^,]*)*$/, {
    message:
      'RELEASE_ENVIRONMENTS must be a comma-separated list of environment names, * standing for any run of characters (e.g. D,dev-d,*/D), with no empty entry',
  })
  RELEASE_ENVIRONMENTS?: string;

  @IsOptional()
  @IsIn(['production', 'staging', 'testing', 'development', 'unmapped'], {
    message: "RELEASE_ENVIRONMENT_TYPE must be one of Jira's environment types: production, staging, testing, development, unmapped",
  })
  RELEASE_ENVIRONMENT_TYPE?: string;

  @IsIn(['revert', 'flag'], { message: 'ENFORCEMENT_MODE must be revert or flag' })
  ENFORCEMENT_MODE: 'revert' | 'flag' = 'revert';

  @IsString() @IsNotEmpty() SERVICE_DESK_LINK_TYPE = 'Relates';

  @ValidateIf(jiraConfigured)
  @Matches(/^[A-Z][A-Z0-9_]+$/, { message: 'TRIAGE_PROJECT must be a Jira project key, required when JIRA_BASE_URL is set' })
  TRIAGE_PROJECT?: string;

  @IsString() @IsNotEmpty() TRIAGE_ISSUE_TYPE = 'Bug';
  @IsString() @IsNotEmpty() TRIAGE_LABEL = '3rd-line';

  @IsOptional()
  @IsString()
  @Matches(/^.{16,}$/, { message: 'ADMIN_TOKEN must be at least 16 characters' })
  ADMIN_TOKEN?: string;

  @IsString() @IsNotEmpty() FIX_RESOLUTIONS = 'Done,Fixed';

  @IsOptional() @IsString() GITHUB_WEBHOOK_SECRET?: string;

  @IsOptional() @IsString() GITLAB_WEBHOOK_TOKEN?: string;

  @IsOptional()
  @Matches(/^customfield_\d+$/, { message: 'SERVICE_DESK_ENVIRONMENT_FIELD must look like customfield_10050' })
  SERVICE_DESK_ENVIRONMENT_FIELD?: string;

  @IsString()
  @IsNotEmpty()
  SLA_TEST_ENVIRONMENTS = 'test,UAT,Sandbox,Development';

  @Matches(/^\s*(\w+\s*=\s*\d+[mhd]\s*\/\s*\d+[mhd]\s*)(,\s*\w+\s*=\s*\d+[mhd]\s*\/\s*\d+[mhd]\s*)*$/, {
    message: 'SLA_TARGETS must look like Critical=1h/4h,High=4h/2d,Medium=1d/5d,Low=3d/20d (response/resolution; units m, h, d)',
  })
  SLA_TARGETS = 'Critical=1h/4h,High=4h/2d,Medium=1d/5d,Low=3d/20d';

  @Transform(toInt)
  @IsInt({ message: 'SLA_CHECK_SECONDS must be an integer' })
  @Min(1)
  SLA_CHECK_SECONDS = 300;

  @IsIn(['true', 'false'], { message: 'SLA_WRITE_BACK_PRIORITY must be true or false' })
  SLA_WRITE_BACK_PRIORITY = 'false';

  @IsIn(['true', 'false'], { message: 'AUTO_ESCALATE_BUGS must be true or false' })
  AUTO_ESCALATE_BUGS = 'false';

  @IsOptional()
  @IsString()
  SERVICE_DESK_PUBLIC_TEMPLATES?: string;

  @IsIn(['text', 'json'], { message: 'LOG_FORMAT must be text or json' })
  LOG_FORMAT: 'text' | 'json' = 'text';

  @IsOptional() @IsString() DATA_DIR = '.data';

  @Transform(toInt)
  @IsInt({ message: 'BOARD_REFRESH_SECONDS must be an integer' })
  @Min(5)
  BOARD_REFRESH_SECONDS = 300;

  @Transform(toInt)
  @IsInt({ message: 'RECONCILE_SECONDS must be an integer (0 turns the schedule off)' })
  @Min(0)
  RECONCILE_SECONDS = 900;

  @Transform(toInt)
  @IsInt({ message: 'OUTBOX_MAX_ATTEMPTS must be an integer' })
  @Min(1)
  OUTBOX_MAX_ATTEMPTS = 8;

  @Transform(toInt)
  @IsInt({ message: 'OUTBOX_BASE_DELAY_MS must be an integer' })
  @Min(1)
  OUTBOX_BASE_DELAY_MS = 500;

  @Transform(toInt)
  @IsInt({ message: 'WEBHOOK_LOOPS must be an integer' })
  @Min(1)
  @Max(16)
  WEBHOOK_LOOPS = 4;

  @IsIn(['true', 'false'], { message: 'SEPARATE_WORKER must be true or false' })
  SEPARATE_WORKER = 'true';
  @IsOptional()
  @Matches(/^\s*https?:\/\/[^\s,]+\s*(,\s*https?:\/\/[^\s,]+\s*)*$/, { message: 'NOTIFY_WEBHOOK_URLS must be one or more http(s) URLs separated by commas' })
  NOTIFY_WEBHOOK_URLS?: string;

  @IsOptional() @IsString() NOTIFY_WEBHOOK_SECRET?: string;

  @Transform(toInt)
  @IsInt({ message: 'NOTIFY_MAX_ATTEMPTS must be an integer' })
  @Min(1)
  NOTIFY_MAX_ATTEMPTS = 12;

  @Transform(toInt)
  @IsInt({ message: 'NOTIFY_BASE_DELAY_MS must be an integer' })
  @Min(1)
  NOTIFY_BASE_DELAY_MS = 1000;

  @Transform(toNumber)
  @IsNumber({}, { message: WARN_AT })
  @Min(0.01, { message: WARN_AT })
  @Max(0.99, { message: WARN_AT })
  SLA_WARN_AT = 0.8;

  @Transform(toInt)
  @IsInt({ message: 'FORECAST_NOTE_SECONDS must be an integer (0 turns the forecast notes off)' })
  @Min(0)
  FORECAST_NOTE_SECONDS = 900;
}
