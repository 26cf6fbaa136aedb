import { describe, expect, it } from '@jest/globals';
import type { ReleaseRule } from './release.policy.js';
import { globMatches, isReleaseEnvironment, isReleaseFor } from './release.policy.js';

const deployment = (environment: string, status = 'successful', environmentType?: string) => ({
  environment,
  status,
  ...(environmentType ? { environmentType } : {}),
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

  it.each<[string]>([['failed'], ['in_progress'], ['cancelled']])('does not count a %s deployment to the release environment', (status) => {
    expect(isReleaseFor(deployment('D', status), 'D')).toBe(false);
  });

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

const rule = (releaseEnvironments: string[], releaseEnvironmentType?: string, releaseEnvironment = 'D'): ReleaseRule => ({
  releaseEnvironment,
  releaseEnvironments,
  releaseEnvironmentType,
});

describe('isReleaseEnvironment with RELEASE_ENVIRONMENTS and RELEASE_ENVIRONMENT_TYPE', () => {
  it.each<[string, string, string | undefined, ReleaseRule, boolean]>([
    ['RELEASE_ENVIRONMENT alone, as before', 'D', undefined, rule([]), true],
    ['RELEASE_ENVIRONMENT still counts beside a list', 'd', undefined, rule(['dev-d']), true],
    ['RELEASE_ENVIRONMENT is a name, never a pattern', 'anything', undefined, rule([], undefined, '*'), false],
    ['a listed name', 'dev-d', undefined, rule(['dev-d', 'D2']), true],
    ['a listed name, in another case and with spaces', ' DEV-D ', undefined, rule([' dev-d ']), true],
    ["GitLab's Jira integration name <project>/<environment>", 'Flight/D', 'development', rule(['*/D']), true],
    ['a GitLab project path with groups', 'acme/payments/api/D', undefined, rule(['*/D']), true],
    ['*/D does not take D alone (the slash is part of it)', 'CD', undefined, rule(['*/D'], undefined, 'E'), false],
    ['*/D does not take another environment of the project', 'Flight/staging', undefined, rule(['*/D']), false],
    ['*/D does not take a longer last part', 'Flight/DEV', undefined, rule(['*/D']), false],
    ['a prefix pattern', 'dev-d-eu', undefined, rule(['dev-d*']), true],
    ['a middle pattern', 'eu-D-blue', undefined, rule(['eu-*-blue']), true],
    ['a middle pattern needs both ends', 'eu-D-green', undefined, rule(['eu-*-blue']), false],
    ['several stars', 'a/b/c/D', undefined, rule(['*/*/D']), true],
    ['* alone takes every environment', 'production', undefined, rule(['*']), true],
    ['an empty entry takes nothing', 'production', undefined, rule(['', '  ']), false],
    ['the type, when both sides have one, must match', 'Flight/D', 'production', rule(['*/D'], 'development'), false],
    ['the type matches ignoring case', 'Flight/D', 'Development', rule(['*/D'], 'development'), true],
    ['a deployment that reports no type is judged by its name', 'D', undefined, rule([], 'development'), true],
    ['the type alone never makes a name match', 'review/feature-x', 'development', rule([], 'development'), false],
  ])('%s: %p (type %p) → %p', (_case, environment, type, r, expected) => {
    expect(isReleaseEnvironment(deployment(environment, 'successful', type), r)).toBe(expected);
  });

  it('still needs a successful status for a release', () => {
    expect(isReleaseFor(deployment('Flight/D', 'failed'), rule(['*/D']))).toBe(false);
    expect(isReleaseFor(deployment('Flight/D', 'successful'), rule(['*/D']))).toBe(true);
  });
});

describe('globMatches', () => {
  it.each<[string, string, boolean]>([
    ['d', 'd', true],
    ['d', 'dd', false],
    ['*', '', true],
    ['*d', 'd', true],
    ['d*', 'd', true],
    ['*/d', '/d', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
    ['**', 'x', true],
    ['a.b', 'axb', false],
    ['(d)', '(d)', true],
  ])('%p against %p is %p', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
  });

  it('answers at once for a pattern of many stars against a long name', () => {
    expect(globMatches('*a*a*a*a*a*a*a*b', 'a'.repeat(255))).toBe(false);
  });
});
