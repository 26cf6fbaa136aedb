import { describe, expect, it } from '@jest/globals';
import type { AgileModels } from 'jira.js';
import { toBoardConfiguration } from './board-configuration.mapper.js';
import { RANK_FIELD } from './issue.mapper.js';

describe("a board's configuration (getConfiguration)", () => {
  it('names the columns with their statuses, the Rank field and the filter', () => {
    const conf: AgileModels.GetConfiguration = {
      name: 'QA/Operations',
      filter: { id: '10042' },
      columnConfig: {
        columns: [
          { name: 'Triage', statuses: [{ id: '1' }, { id: '2' }] },
          { name: 'Ready for sprint', statuses: [{ id: '3' }] },
        ],
      },
      ranking: { rankCustomFieldId: 10119 },
    };
    expect(toBoardConfiguration(1, conf)).toEqual({
      id: 1,
      name: 'QA/Operations',
      columns: [
        { name: 'Triage', statusIds: ['1', '2'] },
        { name: 'Ready for sprint', statusIds: ['3'] },
      ],
      rankFieldId: 'customfield_10119',
      filterId: '10042',
    });
  });

  it.each<[string, AgileModels.GetConfiguration, Record<string, unknown>]>([
    ['no name: the board id', {}, { name: '7' }],
    ['no columns', {}, { columns: [] }],
    [
      'a column without statuses, a status without an id',
      { columnConfig: { columns: [{ name: 'Done' }, { statuses: [{}] }] } },
      {
        columns: [
          { name: 'Done', statusIds: [] },
          { name: '', statusIds: [] },
        ],
      },
    ],
    ['no ranking: the usual Rank field', {}, { rankFieldId: RANK_FIELD }],
    ['no filter', { filter: {} }, { filterId: null }],
  ])('%s', (_, conf, expected) => {
    expect(toBoardConfiguration(7, conf)).toMatchObject(expected);
  });
});
