import { describe, expect, it } from '@jest/globals';
import { DEPLOYMENT_STATUSES } from './deployment.js';
import { MAX_PROBLEMS, normalizeDeployment } from './deployment.normalizer.js';

const native = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'jenkins-deploy-d-1842',
  environment: 'D',
  status: 'successful',
  ...fields,
});

const fieldsOf = (body: unknown, githubEvent?: string): string[] => {
  const result = normalizeDeployment(body, { githubEvent });
  return result.ok ? [] : result.problems.map((p) => p.field);
};

describe('normalizeDeployment with a native body', () => {
  it('reads the contract example as one successful deployment to D', () => {
    const body = {
      id: 'jenkins-deploy-d-1842',
      environment: 'D',
      status: 'successful',
      issueKeys: ['QAOPS-12'],
      commits: [{ sha: '9f1c2e7', message: 'QAOPS-12 fix rounding' }],
      url: 'https://ci.example/job/deploy-d/1842',
    };
    expect(normalizeDeployment(body, {})).toEqual({
      ok: true,
      deployments: [
        {
          id: 'jenkins-deploy-d-1842',
          environment: 'D',
          status: 'successful',
          issueKeys: ['QAOPS-12'],
          url: 'https://ci.example/job/deploy-d/1842',
          source: 'native',
        },
      ],
    });
  });

  it.each([
    ['only issueKeys', { issueKeys: ['QAOPS-1', 'QAOPS-2'] }, ['QAOPS-1', 'QAOPS-2']],
    ['only a commit message', { commits: [{ sha: 'a1', message: 'QAOPS-12 fix rounding' }] }, ['QAOPS-12']],
    ['only the branch', { branch: 'bugfix/QAOPS-7_rounding' }, ['QAOPS-7']],
    [
      'all three, listing each key once in first-seen order',
      {
        issueKeys: ['QAOPS-3', 'QAOPS-1'],
        commits: [{ sha: 'a1', message: 'QAOPS-1 and QAOPS-4' }, { message: 'QAOPS-5' }],
        branch: 'feature/QAOPS-3-and-QAOPS-6',
      },
      ['QAOPS-3', 'QAOPS-1', 'QAOPS-4', 'QAOPS-5', 'QAOPS-6'],
    ],
    ['none of them', {}, []],
    ['empty lists and nulls', { issueKeys: [], commits: null, branch: null }, []],
  ])('takes the issue keys from %s', (_case, fields, keys) => {
    const result = normalizeDeployment(native(fields), {});
    expect(result.ok && result.deployments[0].issueKeys).toEqual(keys);
  });

  it.each(DEPLOYMENT_STATUSES.map((s) => [s]))('accepts the status %s as it is', (status) => {
    const result = normalizeDeployment(native({ status }), {});
    expect(result.ok && result.deployments[0].status).toBe(status);
  });

  it.each([
    ['no url', {}, null],
    ['an empty url', { url: '' }, null],
    ['a url with spaces around it', { url: ' https://ci.example/1 ' }, 'https://ci.example/1'],
  ])('keeps the url when given %s', (_case, fields, url) => {
    const result = normalizeDeployment(native(fields), {});
    expect(result.ok && result.deployments[0].url).toBe(url);
  });

  it('trims the id and environment', () => {
    const result = normalizeDeployment(native({ id: ' d-1 ', environment: ' D ' }), {});
    expect(result.ok && result.deployments[0]).toMatchObject({ id: 'd-1', environment: 'D' });
  });

  it('accepts an id of exactly 200 characters', () => {
    expect(normalizeDeployment(native({ id: 'x'.repeat(200) }), {}).ok).toBe(true);
  });

  it('explains a status outside the list with the accepted values and what was sent', () => {
    expect(normalizeDeployment(native({ status: 'done' }), {})).toEqual({
      ok: false,
      code: 'validation_failed',
      message: 'Invalid deployment: status must be one of successful, failed, in_progress, cancelled (got "done")',
      problems: [{ field: 'status', problem: 'must be one of successful, failed, in_progress, cancelled (got "done")' }],
    });
  });

  it.each([
    ['id is missing', { id: undefined }, ['id']],
    ['id is blank', { id: '  ' }, ['id']],
    ['id is a number', { id: 1842 }, ['id']],
    ['id is longer than 200 characters', { id: 'x'.repeat(201) }, ['id']],
    ['environment is missing', { environment: undefined }, ['environment']],
    ['environment is empty', { environment: '' }, ['environment']],
    ['environment is an object', { environment: { name: 'D' } }, ['environment']],
    ['environment is longer than 255 characters', { environment: 'D'.repeat(256) }, ['environment']],
    ['status is missing', { status: undefined }, ['status']],
    ['status is in another case', { status: 'Successful' }, ['status']],
    ['status is a GitHub state', { status: 'success' }, ['status']],
    ['status is a boolean', { status: true }, ['status']],
    ['issueKeys is a string', { issueKeys: 'QAOPS-12' }, ['issueKeys']],
    ['issueKeys holds a lower-case key and a number', { issueKeys: ['QAOPS-1', 'qaops-2', 3] }, ['issueKeys[1]', 'issueKeys[2]']],
    ['commits is an object', { commits: { message: 'QAOPS-1' } }, ['commits']],
    ['a commit is a string', { commits: ['QAOPS-1 fix'] }, ['commits[0]']],
    ['a commit message is a number', { commits: [{ sha: 'a1', message: 42 }] }, ['commits[0].message']],
    ['a commit sha is a number', { commits: [{ sha: 91, message: 'x' }] }, ['commits[0].sha']],
    ['branch is an array', { branch: ['QAOPS-1'] }, ['branch']],
    ['url is a number', { url: 1842 }, ['url']],
    ['url is longer than 2048 characters', { url: `https://ci.example/${'x'.repeat(2048)}` }, ['url']],
    ['everything required is missing', { id: null, environment: null, status: null }, ['id', 'environment', 'status']],
  ])('refuses the body when %s', (_case, fields, expected) => {
    expect(fieldsOf(native(fields))).toEqual(expected);
  });

  it('says what is wrong in a sentence for each problem', () => {
    const result = normalizeDeployment({ environment: 7, issueKeys: ['qaops-2'] }, {});
    expect(result).toEqual({
      ok: false,
      code: 'validation_failed',
      message:
        'Invalid deployment: id is required; environment must be a string (got 7); ' +
        'status is required; issueKeys[0] must be an issue key like QAOPS-12 (got "qaops-2")',
      problems: [
        { field: 'id', problem: 'is required' },
        { field: 'environment', problem: 'must be a string (got 7)' },
        { field: 'status', problem: 'is required' },
        { field: 'issueKeys[0]', problem: 'must be an issue key like QAOPS-12 (got "qaops-2")' },
      ],
    });
  });
});

