// Every change to issues, links, comments and sprints, made "by" an account: mutates the state
// and emits the webhooks Jira would. Used by the UI-style methods and the REST routes alike.
import { adfToText, textToAdf } from './adf';
import { RANK_FIELD, SPRINT_FIELD } from './jira-json';
import type { RankPosition, SimState, StoredIssue } from './sim-state';
import { changelogItem, type IssueEventType, type WebhookBodies } from './webhook-bodies';
import type { AdfDoc, ChangelogItem, CreateIssueInput, SimComment, SimLink } from './types';

export type NewIssue = CreateIssueInput & { descriptionAdf?: AdfDoc | null };

export interface EditPatch {
  summary?: string;
  /** re-types the issue (a service desk agent turning an Email Request into a Bug) */
  issueType?: string;
  description?: AdfDoc | null;
  labels?: string[];
  priority?: string;
  fields?: Record<string, unknown>;
}

export interface NewComment {
  body: AdfDoc;
  public: boolean;
  properties?: Record<string, unknown>;
  via: SimComment['via'];
}

type Emit = (body: Record<string, unknown>) => void;

export class IssueActions {
  constructor(
    private readonly state: SimState,
    private readonly bodies: WebhookBodies,
    private readonly emit: Emit,
    private readonly issueCommentedEvents: boolean,
  ) {}

  /** builds and stores an issue (bottom of the rank order) without any webhook */
  seed(input: NewIssue): StoredIssue {
    if (input.key === undefined && input.project === undefined) throw new Error('An issue needs a key or a project');
    const key = input.key?.toUpperCase() ?? this.state.nextKey((input.project ?? '').toUpperCase());
    const projectKey = (input.project ?? key.slice(0, key.lastIndexOf('-'))).toUpperCase();
    const project = this.state.project(projectKey) ?? this.state.addProject({ key: projectKey, type: 'software' });
    const statusId = input.statusId ?? this.state.initialStatusId(project);
    const status = this.state.status(statusId);
    if (input.sprintId !== undefined && input.sprintId !== null) this.state.sprint(input.sprintId);
    const descriptionAdf = input.descriptionAdf !== undefined ? input.descriptionAdf : input.description === undefined ? null : textToAdf(input.description);
    const now = this.state.clock();
    return this.state.insert({
      id: this.state.newIssueId(),
      key,
      project: projectKey,
      summary: input.summary,
      description: descriptionAdf === null ? null : adfToText(descriptionAdf),
      descriptionAdf,
      statusId,
      issueType: input.issueType ?? 'Bug',
      priority: input.priority ?? 'Medium',
      labels: [...(input.labels ?? [])],
      assignee: input.assignee ?? null,
      reporter: input.reporter ?? null,
      sprintId: input.sprintId ?? null,
      pastSprintIds: [],
      resolution: input.resolution !== undefined ? input.resolution : status.category === 'done' ? 'Done' : null,
      fields: structuredClone(input.fields ?? {}),
      properties: structuredClone(input.properties ?? {}),
      created: now,
      updated: now,
    });
  }

  create(input: NewIssue, by: string): StoredIssue {
    const issue = this.seed({ ...input, reporter: input.reporter ?? by });
    const status = this.state.status(issue.statusId);
    const items: ChangelogItem[] = [];
    if (issue.assignee !== null) items.push(this.userItem('assignee', null, issue.assignee));
    if (issue.description !== null) items.push(changelogItem('description', 'description', null, null, null, issue.description));
    if (issue.labels.length > 0) items.push(changelogItem('labels', 'labels', null, null, null, issue.labels.join(' ')));
    items.push(changelogItem('priority', 'priority', null, null, this.state.priorities.id(issue.priority), issue.priority));
    if (issue.reporter !== null) items.push(this.userItem('reporter', null, issue.reporter));
    if (issue.sprintId !== null) items.push(this.sprintItem([], this.state.sprintIds(issue)));
    items.push(changelogItem('Status', 'status', null, null, status.id, status.name));
    items.push(changelogItem('summary', 'summary', null, null, null, issue.summary));
    // creation is not part of the issue's history, only of the webhook
    this.emit(this.bodies.issueEvent('jira:issue_created', 'issue_created', issue, by, { id: this.state.newChangelogId(), items }));
    return issue;
  }

