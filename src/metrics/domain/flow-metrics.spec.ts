import { describe, expect, it } from '@jest/globals';
import { flowMetrics } from './flow-metrics.js';
import type { AuditFact, FlowMetricsWindow } from './flow-metrics.types.js';
import { nearestRank } from './percentile.js';

const TRIAGE = '10001';
const READY = '10002';
const t = (s: string) => new Date(`2025-${s}:00Z`);
const window = (from = '03-01T00:00', to = '03-31T00:00', activeSprintId: number | null = 8): FlowMetricsWindow => ({
  from: t(from),
  to: t(to),
  triageStatusIds: [TRIAGE],
  activeSprintId,
});

/** A month of the 3rd-line flow; the hand-computed values below are in hours. */
function history(): AuditFact[] {
  const rows: [string, string, string | null, Record<string, unknown>?][] = [
    ['02-10T09:00', 'ticket.tracked', 'QAOPS-8'],
    ['02-18T09:00', 'slot.pickup', 'QAOPS-8'],
    ['02-20T09:00', 'slot.released', 'QAOPS-8', { reason: 'deployed' }], // before the window
    ['02-25T09:00', 'violation', 'QAOPS-9', { rule: 'slot_occupied' }], // before the window
    ['02-27T10:00', 'ticket.tracked', 'QAOPS-1'],
    ['02-28T17:00', 'rota.sprint_closed', null, { sprintId: 6 }],
    ['03-01T09:00', 'slot.pickup', 'QAOPS-1'],
    ['03-01T09:00', 'ticket.status_changed', 'QAOPS-1', { toId: '3', echo: true }], // the service's own move: not the developer's
    ['03-02T10:00', 'violation', 'QAOPS-2', { rule: 'slot_occupied' }],
    ['03-02T12:00', 'ticket.status_changed', 'QAOPS-1', { toId: '10005', echo: false }],
    ['03-02T18:00', 'slot.released', 'QAOPS-1', { reason: 'deployed' }], // lead 80, cycle 33, blocked 6
    ['03-03T08:00', 'escalation.created', 'QAOPS-2'],
    ['03-03T08:00', 'ticket.tracked', 'QAOPS-2'],
    ['03-03T09:00', 'rota.sprint_started', null, { sprintId: 7 }],
    ['03-04T10:00', 'ticket.status_changed', 'QAOPS-2', { toId: READY, echo: false }],
    ['03-04T11:00', 'slot.pickup', 'QAOPS-2'],
    ['03-05T09:00', 'ticket.status_changed', 'QAOPS-3', { toId: TRIAGE, echo: false }],
    ['03-05T09:00', 'ticket.status_changed', 'QAOPS-2', { toId: '10004', echo: false }],
    ['03-05T10:00', 'violation', 'QAOPS-3', { rule: 'not_top_of_queue' }],
    ['03-05T11:00', 'violation', 'QAOPS-4', { rule: 'not_designated' }],
    ['03-06T11:00', 'ticket.status_changed', 'QAOPS-2', { toId: '10005', echo: false }],
    ['03-07T11:00', 'slot.released', 'QAOPS-2', { reason: 'deployed' }], // lead 99, cycle 72, blocked 24
    ['03-08T09:00', 'slot.pickup', 'QAOPS-3'],
    ['03-08T15:00', 'slot.released', 'QAOPS-3', { reason: 'returned' }],
    ['03-10T09:00', 'slot.pickup', 'QAOPS-3'],
    ['03-10T21:00', 'slot.released', 'QAOPS-3', { reason: 'deployed' }], // lead 132, cycle 12, never moved: no blocked sample
    ['03-12T09:00', 'ticket.tracked', 'QAOPS-4'],
    ['03-13T09:00', 'ticket.tracked', 'QAOPS-5'],
    ['03-14T09:00', 'ticket.tracked', 'QAOPS-6'],
    ['03-17T09:00', 'rota.sprint_started', null, { sprintId: 8 }],
    ['03-17T10:00', 'slot.pickup', 'QAOPS-4'],
    ['03-18T10:00', 'ticket.status_changed', 'QAOPS-4', { toId: '10005', echo: false }],
    ['03-18T11:00', 'violation', 'QAOPS-5', { rule: 'slot_occupied' }],
    ['03-20T10:00', 'slot.released', 'QAOPS-4', { reason: 'deployed' }], // lead 193, cycle 72, blocked 48
    ['03-21T09:00', 'slot.pickup', 'QAOPS-5'],
    ['03-21T12:00', 'slot.released', 'QAOPS-5', { reason: 'forced' }], // not a fix: no sample
    ['03-22T09:00', 'slot.pickup', 'QAOPS-6'],
    ['03-22T15:00', 'ticket.status_changed', 'QAOPS-6', { toId: '10005', echo: false }],
    ['03-22T17:00', 'slot.released', 'QAOPS-6', { reason: 'deployed' }], // lead 200, cycle 8, blocked 2
    ['03-23T09:00', 'ticket.status_changed', 'QAOPS-10', { toId: READY, echo: false }], // never seen in Triage: lead from first seen
    ['03-23T10:00', 'slot.pickup', 'QAOPS-10'],
    ['03-23T12:00', 'slot.released', 'QAOPS-10', { reason: 'deployed' }], // lead 3, cycle 2
    ['03-25T09:00', 'ticket.status_changed', 'QAOPS-6', { toId: TRIAGE, echo: false }], // reopened: a new lead time
    ['03-26T09:00', 'slot.pickup', 'QAOPS-6'],
    ['03-27T09:00', 'slot.released', 'QAOPS-6', { reason: 'deployed' }], // lead 48, cycle 24
    ['03-30T09:00', 'slot.pickup', 'QAOPS-7'],
    ['04-01T09:00', 'slot.released', 'QAOPS-7', { reason: 'deployed' }], // after the window
  ];
  return rows.map(([at, type, ticketKey, data], seq) => ({ seq, at: t(at), type, ticketKey, data: data ?? {} }));
}

