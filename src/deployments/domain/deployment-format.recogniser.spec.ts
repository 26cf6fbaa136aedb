import { describe, expect, it } from '@jest/globals';
import { normalizeDeployment } from './deployment.normalizer.js';
import type { Sender } from '../../../test/fixtures/deployments/deployment-samples.fixture.js';
import {
  acceptedBefore,
  githubDeploymentStatusSample,
  jiraDeploymentsSample,
  senderSample,
} from '../../../test/fixtures/deployments/deployment-samples.fixture.js';
import { recognise } from './deployment-format.recogniser.js';

const native = { id: 'd-1', environment: 'D', status: 'successful' };
const gitlabHook = { object_kind: 'deployment', status: 'success', deployment_id: 1, environment: 'D' };
const statusBody = { deployment_status: { id: 1, state: 'success' }, deployment: { id: 2, environment: 'D' } };

describe('recognise: which format a delivery is in', () => {
  it.each<[string, unknown, { githubEvent?: string; gitlabEvent?: string }, string]>([
    ['a GitHub header decides, whatever the body', native, { githubEvent: 'deployment_status' }, 'github'],
    ['a GitHub deployment event is acknowledged', statusBody, { githubEvent: 'deployment' }, 'ignored'],
    ['another GitHub event is a problem with the header', native, { githubEvent: 'push' }, 'problem'],
    ['an empty GitHub header is no header', native, { githubEvent: '' }, 'native'],
    ['a deployments field is Jira, as before', { deployments: [], id: 'x' }, {}, 'jira'],
    ['an id field is ours, as before', { ...gitlabHook, id: 'x' }, {}, 'native'],
    ['object_kind deployment is GitLab, with or without its header', gitlabHook, {}, 'gitlab'],
    ['the GitLab header makes a body without object_kind GitLab', { status: 'success' }, { gitlabEvent: 'Deployment Hook' }, 'gitlab'],
    ['another GitLab event is acknowledged', { object_kind: 'push', ref: 'main' }, { gitlabEvent: 'Push Hook' }, 'ignored'],
    ['a GitLab group event (event_name) is acknowledged', { event_name: 'user_add_to_group' }, { gitlabEvent: 'Member Hook' }, 'ignored'],
    ['another GitLab header over one of our bodies reads the body, as before', native, { gitlabEvent: 'Push Hook' }, 'native'],
    ['environment or status without an id is ours (it says id is required)', { environment: 'D', status: 'successful' }, {}, 'native'],
    ['an empty object is ours (it says what is required)', {}, {}, 'native'],
    ['a deployment_status body without its header is a problem with the header', statusBody, {}, 'problem'],
    ['a deployment body without its header is a problem with the header', { deployment: { id: 2 } }, {}, 'problem'],
    ["a Jenkins plugin's envelope is unrecognised", { name: 'asgard', url: 'job/asgard/', build: { status: 'SUCCESS' } }, {}, 'unrecognised'],
    ['a body that is not an object is ours (it says it must be an object)', [native], {}, 'native'],
  ])('%s', (_case, body, headers, kind) => {
    expect(recognise(body, headers).kind).toBe(kind);
  });
});

describe('normalizeDeployment with bodies it only recognises to explain', () => {
  it('names the missing X-GitHub-Event for a forwarded deployment_status body', async () => {
    const result = normalizeDeployment(await githubDeploymentStatusSample(), {});
    expect(result.ok ? null : result.problems).toEqual([{ field: 'X-GitHub-Event', problem: expect.stringContaining('X-GitHub-Event: deployment_status') }]);
  });

  it("answers a Jenkins plugin's envelope as an unrecognised format, listing the accepted ones and the README section", async () => {
    const result = normalizeDeployment(await senderSample('jenkins-notification'), {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('unrecognised_format');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].problem).toContain('it has the fields "name", "url", "build"');
    for (const words of ['our own body', 'deployment_status', 'deployments API', 'GitLab Deployment Hook', 'README.md#report-deployments-from-ci']) {
      expect(result.problems[0].problem).toContain(words);
    }
  });

  it.each([
    ['a GitHub deployment event', 'github-deployment' as Sender, { githubEvent: 'deployment' }, 'deployment'],
    ['a GitLab push event', 'gitlab-deployment-hook' as Sender, { gitlabEvent: 'Push Hook' }, 'Push Hook'],
  ])('acknowledges %s and records nothing', async (_case, sender, headers, event) => {
    const result = normalizeDeployment(await senderSample(sender), headers);
    expect(result).toEqual({ ok: true, deployments: [], ignored: { event, reason: expect.stringContaining('Nothing was recorded') } });
  });
});

describe('normalizeDeployment with bodies real senders send', () => {
  it.each<[string, Sender, string, string, string[], string | undefined]>([
    [
      "CircleCI's Jira orb (numeric strings)",
      'circleci-jira-orb',
      'jira-8c2ab3a8-5b0c-4f43-9e61-0b0f7e0d7a11-deploy-d::8c2ab3a8-5b0c-4f43-9e61-0b0f7e0d7a11-142-1764300612',
      'D',
      ['QAOPS-12'],
      'development',
    ],
    [
      'the HighwayThree action (numeric strings, legacy issueKeys)',
      'highwaythree',
      'jira-acme/orchestrator-demo Deploy to D-D-7014571070-7014571070',
      'D',
      ['QAOPS-12', 'QAOPS-13'],
      'development',
    ],
    ["GitLab's Jira integration (<project>/<environment>)", 'gitlab-jira-integration', 'jira-31-27-3-1764300612123', 'Flight/D', ['QAOPS-12'], 'development'],
  ])('reads %s', async (_case, sender, id, environment, issueKeys, environmentType) => {
    const result = normalizeDeployment(await senderSample(sender), {});
    expect(result.ok && result.deployments).toEqual([
      expect.objectContaining({ id, environment, status: 'successful', issueKeys, environmentType, source: 'jira' }),
    ]);
  });
});

describe('nothing that was accepted before is refused now', () => {
  it('reads every body main accepted (test/fixtures/deployments/senders/accepted-before.json) into the same deployments', async () => {
    const corpus = await acceptedBefore();
    expect(corpus.length).toBeGreaterThan(100);
    for (const { name, githubEvent, body, deployments } of corpus) {
      const result = normalizeDeployment(body, { githubEvent });
      const now = result.ok ? result.deployments.map(({ environmentType: _type, ...d }) => d) : result.problems;
      // the legacy Jira issueKeys field was ignored before and is read now: its keys may be added, none lost
      const legacy = (body as { deployments?: { issueKeys?: unknown }[] }).deployments?.some((d) => d?.issueKeys !== undefined);
      const expected = deployments.map((d) => (legacy ? { ...d, issueKeys: expect.arrayContaining(d.issueKeys) } : d));
      expect({ name, now }).toEqual({ name, now: expected });
    }
  });

  it('still reads the two samples from shared/samples the same way', async () => {
    expect(normalizeDeployment(await jiraDeploymentsSample(), {}).ok).toBe(true);
    expect(normalizeDeployment(await githubDeploymentStatusSample(), { githubEvent: 'deployment_status' }).ok).toBe(true);
  });
});
