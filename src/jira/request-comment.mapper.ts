import type { ServiceDeskModels } from 'jira.js';
import { answered } from './jira.errors.js';
import type { JiraComment } from './jira.types.js';

/** A JSM request comment: its body as written (text, not ADF), public only when JSM says so. */
export function toRequestComment(comment: ServiceDeskModels.Comment): JiraComment {
  const epochMillis = comment.created?.epochMillis;
  return {
    id: answered(comment.id, 'comment id'),
    text: comment.body ?? '',
    public: comment.public === true,
    authorId: comment.author?.accountId ?? null,
    created: typeof epochMillis === 'number' ? new Date(epochMillis) : null,
  };
}
