import { describe, expect, it } from '@jest/globals';
import { adfToText, mentionToAdf, textToAdf } from './adf.js';

describe('Atlassian Document Format', () => {
  it('a mention leads the first paragraph as a mention node (account id and "@Name"), the text following it', () => {
    const doc = mentionToAdf({ accountId: '5b10ac8d82e05b22cc7d4ef5', text: 'Ben' }, ': QAOPS-8 is next for you.\n\nSecond paragraph.');
    expect(doc).toEqual({
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'mention', attrs: { id: '5b10ac8d82e05b22cc7d4ef5', text: '@Ben' } },
            { type: 'text', text: ': QAOPS-8 is next for you.' },
          ],
        },
        { type: 'paragraph', content: [{ type: 'text', text: 'Second paragraph.' }] },
      ],
    });
  });

  it.each([
    ['a plain document', textToAdf('One.\n\nTwo.'), 'One.\n\nTwo.'],
    ['a document with a mention', mentionToAdf({ accountId: 'acc-1', text: '@Ada' }, ': you own it.'), '@Ada: you own it.'],
    ['a mention without text', { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { id: 'acc-1' } }] }] }, ''],
  ])('reads %s back as plain text', (_, doc, text) => {
    expect(adfToText(doc)).toBe(text);
  });
});