  /** resolution: undefined = Jira's default (set "Done" entering done, clear leaving it); null = none */
  transition(key: string, toStatusId: string, by: string, resolution?: string | null): void {
    const issue = this.state.require(key);
    const from = this.state.status(issue.statusId);
    const to = this.state.status(toStatusId);
    const next = resolution !== undefined ? resolution : to.category === 'done' ? (issue.resolution ?? 'Done') : null;
    const items: ChangelogItem[] = [];
    if (next !== issue.resolution) {
      const id = (name: string | null): string | null => (name === null ? null : this.state.resolutions.id(name));
      items.push(changelogItem('resolution', 'resolution', id(issue.resolution), issue.resolution, id(next), next));
      issue.resolution = next;
    }
    items.push(changelogItem('status', 'status', from.id, from.name, to.id, to.name));
    issue.statusId = to.id;
    this.changed(issue, 'issue_generic', by, items);
  }

  rank(key: string, position: RankPosition, by: string): void {
    const issue = this.state.require(key);
    const direction = this.state.moveRank(issue.key, position);
    if (direction === null) return;
    const text = direction === 'higher' ? 'Ranked higher' : 'Ranked lower';
    this.changed(issue, 'issue_updated', by, [changelogItem('Rank', RANK_FIELD, '', '', '', text, 'custom')]);
  }

  assign(key: string, accountId: string | null, by: string): void {
    const issue = this.state.require(key);
    if (issue.assignee === accountId) return;
    const item = this.userItem('assignee', issue.assignee, accountId);
    issue.assignee = accountId;
    this.changed(issue, 'issue_assigned', by, [item]);
  }

  edit(key: string, patch: EditPatch, by: string): void {
    const issue = this.state.require(key);
    const items: ChangelogItem[] = [];
    if (patch.summary !== undefined && patch.summary !== issue.summary) {
      items.push(changelogItem('summary', 'summary', null, issue.summary, null, patch.summary));
      issue.summary = patch.summary;
    }
    if (patch.issueType !== undefined && patch.issueType !== issue.issueType) {
      const ids = this.state.issueTypes;
      items.push(changelogItem('issuetype', 'issuetype', ids.id(issue.issueType), issue.issueType, ids.id(patch.issueType), patch.issueType));
      issue.issueType = patch.issueType;
    }
    if (patch.description !== undefined) {
      const text = patch.description === null ? null : adfToText(patch.description);
      if (text !== issue.description) items.push(changelogItem('description', 'description', null, issue.description, null, text));
      issue.description = text;
      issue.descriptionAdf = structuredClone(patch.description);
    }
    if (patch.labels !== undefined && patch.labels.join(' ') !== issue.labels.join(' ')) {
      items.push(changelogItem('labels', 'labels', null, issue.labels.join(' '), null, patch.labels.join(' ')));
      issue.labels = [...patch.labels];
    }
    if (patch.priority !== undefined && patch.priority !== issue.priority) {
      const ids = this.state.priorities;
      items.push(changelogItem('priority', 'priority', ids.id(issue.priority), issue.priority, ids.id(patch.priority), patch.priority));
      issue.priority = patch.priority;
    }
    for (const [fieldId, value] of Object.entries(patch.fields ?? {})) {
      const before = issue.fields[fieldId];
      if (JSON.stringify(before) === JSON.stringify(value)) continue;
      items.push(changelogItem(fieldId, fieldId, null, stringify(before), null, stringify(value), 'custom'));
      issue.fields[fieldId] = structuredClone(value);
    }
    if (items.length > 0) this.changed(issue, 'issue_updated', by, items);
  }

  /** sprintId null = back to the backlog; a closed sprint stays in the field as history */
  moveToSprint(keys: string[], sprintId: number | null, by: string): void {
    if (sprintId !== null) this.state.sprint(sprintId);
    const issues = keys.map((k) => this.state.require(k));
    for (const issue of issues) {
      if (issue.sprintId === sprintId) continue;
      const before = this.state.sprintIds(issue);
      const previous = issue.sprintId;
      if (previous !== null && this.state.sprint(previous).state === 'closed' && !issue.pastSprintIds.includes(previous)) {
        issue.pastSprintIds.push(previous);
      }
      issue.sprintId = sprintId;
      this.changed(issue, 'issue_updated', by, [this.sprintItem(before, this.state.sprintIds(issue))]);
    }
  }

  startSprint(sprintId: number): void {
    const sprint = this.state.sprint(sprintId);
    const now = this.state.clock();
    sprint.state = 'active';
    sprint.startDate = new Date(now).toISOString();
    sprint.endDate ??= new Date(now + 14 * 24 * 3600 * 1000).toISOString();
    this.emit(this.bodies.sprint('sprint_started', sprint));
  }

