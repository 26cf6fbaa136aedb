import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './config.loader.js';

const JIRA = {
  JIRA_BASE_URL: 'https://site.atlassian.net',
  JIRA_EMAIL: 'a@b.c',
  JIRA_API_TOKEN: 't',
  QA_OPS_BOARD_ID: '7',
  SPRINT_BOARD_ID: '8',
  TRIAGE_PROJECT: 'QAOPS',
};

/** The line of the refusal that names `variable`, or the whole outcome when there is none. */
function refusal(env: NodeJS.ProcessEnv, variable: string): string {
  try {
    loadConfig(env);
    return 'no refusal';
  } catch (error) {
    const message = (error as Error).message;
    return message.split('\n').find((line) => line.startsWith(`${variable}: `)) ?? message;
  }
}

describe('configuration', () => {
  it('gives every variable its default when the environment is empty (offline, embedded database)', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      databaseUrl: undefined,
      dataDir: '.data',
      logFormat: 'text',
      adminToken: undefined,
      jira: undefined,
      webhook: { secret: undefined, githubSecret: undefined, gitlabToken: undefined },
      serviceDeskProject: 'SUP',
      trackName: '3rd-line',
      columns: { triage: 'Triage', ready: 'Ready for sprint', inProgress: 'In Progress' },
      releaseEnvironment: 'D',
      releaseEnvironments: [],
      releaseEnvironmentType: null,
      enforcementMode: 'revert',
      serviceDeskLinkType: 'Relates',
      triageIssueType: 'Bug',
      triageLabel: '3rd-line',
      fixResolutions: ['Done', 'Fixed'],
      serviceDeskEnvironmentField: undefined,
      boardRefreshSeconds: 300,
      reconcileSeconds: 900,
      serviceDesk: {
        testEnvironments: ['test', 'UAT', 'Sandbox', 'Development'],
        slaTargets: {
          Critical: { responseMinutes: 60, resolutionMinutes: 240 },
          High: { responseMinutes: 240, resolutionMinutes: 2880 },
          Medium: { responseMinutes: 1440, resolutionMinutes: 7200 },
          Low: { responseMinutes: 4320, resolutionMinutes: 28800 },
        },
        calendar: null,
        slaCheckSeconds: 300,
        slaWarnAt: 0.8,
        writeBackPriority: true,
        autoEscalateBugs: false,
        publicTemplates: {},
      },
      outbox: { maxAttempts: 8, baseDelayMs: 500 },
      webhookLoops: 4,
      separateWorker: true,
      processRole: 'all',
      notify: { urls: [], secret: undefined, maxAttempts: 12, baseDelayMs: 1000 },
      forecastNoteSeconds: 900,
      publicUrl: 'http://localhost:3000',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', SLA_TARGETS: '', SEPARATE_WORKER: '' })).toMatchObject({ port: 3000, separateWorker: true });
  });

  it.each([
    ['PORT', { PORT: '8080' }, { port: 8080 }],
    ['DATABASE_URL', { DATABASE_URL: 'postgresql://u@db:5432/flow' }, { databaseUrl: 'postgresql://u@db:5432/flow' }],
    ['DATA_DIR', { DATA_DIR: '/var/lib/flow' }, { dataDir: '/var/lib/flow' }],
    ['LOG_FORMAT', { LOG_FORMAT: 'json' }, { logFormat: 'json' }],
    ['ADMIN_TOKEN', { ADMIN_TOKEN: 'sixteen-chars-ok' }, { adminToken: 'sixteen-chars-ok' }],
    [
      'JIRA_BASE_URL (trailing slashes dropped)',
      { ...JIRA, JIRA_BASE_URL: 'https://site.atlassian.net//' },
      { jira: { baseUrl: 'https://site.atlassian.net' } },
    ],
    ['JIRA_TIMEOUT_MS', { ...JIRA, JIRA_TIMEOUT_MS: '2000' }, { jira: { timeoutMs: 2000 } }],
    ['JIRA_WEBHOOK_SECRET', { JIRA_WEBHOOK_SECRET: 'jira-s' }, { webhook: { secret: 'jira-s' } }],
    ['GITHUB_WEBHOOK_SECRET', { GITHUB_WEBHOOK_SECRET: 'gh-s' }, { webhook: { githubSecret: 'gh-s' } }],
    ['GITLAB_WEBHOOK_TOKEN', { GITLAB_WEBHOOK_TOKEN: 'gl-t' }, { webhook: { gitlabToken: 'gl-t' } }],
    ['SERVICE_DESK_PROJECT', { SERVICE_DESK_PROJECT: 'HELP' }, { serviceDeskProject: 'HELP' }],
    ['TRIAGE_COLUMN', { TRIAGE_COLUMN: 'Inbox' }, { columns: { triage: 'Inbox' } }],
    ['READY_COLUMN', { READY_COLUMN: 'Next' }, { columns: { ready: 'Next' } }],
    ['IN_PROGRESS_COLUMN', { IN_PROGRESS_COLUMN: 'Doing' }, { columns: { inProgress: 'Doing' } }],
    ['RELEASE_ENVIRONMENT', { RELEASE_ENVIRONMENT: 'prod' }, { releaseEnvironment: 'prod' }],
    ['RELEASE_ENVIRONMENTS', { RELEASE_ENVIRONMENTS: 'D, dev-d ,*/D' }, { releaseEnvironments: ['D', 'dev-d', '*/D'] }],
    ['RELEASE_ENVIRONMENT_TYPE', { RELEASE_ENVIRONMENT_TYPE: 'development' }, { releaseEnvironmentType: 'development' }],
    ['ENFORCEMENT_MODE', { ENFORCEMENT_MODE: 'flag' }, { enforcementMode: 'flag' }],
    ['SERVICE_DESK_LINK_TYPE', { SERVICE_DESK_LINK_TYPE: 'Blocks' }, { serviceDeskLinkType: 'Blocks' }],
    ['TRIAGE_ISSUE_TYPE', { TRIAGE_ISSUE_TYPE: 'Defect' }, { triageIssueType: 'Defect' }],
    ['TRIAGE_LABEL', { TRIAGE_LABEL: 'l3' }, { triageLabel: 'l3' }],
    ['FIX_RESOLUTIONS (blank entries skipped)', { FIX_RESOLUTIONS: 'Done, Fixed ,,Resolved' }, { fixResolutions: ['Done', 'Fixed', 'Resolved'] }],
    ['SERVICE_DESK_ENVIRONMENT_FIELD', { SERVICE_DESK_ENVIRONMENT_FIELD: 'customfield_10050' }, { serviceDeskEnvironmentField: 'customfield_10050' }],
    ['BOARD_REFRESH_SECONDS', { BOARD_REFRESH_SECONDS: '60' }, { boardRefreshSeconds: 60 }],
    ['RECONCILE_SECONDS', { RECONCILE_SECONDS: '0' }, { reconcileSeconds: 0 }],
    ['SLA_TEST_ENVIRONMENTS', { SLA_TEST_ENVIRONMENTS: ' qa , staging' }, { serviceDesk: { testEnvironments: ['qa', 'staging'] } }],
    ['TRACK_NAME', { TRACK_NAME: 'Payments' }, { trackName: 'Payments' }],
    [
      'SLA_TARGETS',
      { SLA_TARGETS: 'Critical=30m/1d, Low = 2h / 3d' },
      { serviceDesk: { slaTargets: { Critical: { responseMinutes: 30, resolutionMinutes: 1440 }, Low: { responseMinutes: 120, resolutionMinutes: 4320 } } } },
    ],
    [
      'SLA_TARGETS with SLA_CALENDAR: a day is a working day of the calendar (09:00-17:30: 510 minutes), hours stay hours',
      { SLA_TARGETS: 'Critical=30m/1d,Low=2h/3d', SLA_CALENDAR: 'Mon-Fri 09:00-17:30 Europe/London' },
      { serviceDesk: { slaTargets: { Critical: { responseMinutes: 30, resolutionMinutes: 510 }, Low: { responseMinutes: 120, resolutionMinutes: 1530 } } } },
    ],
    [
      'SLA_CALENDAR (days as a range, hours in minutes of the day, the zone as given)',
      { SLA_CALENDAR: ' Mon-Fri 09:00-17:30 Europe/London ' },
      {
        serviceDesk: {
          calendar: {
            zone: 'Europe/London',
            days: [1, 2, 3, 4, 5],
            startMinute: 540,
            endMinute: 1050,
            holidays: [],
            text: 'Mon-Fri 09:00-17:30 Europe/London',
          },
        },
      },
    ],
    [
      'SLA_CALENDAR (days as a list, a closing of 24:00)',
      { SLA_CALENDAR: 'fri,Mon,Wed 08:00-24:00 UTC' },
      { serviceDesk: { calendar: { zone: 'UTC', days: [1, 3, 5], startMinute: 480, endMinute: 1440 } } },
    ],
    ['SLA_CALENDAR (a range past Sunday)', { SLA_CALENDAR: 'Sat-Mon 10:00-14:00 Asia/Dubai' }, { serviceDesk: { calendar: { days: [1, 6, 7] } } }],
    [
      'SLA_HOLIDAYS (folded into the calendar, sorted, once each)',
      { SLA_CALENDAR: 'Mon-Fri 09:00-17:30 Europe/London', SLA_HOLIDAYS: '2026-12-28, 2026-12-25,2026-12-28' },
      { serviceDesk: { calendar: { zone: 'Europe/London', holidays: ['2026-12-25', '2026-12-28'] } } },
    ],
    ['SLA_CHECK_SECONDS', { SLA_CHECK_SECONDS: '60' }, { serviceDesk: { slaCheckSeconds: 60 } }],
    ['SLA_WARN_AT', { SLA_WARN_AT: '0.75' }, { serviceDesk: { slaWarnAt: 0.75 } }],
    ['SLA_WRITE_BACK_PRIORITY (on by default)', { SLA_WRITE_BACK_PRIORITY: 'false' }, { serviceDesk: { writeBackPriority: false } }],
    ['AUTO_ESCALATE_BUGS', { AUTO_ESCALATE_BUGS: 'true' }, { serviceDesk: { autoEscalateBugs: true } }],
    [
      'SERVICE_DESK_PUBLIC_TEMPLATES',
      { SERVICE_DESK_PUBLIC_TEMPLATES: '{"deployed": "The fix for {bug} is out."}' },
      { serviceDesk: { publicTemplates: { deployed: 'The fix for {bug} is out.' } } },
    ],
    ['OUTBOX_MAX_ATTEMPTS', { OUTBOX_MAX_ATTEMPTS: '3' }, { outbox: { maxAttempts: 3 } }],
    ['OUTBOX_BASE_DELAY_MS', { OUTBOX_BASE_DELAY_MS: '100' }, { outbox: { baseDelayMs: 100 } }],
    ['WEBHOOK_LOOPS', { WEBHOOK_LOOPS: '16' }, { webhookLoops: 16 }],
    ['SEPARATE_WORKER', { SEPARATE_WORKER: 'false' }, { separateWorker: false }],
    [
      'NOTIFY_WEBHOOK_URLS',
      { NOTIFY_WEBHOOK_URLS: ' https://hooks.slack.com/services/T0/B0/x , http://127.0.0.1:9000/events' },
      { notify: { urls: ['https://hooks.slack.com/services/T0/B0/x', 'http://127.0.0.1:9000/events'] } },
    ],
    ['NOTIFY_WEBHOOK_SECRET', { NOTIFY_WEBHOOK_SECRET: 's3cret' }, { notify: { secret: 's3cret' } }],
    ['NOTIFY_MAX_ATTEMPTS', { NOTIFY_MAX_ATTEMPTS: '2' }, { notify: { maxAttempts: 2 } }],
    ['NOTIFY_BASE_DELAY_MS', { NOTIFY_BASE_DELAY_MS: '50' }, { notify: { baseDelayMs: 50 } }],
    ['PUBLIC_URL (without its trailing slash)', { PUBLIC_URL: 'https://flow.example.com/' }, { publicUrl: 'https://flow.example.com' }],
    [
      'OIDC_ISSUER with its client (the button names the issuer host unless OIDC_PROVIDER_NAME says otherwise)',
      { OIDC_ISSUER: 'https://login.example.com/realms/acme', OIDC_CLIENT_ID: 'flow', OIDC_CLIENT_SECRET: 's3cret' },
      {
        oidc: {
          issuer: 'https://login.example.com/realms/acme',
          clientId: 'flow',
          clientSecret: 's3cret',
          providerName: 'login.example.com',
          requireVerifiedEmail: true,
        },
      },
    ],
    [
      'OIDC_REQUIRE_VERIFIED_EMAIL=false (Entra ID sends no email_verified)',
      { OIDC_ISSUER: 'https://login.microsoftonline.com/t/v2.0', OIDC_CLIENT_ID: 'flow', OIDC_CLIENT_SECRET: 's', OIDC_REQUIRE_VERIFIED_EMAIL: 'false' },
      { oidc: { requireVerifiedEmail: false } },
    ],
    [
      'TRUSTED_PROXY_HEADER and TRUSTED_PROXY_SECRET (the header name in lower case, as Node gives headers)',
      { TRUSTED_PROXY_HEADER: 'X-Forwarded-Email', TRUSTED_PROXY_SECRET: 'proxy-secret-0123456789' },
      { trustedProxy: { header: 'x-forwarded-email', secret: 'proxy-secret-0123456789' } },
    ],
    ['FORECAST_NOTE_SECONDS', { FORECAST_NOTE_SECONDS: '0' }, { forecastNoteSeconds: 0 }],
  ])('reads %s into its type', (_variable, env, expected) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', '"abc"'],
    [{ PORT: ' ' }, 'PORT', 'must be an integer'],
    [{ TRUSTED_PROXY_HEADER: 'X-Forwarded-Email' }, 'TRUSTED_PROXY_SECRET', 'required with TRUSTED_PROXY_HEADER'],
    [{ OIDC_ISSUER: 'login.example.com' }, 'OIDC_ISSUER', 'must be the issuer URL'],
    [{ OIDC_ISSUER: 'https://login.example.com' }, 'OIDC_CLIENT_ID', 'required when OIDC_ISSUER is set'],
    [{ OIDC_ISSUER: 'https://login.example.com', OIDC_CLIENT_ID: 'flow' }, 'OIDC_CLIENT_SECRET', 'required when OIDC_ISSUER is set'],
    [{ PUBLIC_URL: 'flow.example.com' }, 'PUBLIC_URL', 'must be the URL people open the service at'],
    [{ TRUSTED_PROXY_SECRET: 'proxy-secret-0123456789' }, 'TRUSTED_PROXY_HEADER', 'required with TRUSTED_PROXY_SECRET'],
    [{ TRUSTED_PROXY_HEADER: 'X-Email', TRUSTED_PROXY_SECRET: 'short' }, 'TRUSTED_PROXY_SECRET', 'at least 16 characters'],
    [{ PORT: '70000' }, 'PORT', 'must be an integer from 0 to 65535'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', 'postgres://'],
    [{ JIRA_BASE_URL: 'site.atlassian.net' }, 'JIRA_BASE_URL', 'must be a URL'],
    [{ ...JIRA, JIRA_EMAIL: undefined }, 'JIRA_EMAIL', 'required'],
    [{ JIRA_BASE_URL: 'https://site.atlassian.net' }, 'JIRA_API_TOKEN', 'required'],
    [{ JIRA_BASE_URL: 'https://site.atlassian.net' }, 'QA_OPS_BOARD_ID', 'board id'],
    [{ ...JIRA, SPRINT_BOARD_ID: 'sprints' }, 'SPRINT_BOARD_ID', 'board id'],
    [{ ...JIRA, TRIAGE_PROJECT: 'qaops' }, 'TRIAGE_PROJECT', 'project key'],
    [{ ...JIRA, JIRA_TIMEOUT_MS: '50' }, 'JIRA_TIMEOUT_MS', 'at least 100 (milliseconds)'],
    [{ SERVICE_DESK_PROJECT: 'sup' }, 'SERVICE_DESK_PROJECT', 'project key'],
    [{ ENFORCEMENT_MODE: 'shout' }, 'ENFORCEMENT_MODE', 'revert or flag'],
    [{ RELEASE_ENVIRONMENTS: 'D,,*/D' }, 'RELEASE_ENVIRONMENTS', 'no empty entry'],
    [{ RELEASE_ENVIRONMENTS: ' , ' }, 'RELEASE_ENVIRONMENTS', 'comma-separated'],
    [{ RELEASE_ENVIRONMENT_TYPE: 'dev' }, 'RELEASE_ENVIRONMENT_TYPE', 'production, staging, testing, development, unmapped'],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN', 'at least 16 characters'],
    [{ FIX_RESOLUTIONS: ' , ' }, 'FIX_RESOLUTIONS', 'at least one resolution'],
    [{ SERVICE_DESK_ENVIRONMENT_FIELD: 'environment' }, 'SERVICE_DESK_ENVIRONMENT_FIELD', 'customfield_'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT', 'text or json'],
    [{ BOARD_REFRESH_SECONDS: '1' }, 'BOARD_REFRESH_SECONDS', 'must be an integer of at least 5'],
    [{ RECONCILE_SECONDS: '-1' }, 'RECONCILE_SECONDS', 'at least 0 (0 turns the schedule off)'],
    [{ SLA_TEST_ENVIRONMENTS: ',' }, 'SLA_TEST_ENVIRONMENTS', 'at least one environment'],
    [{ SLA_TARGETS: 'Critical=1h' }, 'SLA_TARGETS', 'must look like Critical=1h/4h'],
    [{ SLA_TARGETS: 'Critical=1w/2w' }, 'SLA_TARGETS', 'units m, h, d'],
    [{ SLA_TARGETS: 'Critical=1h/4h,' }, 'SLA_TARGETS', 'must look like'],
    [{ SLA_TARGETS: 'Critical=1h/4h,Critical=2h/8h' }, 'SLA_TARGETS', 'names Critical twice'],
    [{ SLA_CALENDAR: 'weekdays 9-5' }, 'SLA_CALENDAR', 'SLA_CALENDAR must look like "Mon-Fri 09:00-17:30 Europe/London" (days, hours, IANA time zone)'],
    [{ SLA_CALENDAR: 'Mon-Fri 09:00-17:30' }, 'SLA_CALENDAR', 'must look like "Mon-Fri 09:00-17:30 Europe/London"'],
    [{ SLA_CALENDAR: 'Mon-Fry 09:00-17:30 Europe/London' }, 'SLA_CALENDAR', 'names "Fry", which is not a day; days are Mon, Tue, Wed, Thu, Fri, Sat, Sun'],
    [{ SLA_CALENDAR: 'Mon-Fri 09:00-25:00 Europe/London' }, 'SLA_CALENDAR', 'has "25:00", which is not a time of day; hours run from 00:00 to 24:00'],
    [{ SLA_CALENDAR: 'Mon-Fri 09:60-17:30 Europe/London' }, 'SLA_CALENDAR', 'has "09:60", which is not a time of day'],
    [{ SLA_CALENDAR: 'Mon-Fri 17:30-09:00 Europe/London' }, 'SLA_CALENDAR', 'must open before it closes (got 17:30-09:00)'],
    [{ SLA_CALENDAR: 'Mon-Fri 09:00-09:00 Europe/London' }, 'SLA_CALENDAR', 'must open before it closes'],
    [{ SLA_CALENDAR: 'Mon-Fri 09:00-17:30 Europe/Londres' }, 'SLA_CALENDAR', 'names "Europe/Londres", which is not an IANA time zone'],
    [{ SLA_CALENDAR: 'Mon-Fri 09:00-17:30 +01:00' }, 'SLA_CALENDAR', 'not an IANA time zone; use a name such as Europe/London or UTC'],
    [{ SLA_HOLIDAYS: '2026-12-25' }, 'SLA_HOLIDAYS', 'SLA_HOLIDAYS needs SLA_CALENDAR'],
    [{ SLA_CALENDAR: 'Mon-Fri 09:00-17:30 UTC', SLA_HOLIDAYS: '25/12/2026' }, 'SLA_HOLIDAYS', 'must be dates such as 2026-12-25,2026-12-28 (yyyy-mm-dd'],
    [{ SLA_CALENDAR: 'Mon-Fri 09:00-17:30 UTC', SLA_HOLIDAYS: '2026-12-25,' }, 'SLA_HOLIDAYS', 'comma-separated'],
    [{ SLA_CALENDAR: 'Mon-Fri 09:00-17:30 UTC', SLA_HOLIDAYS: '2026-02-30' }, 'SLA_HOLIDAYS', 'has "2026-02-30", which is not a date'],
    [{ SLA_CHECK_SECONDS: '0' }, 'SLA_CHECK_SECONDS', 'must be an integer of at least 1'],
    [{ SLA_WARN_AT: '80%' }, 'SLA_WARN_AT', 'fraction'],
    [{ SLA_WARN_AT: '1.5' }, 'SLA_WARN_AT', 'between 0.01 and 0.99'],
    [{ SLA_WARN_AT: '0' }, 'SLA_WARN_AT', 'between 0.01 and 0.99'],
    [{ SLA_WRITE_BACK_PRIORITY: 'yes' }, 'SLA_WRITE_BACK_PRIORITY', 'must be true or false'],
    [{ AUTO_ESCALATE_BUGS: 'TRUE' }, 'AUTO_ESCALATE_BUGS', 'must be true or false'],
    [{ SERVICE_DESK_PUBLIC_TEMPLATES: 'deployed: shipped' }, 'SERVICE_DESK_PUBLIC_TEMPLATES', 'must be a JSON object'],
    [{ SERVICE_DESK_PUBLIC_TEMPLATES: '["shipped"]' }, 'SERVICE_DESK_PUBLIC_TEMPLATES', 'must be a JSON object'],
    [{ SERVICE_DESK_PUBLIC_TEMPLATES: '{"shipped": "x"}' }, 'SERVICE_DESK_PUBLIC_TEMPLATES', 'keys must be among triaged, ready, picked_up, deployed, done'],
    [{ SERVICE_DESK_PUBLIC_TEMPLATES: '{"deployed": 1}' }, 'SERVICE_DESK_PUBLIC_TEMPLATES', 'values strings'],
    [{ OUTBOX_MAX_ATTEMPTS: '0' }, 'OUTBOX_MAX_ATTEMPTS', 'must be an integer of at least 1'],
    [{ OUTBOX_BASE_DELAY_MS: '1.5' }, 'OUTBOX_BASE_DELAY_MS', 'must be an integer'],
    [{ WEBHOOK_LOOPS: '17' }, 'WEBHOOK_LOOPS', 'must be an integer from 1 to 16'],
    [{ SEPARATE_WORKER: 'no' }, 'SEPARATE_WORKER', 'must be true or false'],
    [{ NOTIFY_WEBHOOK_URLS: 'hooks.slack.com/services/T0/B0/x' }, 'NOTIFY_WEBHOOK_URLS', 'http(s) URLs'],
    [{ NOTIFY_WEBHOOK_URLS: 'https://a.example/x,,https://b.example' }, 'NOTIFY_WEBHOOK_URLS', 'separated by commas'],
    [{ NOTIFY_MAX_ATTEMPTS: 'x' }, 'NOTIFY_MAX_ATTEMPTS', 'must be an integer'],
    [{ NOTIFY_BASE_DELAY_MS: '0' }, 'NOTIFY_BASE_DELAY_MS', 'must be an integer of at least 1'],
    [{ FORECAST_NOTE_SECONDS: '-5' }, 'FORECAST_NOTE_SECONDS', 'at least 0 (0 turns the forecast notes off)'],
  ])('refuses %j with a message naming %s', (env, variable, words) => {
    expect(refusal(env, variable)).toContain(words);
  });

  it('lists every bad variable at once, each with the text it was given', () => {
    const env = { PORT: 'abc', SLA_TARGETS: 'Critical=soon', SEPARATE_WORKER: 'yes', SERVICE_DESK_PUBLIC_TEMPLATES: '{' };
    expect(() => loadConfig(env)).toThrow(
      [
        'Invalid configuration:',
        'PORT: PORT must be an integer from 0 to 65535 (got "abc")',
        'SLA_TARGETS: SLA_TARGETS must look like Critical=1h/4h,High=4h/2d,Medium=1d/5d,Low=3d/20d (response/resolution; units m, h, d) (got "Critical=soon")',
        'SERVICE_DESK_PUBLIC_TEMPLATES: SERVICE_DESK_PUBLIC_TEMPLATES must be a JSON object such as ' +
          '{"deployed": "The fix for your request is deployed."} (got "{")',
        'SEPARATE_WORKER: SEPARATE_WORKER must be true or false (got "yes")',
      ].join('\n'),
    );
  });

  it('builds the Jira settings when the site is configured', () => {
    expect(loadConfig({ ...JIRA, JIRA_BASE_URL: 'https://site.atlassian.net/' }).jira).toEqual({
      baseUrl: 'https://site.atlassian.net',
      email: 'a@b.c',
      apiToken: 't',
      qaOpsBoardId: 7,
      sprintBoardId: 8,
      triageProject: 'QAOPS',
      timeoutMs: 15_000,
    });
  });
});
