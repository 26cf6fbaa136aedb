import { describe, expect, it } from '@jest/globals';
import { breachesOf, effectivePriority, environmentOf, warningsOf } from './sla.policy.js';

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
  const clock = (respondedAt: Date | null, resolvedAt: Date | null, priority: string | null = 'Medium') => ({
    key: 'QAOPS-1',
    priority,
    startedAt: start,
    respondedAt,
    resolvedAt,
  });

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

describe('SLA at risk (a warning at a fraction of each target, before the breach)', () => {
  const targets = { Medium: { responseMinutes: 60, resolutionMinutes: 600 }, Instant: { responseMinutes: 0, resolutionMinutes: 0 } };
  const start = new Date('2026-01-05T09:00:00Z');
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  const clock = (respondedAt: Date | null, resolvedAt: Date | null, priority: string | null = 'Medium') => ({
    key: 'QAOPS-1',
    priority,
    startedAt: start,
    respondedAt,
    resolvedAt,
  });

  it.each([
    ['before 80% of the response target (47 of 60 min)', clock(null, null), 47, 0.8, []],
    ['at 80% of the response target (48 of 60 min)', clock(null, null), 48, 0.8, ['response']],
    ['past 80%, one minute before the response is due', clock(null, null), 59, 0.8, ['response']],
    ['when the response is due it is no longer at risk: it breached', clock(null, null), 60, 0.8, []],
    ['picked up in time, 80% of the resolution target passed (480 of 600 min)', clock(at(30), null), 480, 0.8, ['resolution']],
    ['nobody picked it up: the response breached long ago, the resolution is at risk', clock(null, null), 500, 0.8, ['resolution']],
    ['a lower fraction warns earlier (50%: 30 of 60 min)', clock(null, null), 30, 0.5, ['response']],
    ['a stopped clock never warns', clock(at(10), at(100)), 590, 0.8, []],
    ['a zero target breaches at once and never warns', clock(null, null, 'Instant'), 0, 0.8, []],
    ['a priority without a target', clock(null, null, 'Low'), 500, 0.8, []],
    ['no priority', clock(null, null, null), 500, 0.8, []],
  ])('%s', (_, c, minutesLater, fraction, kinds) => {
    expect(warningsOf(c, targets, at(minutesLater), fraction).map((w) => w.kind)).toEqual(kinds);
  });

  it('says when the warning point passed and when the target is due', () => {
    expect(warningsOf(clock(null, null), targets, at(50), 0.8)).toEqual([
      { key: 'QAOPS-1', kind: 'response', priority: 'Medium', warnAt: at(48), dueAt: at(60) },
    ]);
  });
});
