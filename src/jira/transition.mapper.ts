import type { Version3Models } from 'jira.js';
import type { Transition } from './jira.types.js';

/** A transition is taken by its id toward its target status: one without both (both optional in Atlassian's IssueTransition) cannot be used. */
export function toTransitions(transitions: Version3Models.IssueTransition[]): Transition[] {
  return transitions.flatMap(({ id, name, to }) => (id && to?.id ? [{ id, name: name ?? '', toStatusId: to.id }] : []));
}
