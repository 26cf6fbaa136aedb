import { describe, expect, it } from '@jest/globals';
import { effectivePriority, environmentOf } from './sla.policy.js';

const TEST_ENVS = ['test', 'UAT', 'Sandbox', 'Development'];

describe('effective priority', () => {
  it.each([
    ['Critical', 'UAT', 'Medium'],
    ['High', 'uat', 'Medium'],
    ['Critical', 'Client UAT 2', 'Medium'],
    ['High', 'Sandbox', 'Medium'],
    ['Critical', 'Development', 'Medium'],
    ['Critical', 'test', 'Medium'],
    ['Critical', 'Production', 'Critical'],
    ['High', null, 'High'],
    ['High', 'Contest platform', 'High'],
    ['Medium', 'UAT', 'Medium'],
    ['Low', 'test', 'Low'],
    [null, 'UAT', null],
  ])('%s reported in %s counts as %s', (reported, environment, effective) => {
    expect(effectivePriority(reported, environment, TEST_ENVS).effective).toBe(effective);
  });

  it('says why it downgraded', () => {
    expect(effectivePriority('Critical', 'UAT', TEST_ENVS).reason).toBe('Critical reported in a test environment (UAT) counts as Medium');
    expect(effectivePriority('Critical', 'Production', TEST_ENVS).reason).toBeNull();
  });

  it.each([
    ['UAT', 'UAT'],
    [{ value: 'UAT', id: '10020' }, 'UAT'],
    [[{ value: 'UAT' }, { value: 'test' }], 'UAT, test'],
    [null, null],
    ['  ', null],
  ])('reads the environment field %j as %s', (value, expected) => {
    expect(environmentOf(value)).toBe(expected);
  });
});
