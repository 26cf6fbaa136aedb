import { describe, expect, it } from '@jest/globals';
import type { JiraEvent } from '../../jira/events/jira-event';
import type { Column } from '../../jira/board-layout';
import type { LinkBackOutcome } from '../../service-desk/domain/link-back.rules';
import type { TicketChange } from '../../tickets/domain/ticket-change';
import { issueReads, type KnownIssue, readsOf } from './event-reads';

const move = (from: Column, to: Column) => ({ fromId: '1', toId: '2', fromName: from, toName: to, fromColumn: from, toColumn: to });

function change(parts: { move?: [Column, Column]; echo?: boolean; stale?: boolean } = {}): TicketChange {
  return {
    key: 'QAOPS-1',
    created: false,
    stale: parts.stale ?? false,
    echo: parts.echo ?? false,
    actor: 'dev-ada',
    timestamp: 1,
    statusChange: parts.move ? move(...parts.move) : null,
    fieldsFresh: true,
    resolution: null,
    ticket: {} as TicketChange['ticket'],
    column: parts.move?.[1] ?? 'ready',
    issue: {} as TicketChange['issue'],
  };
}

const LINKED: LinkBackOutcome = { kind: 'linked_in_jira', serviceDeskKey: 'SUP-1' };
const NAMED: LinkBackOutcome = { kind: 'named_in_text', serviceDeskKey: 'SUP-2' };
const UNLINKED: LinkBackOutcome = { kind: 'unlinked', flag: true };

const known = (parts: Partial<KnownIssue>): KnownIssue => ({ tracked: true, onQaBoard: false, linked: true, change: change(), linkBack: LINKED, ...parts });

describe('what an issue event needs read from Jira before its decision', () => {
  it.each<[string, Partial<KnownIssue>, { thirdLine: boolean; outranking: boolean; serviceDeskTicket: string | null }]>([
    ['a tracked, linked ticket edited: nothing', {}, { thirdLine: false, outranking: false, serviceDeskTicket: null }],
    ['an issue not tracked: whether the board shows it', { tracked: false }, { thirdLine: true, outranking: false, serviceDeskTicket: null }],
    [
      'an issue not tracked, found on the QA/Operations board by a reconciliation: not asked again',
      { tracked: false, onQaBoard: true },
      { thirdLine: false, outranking: false, serviceDeskTicket: null },
    ],
    [
      'a move into In Progress: the tickets that outrank it',
      { change: change({ move: ['ready', 'in_progress'] }) },
      { thirdLine: false, outranking: true, serviceDeskTicket: null },
    ],
    [
      'a move within In Progress: no ranks',
      { change: change({ move: ['in_progress', 'in_progress'] }) },
      { thirdLine: false, outranking: false, serviceDeskTicket: null },
    ],
    [
      'the service’s own move echoed back: no ranks',
      { change: change({ move: ['ready', 'in_progress'], echo: true }) },
      { thirdLine: false, outranking: false, serviceDeskTicket: null },
    ],
    [
      'an older move than the service knows: no ranks',
      { change: change({ move: ['ready', 'in_progress'], stale: true }) },
      { thirdLine: false, outranking: false, serviceDeskTicket: null },
    ],
    [
      'not linked yet, linked in Jira: the client ticket (its priority)',
      { linked: false, linkBack: LINKED },
      { thirdLine: false, outranking: false, serviceDeskTicket: 'SUP-1' },
    ],
    [
      'not linked yet, a client ticket named in its text: that ticket',
      { linked: false, linkBack: NAMED },
      { thirdLine: false, outranking: false, serviceDeskTicket: 'SUP-2' },
    ],
    ['not linked, none named: nothing to read', { linked: false, linkBack: UNLINKED }, { thirdLine: false, outranking: false, serviceDeskTicket: null }],
    [
      'new to the service, moved into In Progress, naming its client ticket: all three',
      { tracked: false, linked: false, linkBack: NAMED, change: change({ move: ['ready', 'in_progress'] }) },
      { thirdLine: true, outranking: true, serviceDeskTicket: 'SUP-2' },
    ],
  ])('%s', (_, given, reads) => {
    expect(issueReads(known(given))).toEqual({ type: 'issue', ...reads });
  });
});

describe('what every other event needs read', () => {
  const at = { timestamp: 1 };
  it.each<[string, JiraEvent, string[], unknown]>([
    [
      'a link: the tracked issues among its two, again',
      { type: 'link_changed', created: true, linkId: '9', sourceIssueId: '1', destinationIssueId: '2', linkType: 'Relates', ...at },
      ['1'],
      { type: 'link', issueIds: ['1'] },
    ],
    [
      'a sprint event without its board: the sprint’s board',
      { type: 'sprint_changed', started: true, sprintId: 11, name: 'S11', boardId: null, ...at },
      [],
      { type: 'sprint', board: true },
    ],
    [
      'a sprint event naming its board: nothing',
      { type: 'sprint_changed', started: true, sprintId: 11, name: 'S11', boardId: 2, ...at },
      [],
      { type: 'sprint', board: false },
    ],
    ['a deletion: nothing', { type: 'issue_deleted', actor: null, issueId: '1', key: 'QAOPS-1', ...at }, [], { type: 'none' }],
    ['an event the service does not act on: nothing', { type: 'ignored', webhookEvent: 'comment_created', ...at }, [], { type: 'none' }],
  ])('%s', (_, event, tracked, reads) => {
    expect(readsOf(event, undefined, tracked)).toEqual(reads);
  });

  it('an edit of a service desk ticket (never tracked): nothing', () => {
    const event = {
      type: 'issue_changed',
      created: false,
      actor: null,
      issue: {},
      statusChange: null,
      changedFields: [],
      timestamp: 1,
    } as unknown as JiraEvent;
    expect(readsOf(event, undefined, [])).toEqual({ type: 'none' });
  });
});
