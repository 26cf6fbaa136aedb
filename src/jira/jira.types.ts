/** Jira as the service sees it: the few fields the rules read, in plain types. */
export interface JiraIssueLink {
  id: string;
  type: string;
  /** the other issue of the link, and on which side of it that issue stands */
  otherKey: string;
  otherIsInward: boolean;
}

export interface JiraIssue {
  id: string;
  key: string;
  projectKey: string;
  issueType: string;
  summary: string;
  description: string;
  statusId: string;
  statusName: string;
  statusCategory: string;
  assignee: string | null;
  labels: string[];
  priority: string | null;
  resolution: string | null;
  links: JiraIssueLink[];
  sprintIds: number[];
  fields: Record<string, unknown>;
}

export interface BoardColumn {
  name: string;
  statusIds: string[];
}

/** A board's configuration as the service reads it. */
export interface BoardConfiguration {
  /** the board id asked for */
  id: number;
  name: string;
  columns: BoardColumn[];
  /** the board's Rank field (`customfield_<rankCustomFieldId>`) */
  rankFieldId: string;
  /** the saved filter that decides which issues are on the board */
  filterId: string | null;
}

export interface Sprint {
  id: number;
  name: string;
  state: string;
}

export interface Transition {
  id: string;
  name: string;
  toStatusId: string;
}

/** A comment as the issue's comment list has it (a JSM request's comments are among them, `public` from jsdPublic). */
export interface JiraComment {
  id: string;
  text: string;
  public: boolean;
  authorId: string | null;
  created: Date | null;
}

export interface NewIssue {
  projectKey: string;
  issueType: string;
  summary: string;
  description: string;
  labels: string[];
  priority?: string;
  /** links made in the create request itself (`update.issuelinks`): the new issue reads "<type's outward words> outwardKey" */
  links?: { type: string; outwardKey: string }[];
  /** issue properties set in the create request itself */
  properties?: Record<string, unknown>;
}

export interface SearchPage {
  issues: JiraIssue[];
  nextPageToken: string | null;
}

export interface SearchOptions {
  /** fields to return besides the ones the service reads */
  extraFields?: string[];
  /** issue ids whose current state Jira must reflect (its search index may lag behind a change) */
  reconcileIssues?: number[];
}

/** An account mentioned in a comment; `text` is what plain-text readers see ("@Ben"). */
export interface Mention {
  accountId: string;
  text: string;
}

/** What a client SLA clock is now, as JSM reports it: never breached unless JSM says so. */
export type ClientSlaState = 'running' | 'paused' | 'breached' | 'met';

/** One SLA metric of a JSM request (getSlaInformation): its ongoing cycle, else its last completed one. */
export interface ClientSlaMetric {
  id: string;
  name: string;
  state: ClientSlaState;
  /** when the cycle breaches or breached; null when JSM gives none (a paused clock may have none) */
  breachAt: Date | null;
  /** JSM's remaining time (negative once breached); null when JSM gives none */
  remainingMs: number | null;
  goalMs: number | null;
  /** the cycle's start: notices are once per cycle */
  cycleStartedAt: Date | null;
  withinCalendarHours: boolean | null;
  /** an ongoing cycle (else the last completed one, stopped at `stoppedAt`) */
  ongoing: boolean;
  stoppedAt: Date | null;
}

/** A JSM request's SLA as one read gives it: its metrics with a cycle, and how many it has not started yet. */
export interface ClientSla {
  metrics: ClientSlaMetric[];
  /** metrics JSM keeps for the request whose clock has not started (e.g. until the request is in progress) */
  notStarted: number;
}
