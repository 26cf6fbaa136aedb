import { describe, expect, it } from '@jest/globals';
import type { DeploymentStatus } from './deployment.js';
import { normalizeDeployment } from './deployment.normalizer.js';
import type { SampleBody } from '../../../test/fixtures/deployments/deployment-samples.fixture.js';
import { senderSample } from '../../../test/fixtures/deployments/deployment-samples.fixture.js';

const HEADERS = { gitlabEvent: 'Deployment Hook' };

async function normalizeEdited(edit: (body: SampleBody) => void, headers: { gitlabEvent?: string } = HEADERS) {
  const body = await senderSample('gitlab-deployment-hook');
  edit(body);
  return normalizeDeployment(body, headers);
}

async function problemFields(edit: (body: SampleBody) => void): Promise<string[]> {
  const result = await normalizeEdited(edit);
  return result.ok ? [] : result.problems.map((p) => p.field);
}

describe('normalizeDeployment with a GitLab Deployment Hook', () => {
  it("reads GitLab's documented example as one successful deployment to staging", async () => {
    expect(await normalizeEdited(() => {})).toEqual({
      ok: true,
      deployments: [
        {
          id: 'gitlab-15-success',
          environment: 'staging',
          status: 'successful',
          issueKeys: [],
          url: 'http://10.126.0.2:3000/root/test-deployment-webhooks/-/jobs/796',
          source: 'gitlab',
          environmentType: 'staging',
        },
      ],
    });
  });

  it.each<[string, DeploymentStatus]>([
    ['success', 'successful'],
    ['failed', 'failed'],
    ['canceled', 'cancelled'],
    ['running', 'in_progress'],
    ['created', 'in_progress'],
    ['blocked', 'in_progress'],
    ['approved', 'in_progress'],
    ['rejected', 'cancelled'],
    ['skipped', 'cancelled'],
  ])('records the GitLab status %s as %s, one deployment id per status', async (status, expected) => {
    const result = await normalizeEdited((b) => (b.status = status));
    expect(result.ok && [result.deployments[0].status, result.deployments[0].id]).toEqual([expected, `gitlab-15-${status}`]);
  });

  it.each([
    ['the commit title', { commit_title: 'QAOPS-12 fix rounding' }, ['QAOPS-12']],
    ['the ref', { ref: 'bugfix/QAOPS-7_rounding' }, ['QAOPS-7']],
    ['both, each key once', { ref: 'QAOPS-7-x', commit_title: 'QAOPS-7 and QAOPS-8' }, ['QAOPS-7', 'QAOPS-8']],
    ['neither (an older GitLab sends no ref)', { ref: undefined, commit_title: null }, []],
  ])('takes the issue keys from %s', async (_case, fields, keys) => {
    const result = await normalizeEdited((b) => Object.assign(b, fields));
    expect(result.ok && result.deployments[0].issueKeys).toEqual(keys);
  });

  it.each([
    ['production', 'production'],
    ['other', 'unmapped'],
    [null, undefined],
  ])('reports the tier %p as the environment type %p', async (tier, type) => {
    const result = await normalizeEdited((b) => (b.environment_tier = tier));
    expect(result.ok && result.deployments[0].environmentType).toBe(type);
  });

  it('links the commit when the deployment ran through the API (no job)', async () => {
    const result = await normalizeEdited((b) => (b.deployable_url = null));
    expect(result.ok && result.deployments[0].url).toBe(
      'http://10.126.0.2:3000/root/test-deployment-webhooks/-/commit/279484c09fbe69ededfced8c1bb6e6d24616b468',
    );
  });

  it('reads a forwarded body without the X-Gitlab-Event header by its object_kind', async () => {
    const result = await normalizeEdited(() => {}, {});
    expect(result.ok && result.deployments[0].id).toBe('gitlab-15-success');
  });

  it('explains an unknown status with the statuses it accepts', async () => {
    expect(await normalizeEdited((b) => (b.status = 'exploded'))).toEqual({
      ok: false,
      code: 'validation_failed',
      message: 'Invalid deployment: status must be one of success, failed, canceled, running, created, blocked, approved, rejected, skipped (got "exploded")',
      problems: [
        { field: 'status', problem: 'must be one of success, failed, canceled, running, created, blocked, approved, rejected, skipped (got "exploded")' },
      ],
    });
  });

  it.each([
    ['the status is missing', (b: SampleBody) => delete b.status, ['status']],
    ['the deployment_id is missing', (b: SampleBody) => delete b.deployment_id, ['deployment_id']],
    ['the deployment_id is a string', (b: SampleBody) => (b.deployment_id = '15'), ['deployment_id']],
    ['the environment is missing', (b: SampleBody) => delete b.environment, ['environment']],
    ['the environment is an object', (b: SampleBody) => (b.environment = { name: 'D' }), ['environment']],
    ['the commit title is a number', (b: SampleBody) => (b.commit_title = 5), ['commit_title']],
    ['the object_kind is another event', (b: SampleBody) => (b.object_kind = 'push'), ['object_kind']],
  ])('refuses the body when %s', async (_case, edit, fields) => {
    expect(await problemFields(edit)).toEqual(fields);
  });
});
