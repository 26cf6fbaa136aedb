// The simulator's data: registries (users, statuses, projects, link types, boards, sprints),
// issues with rank order, links and comments. No HTTP, no webhooks here.
import { rankAfter, rankBetween } from './lexorank';
import { validateSlaMetrics, type SimSlaMetric } from './sla';
import type { SimBoard, SimComment, SimIssue, SimLink, SimLinkType, SimHistory, SimProject, SimSprint, SimStatus, SimUser } from './types';

export type StoredIssue = Omit<SimIssue, 'links'>;

export interface RankPosition {
  before?: string;
  after?: string;
  top?: boolean;
  bottom?: boolean;
}

export class SimNotFound extends Error {}

/** The links, indexed by both of their issues: an issue's links are read for every issue served. */
class LinkMap extends Map<string, SimLink> {
  private readonly byIssue = new Map<string, Set<string>>();

  override set(id: string, link: SimLink): this {
    super.set(id, link);
    for (const key of [link.inwardKey, link.outwardKey]) this.byIssue.set(key, (this.byIssue.get(key) ?? new Set()).add(id));
    return this;
  }

  override delete(id: string): boolean {
    const link = this.get(id);
    if (link) for (const key of [link.inwardKey, link.outwardKey]) this.byIssue.get(key)?.delete(id);
    return super.delete(id);
  }

  of(key: string): SimLink[] {
    return [...(this.byIssue.get(key) ?? [])].flatMap((id) => this.get(id) ?? []);
  }
}

const DEFAULT_PRIORITIES = ['Highest', 'High', 'Medium', 'Low', 'Lowest'];
const DEFAULT_RESOLUTIONS = ['Done', "Won't Do", 'Duplicate', 'Cannot Reproduce', 'Fixed'];

/** name -> id registry with auto-assigned ids (issue types, priorities, resolutions) */
class NamedIds {
  private readonly ids = new Map<string, { id: string; name: string }>();

  constructor(
    private nextId: number,
    names: string[] = [],
  ) {
    names.forEach((n) => this.id(n));
  }

  id(name: string): string {
    const lower = name.toLowerCase();
    let entry = this.ids.get(lower) ?? [...this.ids.values()].find((e) => e.id === name);
    if (!entry) {
      entry = { id: String(this.nextId++), name };
      this.ids.set(lower, entry);
    }
    return entry.id;
  }

  name(nameOrId: string): string | undefined {
    return (this.ids.get(nameOrId.toLowerCase()) ?? [...this.ids.values()].find((e) => e.id === nameOrId))?.name;
  }
}

export class SimState {
  readonly users = new Map<string, SimUser>();
  readonly statuses = new Map<string, SimStatus>();
  readonly projects = new Map<string, SimProject>();
  readonly linkTypes = new Map<string, SimLinkType>();
  readonly boards = new Map<number, SimBoard>();
  readonly sprints = new Map<number, SimSprint>();
  readonly links = new LinkMap();
  readonly comments: SimComment[] = [];
  readonly histories = new Map<string, SimHistory[]>();
  /** JSM SLA metrics by request key, with the clock time they were set at (running clocks advance from there) */
  readonly slas = new Map<string, { metrics: SimSlaMetric[]; setAt: number }>();
  readonly issueTypes = new NamedIds(10001, ['Bug', 'Task', 'Story']);
  readonly priorities = new NamedIds(1, DEFAULT_PRIORITIES);
  readonly resolutions = new NamedIds(10000, DEFAULT_RESOLUTIONS);
  private readonly issues = new Map<string, StoredIssue>();
  private readonly byId = new Map<string, StoredIssue>();
  private ordered: StoredIssue[] | null = null;
  private lastRank: string | undefined;
  /** told when an issue is gone (its deletion's webhook is emitted while it still exists) */
  onRemove: ((key: string) => void) | null = null;
  /** bumped at every change of issues, sprints or registries: what searches cache by */
  version = 0;
  private nextIssueId = 10000;
  private nextLinkId = 10000;
  private nextCommentId = 10000;
  private nextChangelogId = 100000;
  private nextFilterId = 10000;
  private lastTimestamp = 0;

