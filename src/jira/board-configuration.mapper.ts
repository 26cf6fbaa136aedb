import type { AgileModels } from 'jira.js';
import { RANK_FIELD } from './issue.mapper.js';
import type { BoardConfiguration } from './jira.types.js';

/** getConfiguration's answer → the board's name, columns (with their statuses), Rank field and filter. */
export function toBoardConfiguration(boardId: number, conf: AgileModels.GetConfiguration): BoardConfiguration {
  const rankCustomFieldId = conf.ranking?.rankCustomFieldId;
  return {
    id: boardId,
    name: conf.name ?? String(boardId),
    columns: (conf.columnConfig?.columns ?? []).map((column) => ({
      name: column.name ?? '',
      statusIds: (column.statuses ?? []).flatMap((status) => (status.id === undefined ? [] : [status.id])),
    })),
    rankFieldId: rankCustomFieldId === undefined ? RANK_FIELD : `customfield_${rankCustomFieldId}`,
    filterId: conf.filter?.id ?? null,
  };
}
