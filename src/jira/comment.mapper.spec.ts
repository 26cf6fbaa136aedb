import { describe, expect, it } from '@jest/globals';
import type { ServiceDeskModels, Version3Models } from 'jira.js';
import { textToAdf } from './adf.js';
import { toCommentProperties, toJiraComment } from './comment.mapper.js';
import { JiraError } from './jira.errors.js';
import { toRequestComment } from './request-comment.mapper.js';

describe('comments as the issue has them (REST v3) and as JSM has them', () => {
  it.each<[string, Version3Models.Comment, Record<string, unknown>]>([
    [
      'an issue comment: ADF body, author, created',
      { id: '100', body: textToAdf('Hi'), author: { accountId: 'acc-1' }, created: '2025-01-02T03:04:05.000+0000' },
      { id: '100', text: 'Hi', public: true, authorId: 'acc-1', created: new Date('2025-01-02T03:04:05.000+0000') },
    ],
    ['an internal JSM note (jsdPublic false)', { id: '101', jsdPublic: false }, { public: false }],
    ['no author, no date', { id: '102' }, { text: '', authorId: null, created: null }],
  ])('%s', (_, comment, expected) => {
    expect(toJiraComment(comment)).toMatchObject(expected);
  });

  it('reads the properties of a comment by key (a property without a key is left out)', () => {
    expect(toCommentProperties({ id: '100', properties: [{ key: 'mark', value: { v: 1 } }, { value: 2 }] })).toEqual(['100', { mark: { v: 1 } }]);
  });

  it.each<[string, ServiceDeskModels.Comment, Record<string, unknown>]>([
    [
      'a public JSM comment: text body, epoch millis',
      { id: '200', body: 'Thanks', public: true, author: { accountId: 'cust' }, created: { epochMillis: 1000 } },
      { id: '200', text: 'Thanks', public: true, authorId: 'cust', created: new Date(1000) },
    ],
    ['not said public: internal', { id: '201' }, { public: false, text: '', authorId: null, created: null }],
  ])('%s', (_, comment, expected) => {
    expect(toRequestComment(comment)).toMatchObject(expected);
  });

  it('a comment without an id is Jira failing to answer', () => {
    expect(() => toJiraComment({ body: textToAdf('x') })).toThrow(JiraError);
    expect(() => toRequestComment({ body: 'x' })).toThrow(JiraError);
  });
});
