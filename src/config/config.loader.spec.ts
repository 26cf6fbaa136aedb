import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './config.loader.js';

describe('configuration', () => {
  it('gives every variable its default when the environment is empty (offline, embedded database)', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      jira: undefined,
      serviceDeskProject: 'SUP',
      releaseEnvironment: 'D',
      enforcementMode: 'revert',
      columns: { triage: 'Triage', ready: 'Ready for sprint', inProgress: 'In Progress' },
      serviceDeskLinkType: 'Relates',
      triageIssueType: 'Bug',
      triageLabel: '3rd-line',
      fixResolutions: ['Done', 'Fixed'],
      logFormat: 'text',
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', '"abc"'],
    [{ ENFORCEMENT_MODE: 'shout' }, 'ENFORCEMENT_MODE', 'revert or flag'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', 'postgres://'],
    [{ JIRA_BASE_URL: 'https://site.atlassian.net' }, 'QA_OPS_BOARD_ID', 'board id'],
    [{ JIRA_BASE_URL: 'https://site.atlassian.net' }, 'JIRA_API_TOKEN', 'required'],
    [{ SERVICE_DESK_ENVIRONMENT_FIELD: 'environment' }, 'SERVICE_DESK_ENVIRONMENT_FIELD', 'customfield_'],
    [{ RELEASE_ENVIRONMENTS: 'D,,*/D' }, 'RELEASE_ENVIRONMENTS', 'no empty entry'],
    [{ RELEASE_ENVIRONMENTS: ' , ' }, 'RELEASE_ENVIRONMENTS', 'comma-separated'],
    [{ RELEASE_ENVIRONMENT_TYPE: 'dev' }, 'RELEASE_ENVIRONMENT_TYPE', 'production, staging, testing, development, unmapped'],
    [{ SLA_WARN_AT: '80%' }, 'SLA_WARN_AT', 'fraction'],
    [{ SLA_WARN_AT: '1.5' }, 'SLA_WARN_AT', 'between 0.01 and 0.99'],
    [{ NOTIFY_WEBHOOK_URLS: 'hooks.slack.com/services/T0/B0/x' }, 'NOTIFY_WEBHOOK_URLS', 'http(s) URLs'],
    [{ NOTIFY_WEBHOOK_URLS: 'https://a.example/x,,https://b.example' }, 'NOTIFY_WEBHOOK_URLS', 'separated by commas'],
  ])('refuses %j with a message naming %s', (env, variable, words) => {
    expect(() => loadConfig(env)).toThrow(variable);
    expect(() => loadConfig(env)).toThrow(words);
  });

  it('builds the Jira settings when the site is configured', () => {
    const c = loadConfig({
      JIRA_BASE_URL: 'https://site.atlassian.net/',
      JIRA_EMAIL: 'a@b.c',
      JIRA_API_TOKEN: 't',
      QA_OPS_BOARD_ID: '7',
      SPRINT_BOARD_ID: '8',
      TRIAGE_PROJECT: 'QAOPS',
      FIX_RESOLUTIONS: 'Done, Fixed ,Resolved',
    });
    expect(c.jira).toEqual({
      baseUrl: 'https://site.atlassian.net',
      email: 'a@b.c',
      apiToken: 't',
      qaOpsBoardId: 7,
      sprintBoardId: 8,
      triageProject: 'QAOPS',
      timeoutMs: 15_000,
    });
    expect(c.fixResolutions).toEqual(['Done', 'Fixed', 'Resolved']);
  });

  it('reads the release environment matching: names and patterns, and an optional Jira environment type', () => {
    expect(loadConfig({})).toMatchObject({ releaseEnvironment: 'D', releaseEnvironments: [], releaseEnvironmentType: null, gitlabWebhookToken: undefined });
    const c = loadConfig({ RELEASE_ENVIRONMENTS: 'D, dev-d ,*/D', RELEASE_ENVIRONMENT_TYPE: 'development', GITLAB_WEBHOOK_TOKEN: 'gl-token' });
    expect(c).toMatchObject({ releaseEnvironments: ['D', 'dev-d', '*/D'], releaseEnvironmentType: 'development', gitlabWebhookToken: 'gl-token' });
  });

  it('reads the notification URLs, the secret and the SLA warning fraction, with their defaults', () => {
    expect(loadConfig({})).toMatchObject({
      notify: { urls: [], secret: undefined, maxAttempts: 12, baseDelayMs: 1000 },
      slaWarnAt: 0.8,
      forecastNoteSeconds: 900,
    });
    const c = loadConfig({
      NOTIFY_WEBHOOK_URLS: ' https://hooks.slack.com/services/T0/B0/x , http://127.0.0.1:9000/events',
      NOTIFY_WEBHOOK_SECRET: 's3cret',
      SLA_WARN_AT: '0.75',
    });
    expect(c.notify).toMatchObject({ urls: ['https://hooks.slack.com/services/T0/B0/x', 'http://127.0.0.1:9000/events'], secret: 's3cret' });
    expect(c.slaWarnAt).toBe(0.75);
  });
});