describe('normalizeDeployment with junk', () => {
  it.each([
    ['null', null, ['body']],
    ['undefined', undefined, ['body']],
    ['an empty array', [], ['body']],
    ['a number', 42, ['body']],
    ['a string', 'x', ['body']],
    ['a boolean', false, ['body']],
    ['an empty object', {}, ['id', 'environment', 'status']],
    ['deployments that is not an array', { deployments: 'no' }, ['deployments']],
    ['deployments holding null', { deployments: [null] }, ['deployments[0]']],
    ['deployments holding a number and an array', { deployments: [1, []] }, ['deployments[0]', 'deployments[1]']],
    ['an empty deployments array', { deployments: [] }, ['deployments']],
    ['more than 100 deployments', { deployments: Array.from({ length: 101 }, () => ({})) }, ['deployments']],
    ['deeply nested junk', { id: { a: { b: { c: [[[['x']]]] } } }, environment: [[]], status: {} }, ['id', 'environment', 'status']],
    ['a huge string as the id', { id: 'x'.repeat(5_000_000), environment: 'D', status: 'successful' }, ['id']],
  ])('answers problems, not an exception, for %s', (_case, body, fields) => {
    expect(fieldsOf(body)).toEqual(fields);
  });

  it('quotes a huge value by its start and length only', () => {
    const result = normalizeDeployment(native({ status: 'y'.repeat(100_000) }), {});
    const problem = result.ok ? '' : result.problems[0].problem;
    expect(problem).toContain('(100000 characters)');
    expect(problem.length).toBeLessThan(200);
  });

  it(`lists at most ${MAX_PROBLEMS} problems and says how many more there are`, () => {
    const result = normalizeDeployment(native({ issueKeys: Array.from({ length: 500 }, () => 'bad') }), {});
    expect(result.ok ? [] : result.problems).toHaveLength(MAX_PROBLEMS);
    expect(result.ok ? undefined : result.problems.at(-1)).toEqual({ field: 'body', problem: 'has 451 more problems not listed' });
  });

  it('treats a body with a deployments field as Jira, whatever else it holds', () => {
    expect(fieldsOf({ ...native(), deployments: undefined })).toEqual(['deployments']);
  });

  it('refuses other GitHub events by their header', () => {
    expect(normalizeDeployment(native(), { githubEvent: 'push' })).toEqual({
      ok: false,
      code: 'validation_failed',
      message: 'Invalid deployment: X-GitHub-Event must be deployment_status; no other GitHub event is a deployment (got "push")',
      problems: [{ field: 'X-GitHub-Event', problem: 'must be deployment_status; no other GitHub event is a deployment (got "push")' }],
    });
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'deployment_status'],
  ])('refuses a deployment_status event whose body is %s', (_case, body) => {
    expect(fieldsOf(body, 'deployment_status')).toEqual(['body']);
  });

  it('answers a result, never an exception, for 1,000 random bodies under three X-GitHub-Event values', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const leaves = [null, 0, -1, 1.5, true, '', ' ', 'QAOPS-1', 'successful', 'success', 'unknown', 'x'.repeat(300)];
    const keys = [
      'id',
      'environment',
      'status',
      'issueKeys',
      'commits',
      'deployments',
      'deployment',
      'deployment_status',
      'state',
      'pipeline',
      'associations',
      'values',
    ];
    const junk = (depth: number): unknown => {
      const kind = depth > 4 ? 0 : random(3);
      if (kind === 0) return leaves[random(leaves.length)];
      if (kind === 1) return Array.from({ length: random(4) }, () => junk(depth + 1));
      return Object.fromEntries(Array.from({ length: random(5) }, () => [keys[random(keys.length)], junk(depth + 1)]));
    };
    for (let i = 0; i < 1000; i += 1) {
      const body = junk(0);
      for (const githubEvent of [undefined, 'deployment_status', 'ping']) {
        const result = normalizeDeployment(body, { githubEvent });
        expect(result.ok ? result.deployments.length : result.problems.length).toBeGreaterThan(0);
      }
    }
  });

  it('reads the body as native when the headers are missing altogether', () => {
    expect(normalizeDeployment(native(), undefined as unknown as { githubEvent?: string }).ok).toBe(true);
  });
});
