import type { Version3Models } from 'jira.js';

/** Atlassian Document Format: REST v3 wants descriptions and comments as documents (jira.js's Document). */
export type AdfDocument = Version3Models.Document;
/** A node inside a document: a document without its version. */
export type AdfNode = Omit<AdfDocument, 'version'>;

export function textToAdf(text: string): AdfDocument {
  return {
    type: 'doc',
    version: 1,
    content: text.split(/\n{2,}/).map((paragraph) => ({ type: 'paragraph', content: paragraph ? [{ type: 'text', text: paragraph }] : [] })),
  };
}

/** A user mention: Jira notifies the account and renders its current name; `text` is the fallback ("@Name"). */
export function mentionNode(accountId: string, text: string): AdfNode {
  return { type: 'mention', attrs: { id: accountId, text: text.startsWith('@') ? text : `@${text}` } };
}

/** The text as a document whose first paragraph starts with a mention of the account (the text follows it as is: ": …"). */
export function mentionToAdf(mention: { accountId: string; text: string }, text: string): AdfDocument {
  const doc = textToAdf(text);
  const [first, ...rest] = doc.content ?? [];
  const lead: AdfNode = { type: 'paragraph', content: [mentionNode(mention.accountId, mention.text), ...(first?.content ?? [])] };
  return { ...doc, content: [lead, ...rest] };
}

export function adfToText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (!node || typeof node !== 'object') return '';
  const n = node as AdfNode;
  if (n.type === 'text') return n.text ?? '';
  if (n.type === 'mention') return String(n.attrs?.text ?? '');
  const inner = (n.content ?? []).map(adfToText);
  const blockJoin = n.type === 'doc' ? '\n\n' : '';
  return inner.join(blockJoin);
}