  /** issues stay in the closed sprint unless moveOpenIssuesTo names a sprint for the unfinished ones */
  closeSprint(sprintId: number, by: string, moveOpenIssuesTo?: number): void {
    const sprint = this.state.sprint(sprintId);
    sprint.state = 'closed';
    sprint.completeDate = new Date(this.state.clock()).toISOString();
    this.emit(this.bodies.sprint('sprint_closed', sprint));
    if (moveOpenIssuesTo === undefined) return;
    const open = this.state.allIssues().filter((i) => i.sprintId === sprintId && this.state.status(i.statusId).category !== 'done');
    this.moveToSprint(
      open.map((i) => i.key),
      moveOpenIssuesTo,
      by,
    );
  }

  deleteIssue(key: string, by: string): void {
    const issue = this.state.require(key);
    const body = this.bodies.issueDeleted(issue, by);
    this.emit(body); // while the issue still exists, so the webhook's JQL filter can match it
    this.state.remove(issue.key);
  }

  /** inwardKey is the link's source and reads with the outward words ("A blocks B"); null if it already exists */
  link(typeName: string, inwardKey: string, outwardKey: string, by: string): SimLink | null {
    const type = this.state.linkType(typeName);
    if (!type) throw new Error(`Unknown link type ${typeName}`);
    const source = this.state.require(inwardKey);
    const destination = this.state.require(outwardKey);
    const duplicate = this.state.linksOf(source.key).some((l) => l.type === type.name && l.inwardKey === source.key && l.outwardKey === destination.key);
    if (duplicate) return null;
    const link: SimLink = { id: this.state.newLinkId(), type: type.name, inwardKey: source.key, outwardKey: destination.key };
    this.state.links.set(link.id, link);
    this.emit(this.bodies.link('issuelink_created', link));
    this.linkChangelog(link, by, true);
    return link;
  }

  unlink(linkId: string, by: string): void {
    const link = this.state.links.get(linkId);
    if (!link) throw new Error(`Unknown issue link ${linkId}`);
    const body = this.bodies.link('issuelink_deleted', link);
    this.state.links.delete(linkId);
    this.emit(body);
    this.linkChangelog(link, by, false);
  }

  comment(key: string, input: NewComment, by: string): SimComment {
    const issue = this.state.require(key);
    const comment: SimComment = {
      id: this.state.newCommentId(),
      issueKey: issue.key,
      body: structuredClone(input.body),
      text: adfToText(input.body),
      authorId: by,
      public: input.public,
      properties: structuredClone(input.properties ?? {}),
      created: this.state.clock(),
      via: input.via,
    };
    this.state.comments.push(comment);
    issue.updated = comment.created;
    this.emit(this.bodies.comment(issue, comment));
    if (this.issueCommentedEvents) this.emit(this.bodies.issueCommented(issue, comment));
    return comment;
  }

  // Jira also records a "Link" history item on both issues of a link
  private linkChangelog(link: SimLink, by: string, created: boolean): void {
    const type = this.state.linkType(link.type);
    const sides: [string, string, string | undefined][] = [
      [link.inwardKey, link.outwardKey, type?.outward],
      [link.outwardKey, link.inwardKey, type?.inward],
    ];
    for (const [key, other, words] of sides) {
      const issue = this.state.find(key);
      if (!issue) continue;
      const text = `This issue ${words ?? link.type} ${other}`;
      const item = created ? changelogItem('Link', 'issuelinks', null, null, other, text) : changelogItem('Link', 'issuelinks', other, text, null, null);
      this.changed(issue, 'issue_updated', by, [item]);
    }
  }

  private changed(issue: StoredIssue, type: IssueEventType, by: string, items: ChangelogItem[]): void {
    issue.updated = this.state.clock();
    const history = { id: this.state.newChangelogId(), authorId: by, created: issue.updated, items };
    this.state.record(issue.key, history);
    this.emit(this.bodies.issueEvent('jira:issue_updated', type, issue, by, { id: history.id, items }));
  }

  private userItem(field: 'assignee' | 'reporter', from: string | null, to: string | null): ChangelogItem {
    const name = (id: string | null): string | null => (id === null ? null : this.state.user(id).displayName);
    return { ...changelogItem(field, field, from, name(from), to, name(to)), tmpFromAccountId: from, tmpToAccountId: to };
  }

  private sprintItem(before: number[], after: number[]): ChangelogItem {
    const names = (ids: number[]): string => ids.map((id) => this.state.sprint(id).name).join(', ');
    return changelogItem('Sprint', SPRINT_FIELD, before.join(', '), names(before), after.join(', '), names(after), 'custom');
  }
}

function stringify(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return String(obj.value ?? obj.name ?? JSON.stringify(value));
  }
  return String(value);
}
