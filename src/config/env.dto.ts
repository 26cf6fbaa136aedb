import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { Integer, Parsed, toNumber } from './env.decorators.js';
import { flag, names, parsedDefault, Parser, publicTemplates, Refused, slaTargets, strictList, type SlaTargetText } from './env.parsers.js';
import { parseHolidays, parseWorkingCalendar, type WorkingCalendar } from './working-calendar.js';

const WARN_AT = 'SLA_WARN_AT must be a fraction of each SLA target, between 0.01 and 0.99';
const PROJECT_KEY = /^[A-Z][A-Z0-9_]+$/;
const trailingSlashes = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\/+$/, '') : value);

/** A parser that throws, read as a Parser: its message is the refusal. */
const refusing =
  <T>(parse: (text: string) => T): Parser<T> =>
  (text) => {
    try {
      return parse(text);
    } catch (error) {
      return new Refused((error as Error).message);
    }
  };

/** Holidays are days taken out of working hours: without SLA_CALENDAR there are none to take them from. */
const NeedsCalendar = ValidateBy({
  name: 'needsCalendar',
  validator: {
    validate: (value: unknown, args) => value === null || value instanceof Refused || (args?.object as EnvDto).SLA_CALENDAR !== null,
    defaultMessage: () =>
      'SLA_HOLIDAYS needs SLA_CALENDAR (the working hours the holidays are taken out of), e.g. SLA_CALENDAR=Mon-Fri 09:00-17:30 Europe/London',
  },
});

/** A validated environment with Jira on: every Jira variable is set. */
export type JiraEnv = EnvDto &
  Required<Pick<EnvDto, 'JIRA_BASE_URL' | 'JIRA_EMAIL' | 'JIRA_API_TOKEN' | 'QA_OPS_BOARD_ID' | 'SPRINT_BOARD_ID' | 'TRIAGE_PROJECT'>>;

/** JIRA_BASE_URL turns Jira on; the @ValidateIf(jiraConfigured) below then require the rest, so once validated the guard holds. */
export const jiraConfigured = (env: EnvDto): env is JiraEnv => Boolean(env.JIRA_BASE_URL);

/** Every environment variable of contract.md "Configuration", read once into its type, with its default. */
export class EnvDto {
  @IsOptional() @Integer({ min: 0, max: 65535 }) PORT = 3000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  DATABASE_URL?: string;

  @IsOptional() @IsString() DATA_DIR = '.data';

  @IsIn(['text', 'json'], { message: 'LOG_FORMAT must be text or json' })
  LOG_FORMAT: 'text' | 'json' = 'text';

  @IsOptional()
  @Matches(/^.{16,}$/, { message: 'ADMIN_TOKEN must be at least 16 characters' })
  ADMIN_TOKEN?: string;

  // Jira

