import type { BoardLayout } from '../jira/board-layout.js';
import type { JiraChange } from '../jira/outbox/jira-change.js';
import type { FlowCommand } from './domain/flow.types.js';

/** Flow commands speak of columns; Jira needs status ids from the board configuration. */
export function toJiraChanges(commands: FlowCommand[], layout: BoardLayout | null): JiraChange[] {
  return commands.map((c): JiraChange => {
    switch (c.kind) {
      case 'move_to_in_progress':
        if (!layout) throw new Error('The board layout is not known yet (Jira not reached)');
        return { kind: 'transition', key: c.key, toStatusIds: layout.inProgress };
      case 'revert':
        return { kind: 'transition', key: c.key, toStatusIds: [c.toStatusId] };
      case 'assign':
        return { kind: 'assign', key: c.key, accountId: c.accountId };
      case 'add_to_sprint':
        return { kind: 'add_to_sprint', key: c.key, sprintId: c.sprintId };
      case 'comment':
        return {
          kind: 'comment',
          key: c.key,
          text: c.text,
          ...(c.explainsPrevious ? { explainsPrevious: true } : {}),
          ...(c.mention ? { mention: c.mention } : {}),
        };
      case 'nudge_next':
        return { kind: 'nudge_next', key: c.key, because: c.because, accountId: c.accountId };
      case 'add_label':
        return { kind: 'labels', key: c.key, add: [c.label], remove: [] };
    }
  });
}
