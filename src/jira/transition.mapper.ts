import type { Version3Models } from 'jira.js';
import { answered } from './jira.errors.js';
import type { Transition } from './jira.types.js';

/** A transition is taken by its id toward its target status: without both it cannot be used. */
export function toTransition(transition: Version3Models.IssueTransition): Transition {
  const id = answered(transition.id, 'transition id');
  return { id, name: transition.name ?? '', toStatusId: answered(transition.to?.id, `target status of transition ${id}`) };
}
