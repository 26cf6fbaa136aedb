import { describe, expect, it } from '@jest/globals';
import type { Column } from '../../jira/board-layout.js';
import type { JiraIssue } from '../../jira/jira.types.js';
import type { Stage } from '../../config/progress-stages.js';
import { stageReached } from './progress-note.js';

type Change = Parameters<typeof stageReached>[0];

const change = (column: Column, move: [Column, Column] | null, patch: Partial<Change> = {}, category = 'indeterminate'): Change => ({
  echo: false,
  stale: false,
  column,
  statusChange: move ? { fromId: '1', toId: '2', fromName: move[0], toName: move[1], fromColumn: move[0], toColumn: move[1] } : null,
  issue: { statusCategory: category } as JiraIssue,
  ...patch,
});

describe('the step a ticket change tells the client', () => {
  it.each<[string, Change, boolean, Stage | null]>([
    ['a person moves it to Triage', change('triage', ['ready', 'triage']), false, 'triaged'],
    ['a person moves it to Ready for sprint', change('ready', ['triage', 'ready']), false, 'ready'],
    ['a person moves it to a done status', change('other', ['in_progress', 'other']), false, null],
    ['…whose category is done', change('other', ['in_progress', 'other'], {}, 'done'), false, 'done'],
    [
      'linked just now while in Triage: triaged, once (no second for the move to Triage in the same change)',
      change('triage', ['ready', 'triage']),
      true,
      'triaged',
    ],
    ['linked just now while in Triage, with no move', change('triage', null), true, 'triaged'],
    ['linked just now while moving to Ready: ready', change('ready', ['triage', 'ready']), true, 'ready'],
    ['linked long ago, no move', change('triage', null), false, null],
    ["the service's own move echoed back", change('ready', ['triage', 'ready'], { echo: true }), false, null],
    ['an older event (stale)', change('triage', ['ready', 'triage'], { stale: true }), true, null],
    ['a move within one column', change('triage', ['triage', 'triage']), false, null],
  ])('%s', (_title, input, linkedNow, stage) => {
    expect(stageReached(input, linkedNow)).toBe(stage);
  });
});
