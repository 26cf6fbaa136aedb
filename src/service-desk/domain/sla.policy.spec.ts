import { describe, expect, it } from '@jest/globals';
import { breachesOf, effectivePriority, environmentOf } from './sla.policy.js';

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

describe('SLA breaches', () => {
  const targets = { Medium: { responseMinutes: 60, resolutionMinutes: 600 } };
  const start = new Date('2026-01-05T09:00:00Z');
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  const clock = (respondedAt: Date | null, resolvedAt: Date | null, priority: string | null = 'Medium') => ({ key: 'QAOPS-1', priority, startedAt: start, respondedAt, resolvedAt });

  it.each([
    ['not yet due', clock(null, null), 59, []],
    ['response overdue while nobody picked it up', clock(null, null), 61, ['response']],
    ['picked up in time, resolution still open and overdue', clock(at(30), null), 601, ['resolution']],
    ['picked up late but deployed in time', clock(at(90), at(300)), 700, ['response']],
    ['everything in time', clock(at(30), at(300)), 10_000, []],
    ['a priority without a target', clock(null, null, 'Low'), 10_000, []],
    ['no priority', clock(null, null, null), 10_000, []],
  ])('%s', (_, c, minutesLater, kinds) => {
    expect(breachesOf(c, targets, at(minutesLater)).map((b) => b.kind)).toEqual(kinds);
  });
});
