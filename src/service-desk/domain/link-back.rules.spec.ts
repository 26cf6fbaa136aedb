import { describe, expect, it } from '@jest/globals';
import type { Column } from '../../jira/board-layout.js';
import { linkBackOf, type LinkBackInput, type LinkBackOutcome } from './link-back.rules.js';

const toSup = { id: '1', type: 'Relates', otherKey: 'SUP-4', otherIsInward: false };
const toBug = { id: '2', type: 'Blocks', otherKey: 'QAOPS-9', otherIsInward: true };
const input = (patch: Partial<LinkBackInput> = {}, column: Column = 'triage'): LinkBackInput => ({
  links: [],
  text: { summary: 'Export times out', description: '' },
  column,
  serviceDeskProject: 'SUP',
  ...patch,
});

describe('which service desk ticket a bug belongs to', () => {
  it.each<[string, LinkBackInput, LinkBackOutcome]>([
    ['a link to a ticket of the service desk project', input({ links: [toBug, toSup] }), { kind: 'linked_in_jira', serviceDeskKey: 'SUP-4' }],
    [
      'a link wins over a key in the text',
      input({ links: [toSup], text: { summary: 'see SUP-7', description: '' } }),
      { kind: 'linked_in_jira', serviceDeskKey: 'SUP-4' },
    ],
    ['a key in the summary', input({ text: { summary: 'Export times out (SUP-7)', description: '' } }), { kind: 'named_in_text', serviceDeskKey: 'SUP-7' }],
    [
      'a key in the description',
      input({ text: { summary: 'Export', description: 'Reported in SUP-12 by Acme' } }),
      { kind: 'named_in_text', serviceDeskKey: 'SUP-12' },
    ],
    ['a key of another project is no link', input({ links: [toBug], text: { summary: 'like QAOPS-3', description: '' } }), { kind: 'unlinked', flag: true }],
    ['text of an older snapshot is not read', input({ text: null }), { kind: 'unlinked', flag: true }],
    ['an unlinked bug in Ready is flagged', input({}, 'ready'), { kind: 'unlinked', flag: true }],
    ['an unlinked ticket later in the pipeline is not', input({}, 'in_progress'), { kind: 'unlinked', flag: false }],
    ['nor one outside the columns', input({}, 'other'), { kind: 'unlinked', flag: false }],
  ])('%s', (_, i, expected) => {
    expect(linkBackOf(i)).toEqual(expected);
  });
});
