import { describe, expect, it } from '@jest/globals';
import { rosterDiff, type RosterEntry } from './roster.diff.js';

const p = (email: string, role: RosterEntry['role'], accountId: string | null = null, tracks: string[] | null = null): RosterEntry => ({
  email,
  role,
  accountId,
  tracks,
});

describe('what a new roster changes, as the audit tells it', () => {
  it.each<[string, RosterEntry[], RosterEntry[], string]>([
    ['the first roster', [], [p('ada@example.com', 'developer', 'ada.park')], 'added ada@example.com (developer)'],
    ['a leaver', [p('ada@example.com', 'developer'), p('po@example.com', 'po')], [p('po@example.com', 'po')], 'removed ada@example.com'],
    ['a new role', [p('ada@example.com', 'developer')], [p('ada@example.com', 'po')], 'changed ada@example.com: role developer → po'],
    [
      'an account and tracks',
      [p('ada@example.com', 'developer')],
      [p('ada@example.com', 'developer', 'ada.park', ['payments'])],
      'changed ada@example.com: accountId none → ada.park, tracks all → payments',
    ],
    ['the same roster again', [p('ada@example.com', 'developer')], [p('ada@example.com', 'developer')], 'no change'],
    [
      'all at once',
      [p('a@x.io', 'po'), p('b@x.io', 'ci')],
      [p('b@x.io', 'admin'), p('c@x.io', 'support')],
      'added c@x.io (support); removed a@x.io; changed b@x.io: role ci → admin',
    ],
  ])('%s', (_, before, after, summary) => {
    expect(rosterDiff(before, after).summary).toBe(summary);
  });
});
