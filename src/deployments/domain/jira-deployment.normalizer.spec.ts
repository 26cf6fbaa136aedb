import { describe, expect, it } from '@jest/globals';
import type { DeploymentStatus } from './deployment.js';
import { normalizeDeployment } from './deployment.normalizer.js';
import type { SampleBody } from '../../../test/fixtures/deployments/deployment-samples.fixture.js';
import { jiraDeploymentsSample } from '../../../test/fixtures/deployments/deployment-samples.fixture.js';

type Edit = (first: SampleBody, body: SampleBody) => void;

async function normalizeEdited(edit: Edit) {
  const body = await jiraDeploymentsSample();
  edit(body.deployments[0], body);
  return normalizeDeployment(body, {});
}

async function problemFields(edit: Edit): Promise<string[]> {
  const result = await normalizeEdited(edit);
  return result.ok ? [] : result.problems.map((p) => p.field);
}

describe('normalizeDeployment with a Jira deployments API body', () => {
  it('reads the Jira sample as one deployment to production in progress for TEST-319', async () => {
    expect(await normalizeEdited(() => {})).toEqual({
      ok: true,
      deployments: [
        {
          id: 'jira-deploy-production-892341295-1940683605',
          environment: 'production',
          status: 'in_progress',
          issueKeys: ['TEST-319'],
          url: 'https://github.com/test-org/test-repo/actions/runs/4878403971/jobs/8703999344',
          source: 'jira',
          environmentType: 'production',
        },
      ],
    });
  });

  it('reads the body as Jira when X-GitHub-Event is an empty string', async () => {
    const body = await jiraDeploymentsSample();
    expect(normalizeDeployment(body, { githubEvent: '' }).ok).toBe(true);
  });

  it.each<[string, DeploymentStatus]>([
    ['successful', 'successful'],
    ['failed', 'failed'],
    ['in_progress', 'in_progress'],
    ['cancelled', 'cancelled'],
    ['rolled_back', 'failed'],
    ['pending', 'in_progress'],
  ])('records the Jira state %s as %s', async (state, status) => {
    const result = await normalizeEdited((d) => (d.state = state));
    expect(result.ok && result.deployments[0].status).toBe(status);
  });

  it('returns one deployment per element, in order', async () => {
    const result = await normalizeEdited((d, body) => {
      body.deployments.push({ ...structuredClone(d), updateSequenceNumber: 2, state: 'successful' });
    });
    expect(result.ok && result.deployments.map((x) => [x.id, x.status])).toEqual([
      ['jira-deploy-production-892341295-1940683605', 'in_progress'],
      ['jira-deploy-production-892341295-2', 'successful'],
    ]);
  });

  it.each([
    ['an issueKeys association', (d: SampleBody) => (d.associations = [{ associationType: 'issueKeys', values: ['QAOPS-1'] }]), ['QAOPS-1']],
    [
      'issueIdOrKeys, skipping numeric issue ids',
      (d: SampleBody) => (d.associations = [{ associationType: 'issueIdOrKeys', values: [10042, '10043', 'QAOPS-2'] }]),
      ['QAOPS-2'],
    ],
    [
      'both association types, listing each key once',
      (d: SampleBody) =>
        (d.associations = [
          { associationType: 'issueKeys', values: ['QAOPS-1', 'QAOPS-2'] },
          { associationType: 'issueIdOrKeys', values: ['QAOPS-2', 'QAOPS-3'] },
        ]),
      ['QAOPS-1', 'QAOPS-2', 'QAOPS-3'],
    ],
    ['no associations at all', (d: SampleBody) => delete d.associations, []],
    [
      'associations only, not displayName or description',
      (d: SampleBody) => Object.assign(d, { displayName: 'QAOPS-8', description: 'QAOPS-9', associations: [] }),
      [],
    ],
    [
      'issue associations only, not commits or services',
      (d: SampleBody) =>
        (d.associations = [
          { associationType: 'serviceIdOrKeys', values: ['QAOPS-5'] },
          { associationType: 'commit', values: 'junk' },
        ]),
      [],
    ],
  ])('takes the issue keys from %s', async (_case, edit, keys) => {
    const result = await normalizeEdited(edit);
    expect(result.ok && result.deployments[0].issueKeys).toEqual(keys);
  });

  it.each([
    ['the displayName', (d: SampleBody) => (d.environment.displayName = 'Prod EU'), 'Prod EU'],
    ['the id when there is no displayName', (d: SampleBody) => (d.environment = { id: 'prod-eu', type: 'production' }), 'prod-eu'],
  ])('names the environment by %s', async (_case, edit, environment) => {
    const result = await normalizeEdited(edit);
    expect(result.ok && result.deployments[0].environment).toBe(environment);
  });

  it('keeps no url when none is given', async () => {
    const result = await normalizeEdited((d) => delete d.url);
    expect(result.ok && result.deployments[0].url).toBeNull();
  });

  it('explains the state unknown with the states it accepts', async () => {
    expect(await normalizeEdited((d) => (d.state = 'unknown'))).toEqual({
      ok: false,
      code: 'validation_failed',
      message: expect.stringMatching(/^Invalid deployment: /),
      problems: [
        {
          field: 'deployments[0].state',
          problem: 'must be one of successful, failed, in_progress, cancelled, rolled_back, pending (got "unknown")',
        },
      ],
    });
  });

  it.each([
    ['the state is missing', (d: SampleBody) => delete d.state, ['deployments[0].state']],
    ['deploymentSequenceNumber is missing', (d: SampleBody) => delete d.deploymentSequenceNumber, ['deployments[0].deploymentSequenceNumber']],
    ['updateSequenceNumber is a string that is not a number', (d: SampleBody) => (d.updateSequenceNumber = '7a'), ['deployments[0].updateSequenceNumber']],
    ['deploymentSequenceNumber is an empty string', (d: SampleBody) => (d.deploymentSequenceNumber = ''), ['deployments[0].deploymentSequenceNumber']],
    [
      'deploymentSequenceNumber is a negative numeric string',
      (d: SampleBody) => (d.deploymentSequenceNumber = '-4'),
      ['deployments[0].deploymentSequenceNumber'],
    ],
    ['updateSequenceNumber is a decimal string', (d: SampleBody) => (d.updateSequenceNumber = '1.5'), ['deployments[0].updateSequenceNumber']],
    ['updateSequenceNumber is past int64', (d: SampleBody) => (d.updateSequenceNumber = '9223372036854775808'), ['deployments[0].updateSequenceNumber']],
    ['the pipeline is missing', (d: SampleBody) => delete d.pipeline, ['deployments[0].pipeline']],
    ['the pipeline id is empty', (d: SampleBody) => (d.pipeline.id = ''), ['deployments[0].pipeline.id']],
    ['the environment is a string', (d: SampleBody) => (d.environment = 'production'), ['deployments[0].environment']],
    ['the environment id is missing', (d: SampleBody) => delete d.environment.id, ['deployments[0].environment.id']],
    ['the displayName is a number', (d: SampleBody) => (d.environment.displayName = 5), ['deployments[0].environment.displayName']],
    ['the url is a number', (d: SampleBody) => (d.url = 5), ['deployments[0].url']],
    ['associations is an object', (d: SampleBody) => (d.associations = {}), ['deployments[0].associations']],
    ['an association is null', (d: SampleBody) => (d.associations = [null]), ['deployments[0].associations[0]']],
    [
      'issue association values are not an array',
      (d: SampleBody) => (d.associations = [{ associationType: 'issueKeys', values: 'QAOPS-1' }]),
      ['deployments[0].associations[0].values'],
    ],
    ['the ids make a deployment id longer than 200 characters', (d: SampleBody) => (d.pipeline.id = 'p'.repeat(190)), ['deployments[0]']],
    [
      'the second of two deployments is bad',
      (d: SampleBody, body: SampleBody) => body.deployments.push({ ...structuredClone(d), state: 'unknown' }),
      ['deployments[1].state'],
    ],
  ])('refuses the body when %s', async (_case, edit, fields) => {
    expect(await problemFields(edit)).toEqual(fields);
  });
});

