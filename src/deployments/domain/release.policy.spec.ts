import { describe, expect, it } from '@jest/globals';
import type { Deployment, DeploymentStatus } from './deployment.js';
import { isReleaseFor } from './deployment.normalizer.js';

const deployment = (environment: string, status: DeploymentStatus = 'successful'): Deployment => ({
  id: 'd-1',
  environment,
  status,
  issueKeys: ['QAOPS-1'],
  url: null,
  source: 'native',
});

describe('isReleaseFor', () => {
  it.each([
    ['D', 'D'],
    ['d', 'D'],
    ['D', 'd'],
    [' D ', 'D'],
    ['D', ' D '],
    ['Production', 'production'],
  ])('counts a successful deployment to %p as a release for %p', (environment, release) => {
    expect(isReleaseFor(deployment(environment), release)).toBe(true);
  });

  it.each<[DeploymentStatus]>([['failed'], ['in_progress'], ['cancelled']])(
    'does not count a %s deployment to the release environment',
    (status) => {
      expect(isReleaseFor(deployment('D', status), 'D')).toBe(false);
    },
  );

  it.each([
    ['C', 'D'],
    ['DD', 'D'],
    ['D-staging', 'D'],
    ['D', ''],
    ['D', '  '],
  ])('does not count a successful deployment to %p as a release for %p', (environment, release) => {
    expect(isReleaseFor(deployment(environment), release)).toBe(false);
  });
});