  constructor(readonly clock: () => number) {
    this.addLinkType({ id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' });
    this.addLinkType({ id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' });
  }

  // --- registries ---

  addUser(user: SimUser): void {
    this.users.set(user.accountId, { ...user });
  }

  /** a known user, or a stub for an accountId nobody registered */
  user(accountId: string): SimUser {
    return this.users.get(accountId) ?? { accountId, displayName: accountId };
  }

  /** something searches read changed (the actions call it for every change they make) */
  touch(): void {
    this.version++;
    this.ordered = null;
  }

  addStatus(status: SimStatus): void {
    this.touch();
    this.statuses.set(status.id, { ...status });
  }

  status(id: string): SimStatus {
    const status = this.statuses.get(id);
    if (!status) throw new SimNotFound(`Unknown status id '${id}' (add it with addStatus)`);
    return status;
  }

  addProject(input: Omit<SimProject, 'id' | 'name'> & { id?: string; name?: string }): SimProject {
    const id = input.id ?? String(10000 + this.projects.size);
    this.touch();
    const project: SimProject = { ...input, key: input.key.toUpperCase(), id, name: input.name ?? input.key };
    this.projects.set(project.key, project);
    return project;
  }

  project(keyOrId: string): SimProject | undefined {
    const upper = keyOrId.toUpperCase();
    return this.projects.get(upper) ?? [...this.projects.values()].find((p) => p.id === keyOrId || p.key === upper);
  }

  initialStatusId(project: SimProject): string {
    if (project.initialStatusId) return project.initialStatusId;
    const candidates = [...this.statuses.values()].filter((s) => s.category === 'new');
    const first = candidates.sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id))[0];
    if (!first) throw new SimNotFound("No status with category 'new' to start new issues in");
    return first.id;
  }

  addLinkType(input: Omit<SimLinkType, 'id'> & { id?: string }): void {
    const existing = this.linkType(input.name);
    const id = input.id ?? existing?.id ?? String(10100 + this.linkTypes.size);
    this.linkTypes.set(input.name.toLowerCase(), { ...input, id });
  }

  linkType(nameOrId: string): SimLinkType | undefined {
    return this.linkTypes.get(nameOrId.toLowerCase()) ?? [...this.linkTypes.values()].find((t) => t.id === nameOrId);
  }

  addBoard(input: Omit<SimBoard, 'filterId'> & { filterId?: string }): void {
    const filterId = input.filterId ?? String(this.nextFilterId++);
    this.boards.set(input.id, { ...input, filterId, columns: input.columns.map((c) => ({ ...c })) });
  }

  board(id: number): SimBoard | undefined {
    return this.boards.get(id);
  }

  addSprint(sprint: SimSprint): void {
    this.touch();
    this.sprints.set(sprint.id, { ...sprint });
  }

  sprint(id: number): SimSprint {
    const sprint = this.sprints.get(id);
    if (!sprint) throw new SimNotFound(`Unknown sprint ${id}`);
    return sprint;
  }

  // --- issues ---

  find(idOrKey: string): StoredIssue | undefined {
    return this.issues.get(idOrKey.toUpperCase()) ?? this.byId.get(idOrKey);
  }

  require(idOrKey: string): StoredIssue {
    const issue = this.find(idOrKey);
    if (!issue) throw new SimNotFound(`Issue ${idOrKey} does not exist`);
    return issue;
  }

  /** every issue, in rank order (kept until something changes) */
  allIssues(): StoredIssue[] {
    this.ordered ??= [...this.issues.values()].sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    return [...this.ordered];
  }

  newIssueId(): string {
    return String(this.nextIssueId++);
  }

  nextKey(projectKey: string): string {
    const numbers = [...this.issues.values()].filter((i) => i.project === projectKey).map((i) => Number(i.key.slice(i.key.lastIndexOf('-') + 1)));
    return `${projectKey}-${Math.max(0, ...numbers) + 1}`;
  }

  /** stores the issue at the bottom of the rank order, with a short rank (as Jira's LexoRank appends do) */
  insert(issue: Omit<StoredIssue, 'rank'>): StoredIssue {
    if (this.issues.has(issue.key)) throw new Error(`Issue ${issue.key} already exists`);
    const stored: StoredIssue = { ...issue, rank: rankAfter(this.lastRank) };
    this.lastRank = stored.rank;
    this.issues.set(issue.key, stored);
    this.byId.set(stored.id, stored);
    this.touch();
    return stored;
  }

  remove(key: string): void {
    const issue = this.require(key);
    this.issues.delete(issue.key);
    this.byId.delete(issue.id);
    this.touch();
    this.histories.delete(issue.key);
    this.slas.delete(issue.key);
    this.onRemove?.(issue.key);
    for (const link of this.links.of(issue.key)) this.links.delete(link.id);
    for (let i = this.comments.length - 1; i >= 0; i--) {
      if (this.comments[i]?.issueKey === issue.key) this.comments.splice(i, 1);
    }
  }

  /** moves the issue; returns whether it went higher or lower (null: unchanged) */
  moveRank(key: string, position: RankPosition): 'higher' | 'lower' | null {
    const issue = this.require(key);
    const order = this.allIssues();
    const oldIndex = order.findIndex((i) => i.key === issue.key);
    const others = order.filter((i) => i.key !== issue.key);
    let index = others.length;
    if (position.top) index = 0;
    else if (position.before !== undefined) index = this.indexOf(others, position.before);
    else if (position.after !== undefined) index = this.indexOf(others, position.after) + 1;
    if (index === oldIndex) return null;
    issue.rank = rankBetween(others[index - 1]?.rank, others[index]?.rank);
    if (this.lastRank === undefined || issue.rank > this.lastRank) this.lastRank = issue.rank;
    this.touch();
    return index < oldIndex ? 'higher' : 'lower';
  }

  private indexOf(issues: StoredIssue[], key: string): number {
    const index = issues.findIndex((i) => i.key === key.toUpperCase() || i.id === key);
    if (index < 0) throw new SimNotFound(`Issue ${key} does not exist (or is the issue being ranked)`);
    return index;
  }

  linksOf(key: string): SimLink[] {
    return this.links.of(key);
  }

  /** sprint ids of the sprint field: earlier closed sprints, then the current one */
  sprintIds(issue: StoredIssue): number[] {
    return issue.sprintId === null ? [...issue.pastSprintIds] : [...issue.pastSprintIds, issue.sprintId];
  }

  snapshot(issue: StoredIssue): SimIssue {
    return structuredClone({ ...issue, links: this.linksOf(issue.key) });
  }

  record(key: string, history: SimHistory): void {
    this.histories.set(key, [...(this.histories.get(key) ?? []), structuredClone(history)]);
  }

  /** replaces the SLA metrics of a request (an issue of a service desk project); running clocks advance from now */
  setSla(key: string, metrics: SimSlaMetric[]): void {
    const issue = this.require(key);
    if (this.project(issue.project)?.type !== 'service_desk') throw new Error(`${issue.key} is not a service desk request: JSM keeps no SLA for it`);
    const now = this.clock();
    validateSlaMetrics(metrics, now);
    this.slas.set(issue.key, { metrics: structuredClone(metrics), setAt: now });
  }

  // --- counters ---

  newLinkId(): string {
    return String(this.nextLinkId++);
  }

  newCommentId(): string {
    return String(this.nextCommentId++);
  }

  newChangelogId(): string {
    return String(this.nextChangelogId++);
  }

  /** webhook timestamps: clock time, strictly increasing */
  nextTimestamp(): number {
    this.lastTimestamp = Math.max(this.clock(), this.lastTimestamp + 1);
    return this.lastTimestamp;
  }
}
