/** A Jira change the service decided on; written to the outbox in the decision's transaction. */
export type JiraChange =
  | { kind: 'transition'; key: string; toStatusIds: string[]; resolution?: string }
  | { kind: 'assign'; key: string; accountId: string }
  /** `mention`: an accountId the comment starts with, as an ADF mention ("@Name: text") */
  | { kind: 'comment'; key: string; text: string; explainsPrevious?: boolean; mention?: string }
  /**
   * The slot was freed (`key`, `because` "the deploy of QAOPS-7 to D"): at send time, comment on the
   * ticket then top of Ready for sprint, mentioning `accountId`, and tell the channels (slot_freed).
   */
  | { kind: 'nudge_next'; key: string; because: string; accountId: string | null }
  | { kind: 'service_desk_note'; key: string; text: string; public: boolean }
  | { kind: 'labels'; key: string; add: string[]; remove: string[] }
  | { kind: 'link'; key: string; type: string; inwardKey: string; outwardKey: string }
  | { kind: 'add_to_sprint'; key: string; sprintId: number | 'active' }
  | { kind: 'set_priority'; key: string; priority: string }
  /** escalate a service desk ticket (AUTO_ESCALATE_BUGS): create its triage bug, once */
  | { kind: 'escalate'; key: string };

/** A change being sent is still `pending`: the worker holds its row lock while it calls Jira. */
export type ChangeStatus = 'pending' | 'done' | 'failed' | 'abandoned';

/** The error of a comment that was not sent because the change it explains failed (a retry of that change re-queues it). */
export const WITHHELD_COMMENT = 'Not sent: the change this comment explains failed';

/** What a change does, in words; `statusName` names a status id where the service knows its name. */
export function describeChange(c: JiraChange, statusName: (id: string) => string | null = () => null): string {
  switch (c.kind) {
    case 'transition':
      return `move ${c.key} to ${[...new Set(c.toStatusIds.map((id) => statusName(id) ?? `status ${id}`))].join(' or ')}`;
    case 'assign':
      return `assign ${c.key} to ${c.accountId}`;
    case 'comment':
      return `comment on ${c.key}`;
    case 'service_desk_note':
      return `${c.public ? 'public comment' : 'internal note'} on ${c.key}`;
    case 'labels':
      return `labels of ${c.key} (+${c.add.join(',')} -${c.remove.join(',')})`;
    case 'link':
      return `link ${c.inwardKey} → ${c.outwardKey} (${c.type})`;
    case 'add_to_sprint':
      return `add ${c.key} to ${c.sprintId === 'active' ? 'the active sprint' : `sprint ${c.sprintId}`}`;
    case 'set_priority':
      return `set priority of ${c.key} to ${c.priority}`;
    case 'escalate':
      return `escalate ${c.key} to a triage bug`;
    case 'nudge_next':
      return `tell ${c.accountId ?? 'the team'} which ticket is next after ${c.key}`;
  }
}
