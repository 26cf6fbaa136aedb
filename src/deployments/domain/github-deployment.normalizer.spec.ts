import { describe, expect, it } from '@jest/globals';
import type { DeploymentStatus } from './deployment.js';
import { normalizeDeployment } from './deployment.normalizer.js';
import type { SampleBody } from '../../../test/fixtures/deployments/deployment-samples.fixture.js';
import { githubDeploymentStatusSample } from '../../../test/fixtures/deployments/deployment-samples.fixture.js';

const HEADERS = { githubEvent: 'deployment_status' };

async function normalizeEdited(edit: (body: SampleBody) => void) {
  const body = await githubDeploymentStatusSample();
  edit(body);
  return normalizeDeployment(body, HEADERS);
}

async function problemFields(edit: (body: SampleBody) => void): Promise<string[]> {
  const result = await normalizeEdited(edit);
  return result.ok ? [] : result.problems.map((p) => p.field);
}

describe('normalizeDeployment with a GitHub deployment_status webhook', () => {
  it('reads the GitHub sample as one successful deployment to production', async () => {
    expect(await normalizeEdited(() => {})).toEqual({
      ok: true,
      deployments: [{ id: 'github-145988746-209916254', environment: 'production', status: 'successful', issueKeys: [], url: null, source: 'github' }],
    });
  });

  it.each<[string, DeploymentStatus]>([
    ['success', 'successful'],
    ['failure', 'failed'],
    ['error', 'failed'],
    ['pending', 'in_progress'],
    ['queued', 'in_progress'],
    ['in_progress', 'in_progress'],
    ['waiting', 'in_progress'],
    ['inactive', 'cancelled'],
  ])('records the GitHub state %s as %s', async (state, status) => {
    const result = await normalizeEdited((b) => (b.deployment_status.state = state));
    expect(result.ok && result.deployments[0].status).toBe(status);
  });

  it.each([
    ['the ref', (b: SampleBody) => (b.deployment.ref = 'feature/QAOPS-12-fix'), ['QAOPS-12']],
    ['the deployment description', (b: SampleBody) => (b.deployment.description = 'Deploy QAOPS-3'), ['QAOPS-3']],
    ['an object payload', (b: SampleBody) => (b.deployment.payload = { jira: ['QAOPS-4', 'QAOPS-5'] }), ['QAOPS-4', 'QAOPS-5']],
    ['a string payload', (b: SampleBody) => (b.deployment.payload = '{"issue":"QAOPS-6"}'), ['QAOPS-6']],
    ['the status description', (b: SampleBody) => (b.deployment_status.description = 'QAOPS-7 is live'), ['QAOPS-7']],
    [
      'all of them, listing each key once',
      (b: SampleBody) => {
        b.deployment.ref = 'QAOPS-1_hotfix';
        b.deployment.description = 'QAOPS-2, QAOPS-1';
        b.deployment.payload = { keys: 'QAOPS-2' };
      },
      ['QAOPS-1', 'QAOPS-2'],
    ],
  ])('takes the issue keys from %s', async (_case, edit, keys) => {
    const result = await normalizeEdited(edit);
    expect(result.ok && result.deployments[0].issueKeys).toEqual(keys);
  });

  it.each([
    ['the status environment when both are given', (b: SampleBody) => (b.deployment.environment = 'staging'), 'production'],
    ['the deployment environment when the status has none', (b: SampleBody) => delete b.deployment_status.environment, 'production'],
    ['the deployment environment when the status one is blank', (b: SampleBody) => (b.deployment_status.environment = ' '), 'production'],
  ])('takes the environment from %s', async (_case, edit, environment) => {
    const result = await normalizeEdited(edit);
    expect(result.ok && result.deployments[0].environment).toBe(environment);
  });

  it.each([
    ['the target_url', (b: SampleBody) => (b.deployment_status.target_url = 'https://ci.example/run/1'), 'https://ci.example/run/1'],
    ['the environment_url when target_url is empty', (b: SampleBody) => (b.deployment_status.environment_url = 'https://d.example'), 'https://d.example'],
    ['nothing when both are empty or absent', () => {}, null],
  ])('takes the url from %s', async (_case, edit, url) => {
    const result = await normalizeEdited(edit);
    expect(result.ok && result.deployments[0].url).toBe(url);
  });

  it('explains an unknown GitHub state with the states it accepts', async () => {
    expect(await normalizeEdited((b) => (b.deployment_status.state = 'done'))).toEqual({
      ok: false,
      code: 'validation_failed',
      message: expect.stringMatching(/^Invalid deployment: /),
      problems: [
        {
          field: 'deployment_status.state',
          problem: 'must be one of success, failure, error, pending, queued, in_progress, waiting, inactive (got "done")',
        },
      ],
    });
  });

  it.each([
    ['deployment_status is missing', (b: SampleBody) => delete b.deployment_status, ['deployment_status']],
    ['deployment is a string', (b: SampleBody) => (b.deployment = 'x'), ['deployment']],
    ['both are missing', (b: SampleBody) => Object.assign(b, { deployment: null, deployment_status: null }), ['deployment_status', 'deployment']],
    ['the state is missing', (b: SampleBody) => delete b.deployment_status.state, ['deployment_status.state']],
    ['the state is in upper case', (b: SampleBody) => (b.deployment_status.state = 'SUCCESS'), ['deployment_status.state']],
    ['the status id is a string', (b: SampleBody) => (b.deployment_status.id = '209916254'), ['deployment_status.id']],
    ['the deployment id is negative', (b: SampleBody) => (b.deployment.id = -1), ['deployment.id']],
    ['the deployment id is a fraction', (b: SampleBody) => (b.deployment.id = 1.5), ['deployment.id']],
    [
      'neither object names an environment',
      (b: SampleBody) => {
        delete b.deployment_status.environment;
        delete b.deployment.environment;
      },
      ['deployment.environment'],
    ],
    ['the status environment is a number', (b: SampleBody) => (b.deployment_status.environment = 3), ['deployment_status.environment']],
    ['the target_url is an object', (b: SampleBody) => (b.deployment_status.target_url = {}), ['deployment_status.target_url']],
  ])('refuses the webhook when %s', async (_case, edit, fields) => {
    expect(await problemFields(edit)).toEqual(fields);
  });

  it('ignores keys in fields other than ref, descriptions and payload', async () => {
    const result = await normalizeEdited((b) => (b.repository.full_name = 'QAOPS-99/repo'));
    expect(result.ok && result.deployments[0].issueKeys).toEqual([]);
  });
});
