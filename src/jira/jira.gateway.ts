import type { BoardConfiguration, ClientSla, JiraComment, JiraIssue, Mention, NewIssue, SearchOptions, SearchPage, Sprint, Transition } from './jira.types.js';

/** Every Jira call the product makes, in the product's words. The only implementation uses jira.js. */
export abstract class JiraGateway {
  abstract readonly configured: boolean;
  abstract myself(): Promise<{ accountId: string; displayName: string }>;
  /** The board's name, columns, Rank field and saved filter: one read of its configuration. */
  abstract boardConfiguration(boardId: number): Promise<BoardConfiguration>;
  abstract activeSprint(boardId: number): Promise<Sprint | null>;
  /** The JQL of the board's saved filter: what decides which issues are on the board. */
  abstract boardFilterJql(boardId: number): Promise<string>;
  /** The same, for a board whose configuration was read already. */
  abstract filterJql(board: BoardConfiguration): Promise<string>;
  /** Issues on the board matching `jql`, in board (rank) order; every page read. Only statuses mapped to a column are on a board. */
  abstract boardIssues(boardId: number, jql?: string, extraFields?: string[]): Promise<JiraIssue[]>;
  abstract sprint(sprintId: number): Promise<{ id: number; originBoardId: number | null }>;
  abstract issue(key: string, extraFields?: string[]): Promise<JiraIssue>;
  abstract transitions(key: string): Promise<Transition[]>;
  abstract transition(key: string, transitionId: string, resolution?: string): Promise<void>;
  abstract assign(key: string, accountId: string): Promise<void>;
  /** the issue's comments, newest first (a JSM request's notes included); without their properties (the list does not document them) */
  abstract comments(key: string): Promise<JiraComment[]>;
  /** comment id → its properties, read by ids (`POST /comment/list?expand=properties`) */
  abstract commentProperties(commentIds: string[]): Promise<Map<string, Record<string, unknown>>>;
  abstract setCommentProperty(commentId: string, propertyKey: string, value: unknown): Promise<void>;
  /** `mention`: the comment starts with an ADF mention of that account ("@Name" + text) */
  abstract addComment(key: string, text: string, properties?: Record<string, unknown>, mention?: Mention): Promise<{ id: string }>;
  /** a JSM request's comments as JSM has them (their body as written, not rendered) */
  abstract requestComments(key: string): Promise<JiraComment[]>;
  /** a JSM request's SLA metrics as JSM keeps them (getSlaInformation, every page); metrics not started yet are only counted */
  abstract clientSla(key: string): Promise<ClientSla>;
  /** a JSM comment: internal (`isPublic` false) or public; the only documented way to write an internal note */
  abstract addRequestComment(key: string, text: string, isPublic: boolean): Promise<{ id: string }>;
  /** an issue property's value; null when the issue has no such property */
  abstract issueProperty(key: string, propertyKey: string): Promise<unknown>;
  abstract editLabels(key: string, add: string[], remove: string[]): Promise<void>;
  abstract setPriority(key: string, priority: string): Promise<void>;
  abstract link(type: string, inwardKey: string, outwardKey: string): Promise<void>;
  abstract createIssue(issue: NewIssue): Promise<{ id: string; key: string }>;
  abstract moveToSprint(sprintId: number, keys: string[]): Promise<void>;
  abstract search(jql: string, nextPageToken?: string | null, maxResults?: number, options?: SearchOptions): Promise<SearchPage>;
  /** The ids of the first `maxResults` issues matching `jql` (fields=id: Jira answers ids only, no key, no fields). */
  abstract matchingIds(jql: string, maxResults: number, reconcileIssues?: number[]): Promise<string[]>;
  abstract linkTypes(): Promise<{ name: string; inward: string; outward: string }[]>;
  abstract serviceDeskProjects(): Promise<string[]>;
}
