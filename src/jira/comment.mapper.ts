import type { Version3Models } from 'jira.js';
import { adfToText } from './adf.js';
import { answered } from './jira.errors.js';
import type { JiraComment } from './jira.types.js';

/** An issue comment (REST v3): its body is ADF; a JSM request's comment is public unless jsdPublic says false. */
export function toJiraComment(comment: Version3Models.Comment): JiraComment {
  return {
    id: answered(comment.id, 'comment id'),
    text: adfToText(comment.body),
    public: comment.jsdPublic !== false,
    authorId: comment.author?.accountId ?? null,
    created: comment.created ? new Date(comment.created) : null,
  };
}

/** A comment read with `expand=properties` → its id and its properties by key. */
export function toCommentProperties(comment: Version3Models.Comment): [string, Record<string, unknown>] {
  const properties = (comment.properties ?? []).flatMap((p): [string, unknown][] => (p.key === undefined ? [] : [[p.key, p.value]]));
  return [answered(comment.id, 'comment id'), Object.fromEntries(properties)];
}
