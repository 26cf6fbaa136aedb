import { describe, expect, it } from '@jest/globals';
import { outranking, type RankedTicket } from './pick-up-order.js';

const READY: RankedTicket[] = [
  { key: 'Q-1', rank: '0|i0001:' },
  { key: 'Q-2', rank: '0|i0002:' },
  { key: 'Q-3', rank: '0|i0003:' },
];

describe('who outranks a ticket moved into In Progress', () => {
  it.each<[string, string, string | null, RankedTicket[], string[]]>([
    ['nobody, when it was the top (the board no longer lists it)', 'Q-0', '0|i0000:', READY, []],
    ['nobody, when it was the top and the board still lists it', 'Q-1', '0|i0001:', READY, []],
    ['every ticket ranked above it', 'Q-9', '0|i0002m:', READY, ['Q-1', 'Q-2']],
    ['the tickets above it, the board still listing it', 'Q-3', '0|i0003:', READY, ['Q-1', 'Q-2']],
    ['nobody, when Ready for sprint is empty', 'Q-1', '0|i0001:', [], []],
    ['every other ticket, when its rank is unknown', 'Q-2', null, READY, ['Q-1', 'Q-3']],
    [
      'not a ticket whose own rank is unknown',
      'Q-9',
      '0|i0002m:',
      [
        { key: 'Q-1', rank: null },
        { key: 'Q-2', rank: '0|i0002:' },
      ],
      ['Q-2'],
    ],
  ])('%s', (_, key, rank, ready, expected) => {
    expect(outranking(key, rank, ready)).toEqual(expected);
  });
});
