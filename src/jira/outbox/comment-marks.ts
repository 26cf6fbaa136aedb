import { Injectable } from '@nestjs/common';
import { JiraGateway } from '../jira.gateway.js';

/** The comment property that says which Jira change wrote a comment or note (how a retry finds it). */
export const COMMENT_PROPERTY = 'support-flow-orchestrator';

/** Jira's clock and ours may differ: a note written for a change may carry a `created` this much before its first attempt */
const CLOCK_SKEW_MS = 60_000;

function markOf(properties: Record<string, unknown> | undefined): string | null {
  const mark = properties?.[COMMENT_PROPERTY] as { commandId?: unknown } | undefined;
  return typeof mark?.commandId === 'string' ? mark.commandId : null;
}

/**
 * Finds out, through documented and strongly consistent reads, whether a comment of an Jira change
 * is in Jira already: the comment list (ids; it does not document their properties), then the
 * properties of those comments by id (`POST /rest/api/3/comment/list?expand=properties`).
 */
@Injectable()
export class CommentMarks {
  private me?: Promise<string>;

  constructor(private readonly jira: JiraGateway) {}

  /** the properties a comment written for `commandId` carries */
  mark(commandId: string): Record<string, unknown> {
    return { [COMMENT_PROPERTY]: { commandId } };
  }

  /** Whether a comment of the service marked for this command is on the issue. */
  async written(key: string, commandId: string): Promise<boolean> {
    const me = await this.serviceAccount();
    const mine = (await this.jira.comments(key)).filter((c) => c.authorId === me);
    if (mine.length === 0) return false;
    const properties = await this.jira.commentProperties(mine.map((c) => c.id));
    return [...properties.values()].some((p) => markOf(p) === commandId);
  }

  /**
   * A JSM note (which cannot carry properties when it is written) of this command: 'marked' when one
   * of the service's notes carries its mark; else the id of an unmarked note of the service with the
   * same text (as JSM keeps it) and visibility, written since the change was first sent (its mark was
   * lost with the answer; the caller marks it); else null.
   */
  async note(key: string, note: { text: string; public: boolean }, commandId: string, firstSent: Date): Promise<'marked' | string | null> {
    const me = await this.serviceAccount();
    const mine = (await this.jira.requestComments(key)).filter((c) => c.authorId === me);
    if (mine.length === 0) return null;
    const properties = await this.jira.commentProperties(mine.map((c) => c.id));
    if (mine.some((c) => markOf(properties.get(c.id)) === commandId)) return 'marked';
    const since = firstSent.getTime() - CLOCK_SKEW_MS;
    const same = mine.find(
      (c) =>
        markOf(properties.get(c.id)) === null &&
        c.public === note.public &&
        normalised(c.text) === normalised(note.text) &&
        (c.created === null || c.created.getTime() >= since),
    );
    return same?.id ?? null;
  }

  private serviceAccount(): Promise<string> {
    this.me ??= this.jira.myself().then(
      (m) => m.accountId,
      (error: unknown) => {
        this.me = undefined;
        throw error;
      },
    );
    return this.me;
  }
}

function normalised(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