describe('normalizeDeployment with the Jira body as CI plugins send it', () => {
  it.each([
    ['numeric strings, as the CircleCI orb sends them', '142', '1764300612', 'jira-deploy-production-142-1764300612'],
    ['a number and a numeric string', 142, '7', 'jira-deploy-production-142-7'],
    ['digits with leading zeros, the same number as without', '0142', '007', 'jira-deploy-production-142-7'],
    ['digits with spaces around them', ' 142 ', '7 ', 'jira-deploy-production-142-7'],
    ['the largest int64, beyond a JavaScript number', '9223372036854775807', '1', 'jira-deploy-production-9223372036854775807-1'],
  ])('accepts the sequence numbers as %s', async (_case, sequence, update, id) => {
    const result = await normalizeEdited((d) => Object.assign(d, { deploymentSequenceNumber: sequence, updateSequenceNumber: update }));
    expect(result.ok && result.deployments[0].id).toBe(id);
  });

  it('says what a sequence number may be when it is neither', async () => {
    expect(await normalizeEdited((d) => (d.updateSequenceNumber = 'run-7'))).toEqual({
      ok: false,
      code: 'validation_failed',
      message: 'Invalid deployment: deployments[0].updateSequenceNumber must be a whole number of 0 or more, as a number or a string of digits (got "run-7")',
      problems: [
        { field: 'deployments[0].updateSequenceNumber', problem: 'must be a whole number of 0 or more, as a number or a string of digits (got "run-7")' },
      ],
    });
  });

  it.each([
    [
      'the legacy issueKeys field alone, as the HighwayThree action sends it',
      { issueKeys: ['QAOPS-1', 'QAOPS-2'], associations: undefined },
      ['QAOPS-1', 'QAOPS-2'],
    ],
    ['issueKeys split from "QAOPS-1, QAOPS-2" (spaces left in)', { issueKeys: ['QAOPS-1', ' QAOPS-2'], associations: undefined }, ['QAOPS-1', 'QAOPS-2']],
    ['issueKeys beside associations, each key once', { issueKeys: ['QAOPS-2', 'QAOPS-3'] }, ['TEST-319', 'QAOPS-2', 'QAOPS-3']],
    [
      'issueKeys holding things that are not keys (never refused before, still not)',
      { issueKeys: ['', 'qaops-4', 7, null, 'QAOPS-5'] },
      ['TEST-319', 'QAOPS-5'],
    ],
    ['issueKeys that is not even an array', { issueKeys: 42 }, ['TEST-319']],
  ])('takes the issue keys from %s', async (_case, fields, keys) => {
    const result = await normalizeEdited((d) => Object.assign(d, fields));
    expect(result.ok && result.deployments[0].issueKeys).toEqual(keys);
  });

  it.each([
    ['development', 'development'],
    [' Testing ', 'testing'],
    ['', undefined],
    [42, undefined],
  ])('reports the environment type %p as %p', async (type, expected) => {
    const result = await normalizeEdited((d) => (d.environment.type = type));
    expect(result.ok && result.deployments[0].environmentType).toBe(expected);
  });
});