  @IsOptional()
  @Transform(trailingSlashes)
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'JIRA_BASE_URL must be a URL such as https://your-site.atlassian.net' })
  JIRA_BASE_URL?: string;

  @ValidateIf(jiraConfigured)
  @IsNotEmpty({ message: 'JIRA_EMAIL is required when JIRA_BASE_URL is set' })
  JIRA_EMAIL?: string;

  @ValidateIf(jiraConfigured)
  @IsNotEmpty({ message: 'JIRA_API_TOKEN is required when JIRA_BASE_URL is set' })
  JIRA_API_TOKEN?: string;

  @ValidateIf(jiraConfigured) @Integer({}, ' (a board id), required when JIRA_BASE_URL is set') QA_OPS_BOARD_ID?: number;
  @ValidateIf(jiraConfigured) @Integer({}, ' (a board id), required when JIRA_BASE_URL is set') SPRINT_BOARD_ID?: number;

  @ValidateIf(jiraConfigured)
  @Matches(PROJECT_KEY, { message: 'TRIAGE_PROJECT must be a Jira project key, required when JIRA_BASE_URL is set' })
  TRIAGE_PROJECT?: string;

  /** how long a call to Jira may take before its answer counts as lost (the retry then finds out whether it was applied) */
  @Integer({ min: 100 }, ' (milliseconds)') JIRA_TIMEOUT_MS = 15_000;

  // Inbound webhooks

  @IsOptional() @IsString() JIRA_WEBHOOK_SECRET?: string;
  @IsOptional() @IsString() GITHUB_WEBHOOK_SECRET?: string;
  @IsOptional() @IsString() GITLAB_WEBHOOK_TOKEN?: string;

  // Boards, flow and release

  /** the name of the track `default`, the one these variables define (contract.md "Tracks") */
  @IsString() @IsNotEmpty() TRACK_NAME = '3rd-line';

  @IsString() @IsNotEmpty() TRIAGE_COLUMN = 'Triage';
  @IsString() @IsNotEmpty() READY_COLUMN = 'Ready for sprint';
  @IsString() @IsNotEmpty() IN_PROGRESS_COLUMN = 'In Progress';
  @IsString() @IsNotEmpty() RELEASE_ENVIRONMENT = 'D';

  @Parsed(strictList('must be a comma-separated list of environment names, * standing for any run of characters (e.g. D,dev-d,*/D), with no empty entry'))
  RELEASE_ENVIRONMENTS: string[] = [];

  @IsOptional()
  @IsIn(['production', 'staging', 'testing', 'development', 'unmapped'], {
    message: "RELEASE_ENVIRONMENT_TYPE must be one of Jira's environment types: production, staging, testing, development, unmapped",
  })
  RELEASE_ENVIRONMENT_TYPE: string | null = null;

  @IsIn(['revert', 'flag'], { message: 'ENFORCEMENT_MODE must be revert or flag' })
  ENFORCEMENT_MODE: 'revert' | 'flag' = 'revert';

  @Parsed(names('must name at least one resolution, comma-separated (e.g. Done,Fixed)'))
  FIX_RESOLUTIONS = ['Done', 'Fixed'];

  @Integer({ min: 5 }) BOARD_REFRESH_SECONDS = 300;
  @Integer({ min: 0 }, ' (0 turns the schedule off)') RECONCILE_SECONDS = 900;

  // Service desk and SLA

  @Matches(PROJECT_KEY, { message: 'SERVICE_DESK_PROJECT must be a Jira project key such as SUP' })
  SERVICE_DESK_PROJECT = 'SUP';

  @IsString() @IsNotEmpty() SERVICE_DESK_LINK_TYPE = 'Relates';
  @IsString() @IsNotEmpty() TRIAGE_ISSUE_TYPE = 'Bug';
  @IsString() @IsNotEmpty() TRIAGE_LABEL = '3rd-line';

  @IsOptional()
  @Matches(/^customfield_\d+$/, { message: 'SERVICE_DESK_ENVIRONMENT_FIELD must look like customfield_10050' })
  SERVICE_DESK_ENVIRONMENT_FIELD?: string;

  @Parsed(names('must name at least one environment, comma-separated (e.g. test,UAT)'))
  SLA_TEST_ENVIRONMENTS = ['test', 'UAT', 'Sandbox', 'Development'];

  @Parsed(slaTargets)
  SLA_TARGETS: Record<string, SlaTargetText> = parsedDefault(slaTargets, 'Critical=1h/4h,High=4h/2d,Medium=1d/5d,Low=3d/20d');

  /** the working hours the 3rd-line targets count in; unset: wall time */
  @Parsed(refusing(parseWorkingCalendar))
  SLA_CALENDAR: WorkingCalendar | null = null;

  @Parsed(refusing(parseHolidays))
  @NeedsCalendar
  SLA_HOLIDAYS: string[] | null = null;

  @Integer({ min: 1 }) SLA_CHECK_SECONDS = 300;

  @Transform(toNumber)
  @IsNumber({}, { message: WARN_AT })
  @Min(0.01, { message: WARN_AT })
  @Max(0.99, { message: WARN_AT })
  SLA_WARN_AT = 0.8;

  /** on by default since issue 24: JSM's own SLA follows the downgrade (README, "Changes") */
  @Parsed(flag) SLA_WRITE_BACK_PRIORITY = true;
  @Parsed(flag) AUTO_ESCALATE_BUGS = false;

  /** JSON {stage: text}; stages without one get only internal notes */
  @Parsed(publicTemplates)
  SERVICE_DESK_PUBLIC_TEMPLATES: Record<string, string> = {};

  // Background work

  @Integer({ min: 1 }) OUTBOX_MAX_ATTEMPTS = 8;
  @Integer({ min: 1 }) OUTBOX_BASE_DELAY_MS = 500;
  @Integer({ min: 1, max: 16 }) WEBHOOK_LOOPS = 4;
  @Parsed(flag) SEPARATE_WORKER = true;
  @Integer({ min: 0 }, ' (0 turns the forecast notes off)') FORECAST_NOTE_SECONDS = 900;

  // Notifications

  @Parsed(strictList('must be one or more http(s) URLs separated by commas', (url) => /^https?:\/\/\S+$/.test(url)))
  NOTIFY_WEBHOOK_URLS: string[] = [];

  @IsOptional() @IsString() NOTIFY_WEBHOOK_SECRET?: string;
  @Integer({ min: 1 }) NOTIFY_MAX_ATTEMPTS = 12;
  @Integer({ min: 1 }) NOTIFY_BASE_DELAY_MS = 1000;

  // People signing in through the organisation's OpenID Connect provider

  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'OIDC_ISSUER must be the issuer URL, such as https://login.example.com/realms/acme' },
  )
  OIDC_ISSUER?: string;

  @ValidateIf((env: EnvDto) => Boolean(env.OIDC_ISSUER))
  @IsNotEmpty({ message: 'OIDC_CLIENT_ID is required when OIDC_ISSUER is set' })
  OIDC_CLIENT_ID?: string;

  @ValidateIf((env: EnvDto) => Boolean(env.OIDC_ISSUER))
  @IsNotEmpty({ message: 'OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set' })
  OIDC_CLIENT_SECRET?: string;

  /**
   * true: an email the provider does not say is verified (email_verified) is refused. Entra ID sends no
   * email_verified: set false there, where only the tenant's admins set the users' email addresses.
   */
  @Parsed(flag) OIDC_REQUIRE_VERIFIED_EMAIL = true;

  /** what the sign-in button says ("Sign in with …"); default: the issuer's host */
  @IsOptional() @IsString() OIDC_PROVIDER_NAME?: string;

  /** the service's external URL: the redirect URI is PUBLIC_URL/auth/callback; default http://localhost:PORT */
  @IsOptional()
  @Transform(trailingSlashes)
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'PUBLIC_URL must be the URL people open the service at, such as https://flow.example.com' },
  )
  PUBLIC_URL?: string;

  // People behind an authenticating proxy (oauth2-proxy and the like)

  @ValidateIf((env: EnvDto) => env.TRUSTED_PROXY_SECRET !== undefined || env.TRUSTED_PROXY_HEADER !== undefined)
  @Matches(/^[A-Za-z0-9-]+$/, { message: 'TRUSTED_PROXY_HEADER must name an HTTP header (e.g. X-Forwarded-Email), required with TRUSTED_PROXY_SECRET' })
  TRUSTED_PROXY_HEADER?: string;

  @ValidateIf((env: EnvDto) => env.TRUSTED_PROXY_HEADER !== undefined || env.TRUSTED_PROXY_SECRET !== undefined)
  @Matches(/^.{16,}$/, { message: 'TRUSTED_PROXY_SECRET must be at least 16 characters, required with TRUSTED_PROXY_HEADER' })
  TRUSTED_PROXY_SECRET?: string;
}
