// Public types of the Jira Cloud simulator (see jira-simulator.ts for the behaviour).

export interface SimUser {
  accountId: string;
  displayName: string;
  email?: string;
}

export interface SimColumn {
  name: string;
  statusIds: string[];
}

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface SimStatus {
  id: string;
  name: string;
  category: StatusCategoryKey;
}

export interface SimProject {
  key: string;
  id: string;
  name: string;
  type: 'software' | 'service_desk';
  serviceDeskId?: string;
  /** status a new issue starts in; default: the 'new'-category status with the lowest id */
  initialStatusId?: string;
}

export interface SimLinkType {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

export interface SimBoard {
  id: number;
  name: string;
  jql: string;
  columns: SimColumn[];
  filterId: string;
  type?: 'scrum' | 'kanban';
}

export type SprintState = 'future' | 'active' | 'closed';

export interface SimSprint {
  id: number;
  boardId: number;
  name: string;
  state: SprintState;
  startDate?: string;
  endDate?: string;
  completeDate?: string;
  goal?: string;
}

export interface SimOptions {
  /** basic auth accepted; anything else -> 401 {errorMessages:[...]} */
  email: string;
  apiToken: string;
  /** accountId of the user behind email/apiToken: REST changes are made "by" this user */
  serviceAccountId: string;
  /** display name of the service account (default "Flow Orchestrator") */
  serviceAccountName?: string;
  /** where webhooks are POSTed (can be set later with setWebhookUrl) */
  webhookUrl?: string;
  /** when set, each delivery carries X-Hub-Signature: sha256=<hex hmac of raw body> */
  webhookSecret?: string;
  /** alternatively X-Webhook-Token: <token> (Jira Automation style) */
  webhookToken?: string;
  /**
   * also emit jira:issue_updated with issue_event_type_name "issue_commented" for each comment,
   * as a real Jira site does when jira:issue_updated is registered (default false: only comment_created)
   */
  issueCommentedEvents?: boolean;
  /** hold every answer against its documented response schema; mismatches in `responseProblems()` (the simulator's own specs) */
  checkResponses?: boolean;
  /** clock for created/updated/timestamps (default Date.now) */
  clock?: () => number;
}

/** A text-less handle to an ADF document: { type: 'doc', version: 1, content: [...] } */
export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

export interface SimLink {
  id: string;
  type: string;
  /**
   * the issue sent as `inwardIssue` in POST /rest/api/3/issueLink. Jira stores it as the link's
   * source, and it reads with the type's *outward* words: "<inwardKey> blocks <outwardKey>".
   */
  inwardKey: string;
  /** the issue sent as `outwardIssue`: the link's destination ("<outwardKey> is blocked by <inwardKey>") */
  outwardKey: string;
}

export interface SimIssue {
  id: string;
  key: string;
  project: string;
  summary: string;
  /** plain text of the description (null when none); the REST API serves it as ADF */
  description: string | null;
  descriptionAdf: AdfDoc | null;
  statusId: string;
  issueType: string;
  priority: string;
  labels: string[];
  assignee: string | null;
  reporter: string | null;
  /** the sprint the issue is in now (may be a closed sprint: Jira keeps it in the field) */
  sprintId: number | null;
  /** closed sprints the issue was in before `sprintId` (Jira lists them in the sprint field too) */
  pastSprintIds: number[];
  resolution: string | null;
  /** custom fields, e.g. customfield_10050 */
  fields: Record<string, unknown>;
  /** issue (entity) properties by key: GET/PUT /rest/api/3/issue/{key}/properties/{propertyKey} */
  properties: Record<string, unknown>;
  links: SimLink[];
  /** LexoRank-like string; string order = rank order */
  rank: string;
  created: number;
  updated: number;
}

export interface SeedIssueInput {
  key: string;
  /** default: the prefix of key */
  project?: string;
  summary: string;
  description?: string;
  statusId: string;
  /** default Bug */
  issueType?: string;
  /** default Medium */
  priority?: string;
  labels?: string[];
  assignee?: string | null;
  reporter?: string;
  sprintId?: number | null;
  resolution?: string | null;
  fields?: Record<string, unknown>;
  properties?: Record<string, unknown>;
}

/** createIssue: like seeding, but the key may be omitted (then the next number of the project) */
export type CreateIssueInput = Omit<SeedIssueInput, 'key' | 'statusId'> & { key?: string; statusId?: string };

export interface ChangelogItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
  tmpFromAccountId?: string | null;
  tmpToAccountId?: string | null;
}