const hoursByKey = (samples: { key: string; hours: number }[]) => samples.map((s) => [s.key, s.hours]);

describe('flow metrics from the audit log (nearest-rank percentiles, hours)', () => {
  const metrics = flowMetrics(history(), window());

  it.each([
    // sorted 3 48 80 99 132 193 200: ranks ⌈.5·7⌉=4, ⌈.85·7⌉=6, ⌈.95·7⌉=7
    [
      'leadTime',
      7,
      99,
      193,
      200,
      [
        ['QAOPS-1', 80],
        ['QAOPS-2', 99],
        ['QAOPS-3', 132],
        ['QAOPS-4', 193],
        ['QAOPS-6', 200],
        ['QAOPS-10', 3],
        ['QAOPS-6', 48],
      ],
    ],
    // sorted 2 8 12 24 33 72 72
    [
      'cycleTime',
      7,
      24,
      72,
      72,
      [
        ['QAOPS-1', 33],
        ['QAOPS-2', 72],
        ['QAOPS-3', 12],
        ['QAOPS-4', 72],
        ['QAOPS-6', 8],
        ['QAOPS-10', 2],
        ['QAOPS-6', 24],
      ],
    ],
    // sorted 2 6 24 48: ranks 2, 4, 4

    [
      'blockedOnDeploy',
      4,
      6,
      48,
      48,
      [
        ['QAOPS-1', 6],
        ['QAOPS-2', 24],
        ['QAOPS-4', 48],
        ['QAOPS-6', 2],
      ],
    ],
  ] as const)('%s: %i samples, p50 %d, p85 %d, p95 %d', (metric, count, p50, p85, p95, samples) => {
    const stats = metrics[metric];
    expect({ count: stats.count, p50: stats.p50, p85: stats.p85, p95: stats.p95 }).toEqual({ count, p50, p85, p95 });
    expect(hoursByKey(stats.samples)).toEqual(samples);
  });

  it('counts deploys and violations per sprint; before the first start seen is the sprint closed just before it', () => {
    expect(metrics.sprints).toEqual([
      { sprintId: 6, startedAt: null, endedAt: t('03-03T09:00'), throughput: 1, deployed: ['QAOPS-1'], violations: 1 },
      { sprintId: 7, startedAt: t('03-03T09:00'), endedAt: t('03-17T09:00'), throughput: 2, deployed: ['QAOPS-2', 'QAOPS-3'], violations: 2 },
      { sprintId: 8, startedAt: t('03-17T09:00'), endedAt: null, throughput: 4, deployed: ['QAOPS-4', 'QAOPS-6', 'QAOPS-10', 'QAOPS-6'], violations: 1 },
    ]);
  });

  it.each([
    [
      'the second half of March',
      '03-15T00:00',
      '03-31T00:00',
      {
        lead: [193, 200, 3, 48],
        cycle: [72, 8, 2, 24],
        sprints: [
          [7, 0, 0],
          [8, 4, 1],
        ],
      },
    ],
    ['one day without a deploy', '03-11T00:00', '03-12T00:00', { lead: [], cycle: [], sprints: [[7, 0, 0]] }],
    ['February', '02-01T00:00', '03-01T00:00', { lead: [240], cycle: [48], sprints: [[6, 1, 1]] }],
  ] as const)('a window over %s counts only the deploys inside it', (_name, from, to, expected) => {
    const m = flowMetrics(history(), window(from, to));
    expect(m.leadTime.samples.map((s) => s.hours)).toEqual(expected.lead);
    expect(m.cycleTime.samples.map((s) => s.hours)).toEqual(expected.cycle);
    expect(m.sprints.map((s) => [s.sprintId, s.throughput, s.violations])).toEqual(expected.sprints);
  });

  it('with no sprint start in the log, everything belongs to the sprint known as active', () => {
    const noStarts = history().filter((e) => !e.type.startsWith('rota.'));
    expect(flowMetrics(noStarts, window()).sprints).toEqual([
      {
        sprintId: 8,
        startedAt: null,
        endedAt: null,
        throughput: 7,
        deployed: ['QAOPS-1', 'QAOPS-2', 'QAOPS-3', 'QAOPS-4', 'QAOPS-6', 'QAOPS-10', 'QAOPS-6'],
        violations: 4,
      },
    ]);
  });

  it('an empty log gives no samples, null percentiles and the active sprint with nothing in it', () => {
    expect(flowMetrics([], window())).toMatchObject({
      leadTime: { count: 0, p50: null, p85: null, p95: null, samples: [] },
      sprints: [{ sprintId: 8, throughput: 0, violations: 0 }],
    });
  });

  it('reads the log in its own order (seq), whatever order the rows arrive in', () => {
    expect(flowMetrics([...history()].reverse(), window())).toEqual(metrics);
  });
});

describe('nearest-rank percentile', () => {
  const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
  it.each([
    [[], 50, null],
    [[7], 50, 7],
    [[7], 95, 7],
    [[1, 2], 50, 1],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 85, 4],
    [twenty, 50, 10],
    [twenty, 85, 17],
    [twenty, 95, 19],
    [twenty, 100, 20],
  ] as const)('of %j at p%i is %p', (sorted, p, expected) => {
    expect(nearestRank(sorted, p)).toBe(expected);
  });
});
