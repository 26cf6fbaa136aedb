import { describe, expect, it } from '@jest/globals';
import type { Column } from '../../jira/board-layout.js';
import type { TicketChange } from '../../tickets/domain/ticket-change.js';
import type { TrackedTicket } from '../../tickets/domain/ticket-merge.js';
import type { FlowEvent } from './flow.types.js';
import { type ClassifyContext, flowEventsOf, isPickupMove } from './ticket-change.classifier.js';

const AT = 1_764_000_000_000;
const STATUS: Record<Column, string> = { triage: '1', ready: '2', in_progress: '3', other: '4' };

function change(from: Column | null, to: Column | null, patch: Partial<TicketChange> = {}): TicketChange {
  const ticket = { key: 'Q-1' } as TrackedTicket;
  const statusChange =
    to === null ? null : { fromId: from === null ? null : STATUS[from], toId: STATUS[to], fromName: from, toName: to, fromColumn: from ?? to, toColumn: to };
  return {
    key: 'Q-1',
    created: false,
    stale: false,
    echo: false,
    actor: 'dev',
    timestamp: AT,
    statusChange,
    fieldsFresh: true,
    resolution: null,
    ticket,
    column: to ?? 'other',
    issue: {} as never,
    ...patch,
  };
}

const ctx: ClassifyContext = { linked: true, outranking: [], fixResolutions: ['Done', 'Fixed'] };
const at = new Date(AT);

describe('what a change in Jira means for the slot', () => {
  it.each<[string, TicketChange, Partial<ClassifyContext>, FlowEvent[]]>([
    [
      'a move from Ready into In Progress is a pickup by the mover',
      change('ready', 'in_progress'),
      {},
      [{ type: 'jira_pickup', key: 'Q-1', actor: 'dev', fromStatusId: '2', outrankedBy: [] }],
    ],
    [
      'a pickup carries who outranked the ticket',
      change('ready', 'in_progress'),
      { outranking: ['Q-0'] },
      [{ type: 'jira_pickup', key: 'Q-1', actor: 'dev', fromStatusId: '2', outrankedBy: ['Q-0'] }],
    ],
    [
      'a move from Triage into In Progress is a pickup too',
      change('triage', 'in_progress'),
      {},
      [{ type: 'jira_pickup', key: 'Q-1', actor: 'dev', fromStatusId: '1', outrankedBy: [] }],
    ],
    [
      'a move by nobody known is a pickup by "unknown"',
      change('ready', 'in_progress', { actor: null }),
      {},
      [{ type: 'jira_pickup', key: 'Q-1', actor: 'unknown', fromStatusId: '2', outrankedBy: [] }],
    ],
    ['a move between two statuses of the In Progress column is no pickup', change('in_progress', 'in_progress'), {}, []],
    ['a move back to Ready returns the ticket to the queue', change('in_progress', 'ready'), {}, [{ type: 'moved_to_queue', key: 'Q-1', at }]],
    ['a move back to Triage returns it too', change('other', 'triage'), {}, [{ type: 'moved_to_queue', key: 'Q-1', at }]],
    ['Triage to Ready of a linked bug is a queue move only', change('triage', 'ready'), {}, [{ type: 'moved_to_queue', key: 'Q-1', at }]],
    [
      'Triage to Ready of an unlinked bug is also a link-back violation',
      change('triage', 'ready'),
      { linked: false },
      [
        { type: 'moved_to_queue', key: 'Q-1', at },
        { type: 'readied_unlinked', key: 'Q-1', actor: 'dev', fromStatusId: '1' },
      ],
    ],
    ['an unlinked bug moved to Triage is no violation', change('ready', 'triage'), { linked: false }, [{ type: 'moved_to_queue', key: 'Q-1', at }]],
    ['In Progress to a later status leaves In Progress', change('in_progress', 'other'), {}, [{ type: 'left_in_progress', key: 'Q-1' }]],
    ['a later status to another one means nothing', change('other', 'other'), {}, []],
    [
      'a resolution that is a fix',
      change('other', 'other', { resolution: 'fixed' }),
      {},
      [{ type: 'resolved', key: 'Q-1', resolution: 'fixed', isFix: true, at }],
    ],
    [
      'a resolution that is not a fix',
      change('in_progress', 'other', { resolution: "Won't Do" }),
      {},
      [
        { type: 'left_in_progress', key: 'Q-1' },
        { type: 'resolved', key: 'Q-1', resolution: "Won't Do", isFix: false, at },
      ],
    ],
    ['an event without a status change', change(null, null, { resolution: 'Done' }), {}, []],
    ["the service's own change echoed back", change('ready', 'in_progress', { echo: true }), {}, []],
    ['an event older than what the service knew', change('ready', 'in_progress', { stale: true }), {}, []],
  ])('%s', (_, c, extra, expected) => {
    expect(flowEventsOf(c, { ...ctx, ...extra })).toEqual(expected);
  });

  it('a pickup move needs the ranks read before the decision, and says so', () => {
    expect(() => flowEventsOf(change('ready', 'in_progress'), { ...ctx, outranking: undefined })).toThrow(/ranks of Ready for sprint were not read/);
  });

  it.each<[string, TicketChange, boolean]>([
    ['Ready to In Progress', change('ready', 'in_progress'), true],
    ['a move within the In Progress column', change('in_progress', 'in_progress'), false],
    ['an echo', change('ready', 'in_progress', { echo: true }), false],
    ['no status change', change(null, null), false],
  ])('%s is a pickup move: %s', (_, c, expected) => {
    expect(isPickupMove(c)).toBe(expected);
  });
});
