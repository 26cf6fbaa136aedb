import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './config.loader.js';

describe('configuration', () => {
  it('gives every variable its default when the environment is empty (offline, embedded database)', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000, databaseUrl: undefined, jira: undefined, serviceDeskProject: 'SUP', releaseEnvironment: 'D', enforcementMode: 'revert',
      columns: { triage: 'Triage', ready: 'Ready for sprint', inProgress: 'In Progress' }, serviceDeskLinkType: 'Relates',
      triageIssueType: 'Bug', triageLabel: '3rd-line', fixResolutions: ['Done', 'Fixed'], logFormat: 'text',
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
  ])('refuses %j with a message naming %s', (env, variable, words) => {
    expect(() => loadConfig(env)).toThrow(variable);
    expect(() => loadConfig(env)).toThrow(words);
  });

  it('builds the Jira settings when the site is configured', () => {
    const c = loadConfig({ JIRA_BASE_URL: 'https://site.atlassian.net/', JIRA_EMAIL: 'a@b.c', JIRA_API_TOKEN: 't', QA_OPS_BOARD_ID: '7', SPRINT_BOARD_ID: '8', TRIAGE_PROJECT: 'QAOPS', FIX_RESOLUTIONS: 'Done, Fixed ,Resolved' });
    expect(c.jira).toEqual({ baseUrl: 'https://site.atlassian.net', email: 'a@b.c', apiToken: 't', qaOpsBoardId: 7, sprintBoardId: 8, triageProject: 'QAOPS' });
    expect(c.fixResolutions).toEqual(['Done', 'Fixed', 'Resolved']);
  });

  it('reads the release environment matching: names and patterns, and an optional Jira environment type', () => {
    expect(loadConfig({})).toMatchObject({ releaseEnvironment: 'D', releaseEnvironments: [], releaseEnvironmentType: null, gitlabWebhookToken: undefined });
    const c = loadConfig({ RELEASE_ENVIRONMENTS: 'D, dev-d ,*/D', RELEASE_ENVIRONMENT_TYPE: 'development', GITLAB_WEBHOOK_TOKEN: 'gl-token' });
    expect(c).toMatchObject({ releaseEnvironments: ['D', 'dev-d', '*/D'], releaseEnvironmentType: 'development', gitlabWebhookToken: 'gl-token' });
  });
});