/** one entry of an issue's history (GET issue?expand=changelog, GET issue/{key}/changelog) */
export interface SimHistory {
  id: string;
  authorId: string;
  created: number;
  items: ChangelogItem[];
}

export interface SimComment {
  id: string;
  issueKey: string;
  body: AdfDoc;
  text: string;
  authorId: string;
  public: boolean;
  properties: Record<string, unknown>;
  created: number;
  /** which API created it */
  via: 'platform' | 'servicedesk' | 'ui';
}

export interface SimRequestLog {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  at: number;
  /** true when the response came from failNext/failFor */
  faulted?: boolean;
  /** true when no route served it (unsupported call) */
  unhandled?: boolean;
  /** true when the simulator applied it (2xx from the handler), even if a fault then replaced the answer */
  applied?: boolean;
  /** the operation of Atlassian's documents it is (jira-sim/openapi; JSM's from its reference pages): null when none has its path and method */
  operationId?: string | null;
  /** that operation's path as documented, e.g. /rest/api/3/issue/{issueIdOrKey}/comment */
  documentedPath?: string;
  /** what in it the documents do not have (undocumented, deprecated, invalid); [] when it conforms */
  findings?: { kind: string; detail: string }[];
}

export interface FaultMatch {
  method?: string;
  pathIncludes?: string;
  /** the whole path, e.g. /rest/api/3/issue (create) and not /rest/api/3/issue/QAOPS-1/comment */
  path?: string;
}

export interface Fault {
  status: number;
  retryAfterSeconds?: number;
  body?: unknown;
  match?: FaultMatch;
  /** apply the request (state change + webhooks), then answer with the fault: "lost response" */
  applied?: boolean;
  /** destroy the socket instead of answering (a network error for the client) */
  dropConnection?: boolean;
  /** wait before answering */
  delayMs?: number;
  /** with `applied`: answer with the real result, but only after this long (past the client's timeout: a late answer) */
  lateMs?: number;
  /** make the change only after this long, then answer (Jira still working on a write the client gave up waiting for) */
  applyAfterMs?: number;
}

/**
 * How the answer to a write is lost: `error` a 504 from the edge after Jira made the change, `drop`
 * the connection closed after it, `late` the real answer after the client gave up waiting, and
 * `slow_write` the change itself made only after the client gave up (then answered, to nobody).
 */
export type LostAnswer = 'error' | 'drop' | 'late' | 'slow_write';

export interface DeliveryOptions {
  delayMs?: number;
  duplicateRate?: number;
  dropRate?: number;
  /** shuffle within groups of N consecutive events */
  reorderWindow?: number;
  seed?: number;
  /** re-deliver failed deliveries (non-2xx or connection error), as Jira does; default off */
  retryOnFailure?: boolean;
  /** attempts in total when retryOnFailure (default 3) */
  maxAttempts?: number;
  /** wait before a retry (default 50 ms) */
  retryDelayMs?: number;
  /**
   * > 0: every delivery leaves after its own random delay in [0, jitterMs] and several are in flight
   * at once, so the receiver sees them out of order (Jira: "webhooks might be delivered later than
   * usually (up to 30 minutes)", and in no promised order). 0 (default): sequential, in queue order.
   */
  jitterMs?: number;
  /** chance that a first attempt never reaches the receiver; it is always retried (X-Atlassian-Webhook-Retry: 1) */
  lostFirstAttemptRate?: number;
}

export interface DeliveryLogEntry {
  /** X-Atlassian-Webhook-Identifier */
  id: string;
  event: string;
  /** HTTP status; 'error' for a connection error; 0 when dropped (never sent) */
  status: number | 'error';
  duplicate: boolean;
  dropped: boolean;
  body: unknown;
  /** 0 for the first attempt, n for the n-th retry */
  retry: number;
  error?: string;
}
