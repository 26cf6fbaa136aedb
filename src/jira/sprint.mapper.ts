import type { AgileModels } from 'jira.js';
import type { Sprint } from './jira.types.js';

export function toSprint(sprint: AgileModels.Sprint): Sprint {
  return { id: sprint.id, name: sprint.name, state: sprint.state };
}

/** The board a sprint was made on; null when Jira does not say (originBoardId is optional). */
export function toSprintOrigin(sprint: AgileModels.Sprint): { id: number; originBoardId: number | null } {
  return { id: sprint.id, originBoardId: sprint.originBoardId ?? null };
}
