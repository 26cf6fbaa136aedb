import { Inject, Injectable } from '@nestjs/common';
import { AgileClient, ServiceDeskClient, Version3Client, type Version3Models } from 'jira.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { mentionToAdf, textToAdf } from './adf.js';
import { toClientSlaMetric } from './client-sla.mapper.js';
import { toBoardConfiguration } from './board-configuration.mapper.js';
import { toCommentProperties, toJiraComment } from './comment.mapper.js';
import { RANK_FIELD, SPRINT_FIELD, toJiraIssue, type IssueJson } from './issue.mapper.js';
import { answered, JiraError, JiraNotConfiguredError, notFoundAsNull, toJiraError } from './jira.errors.js';
import { JiraGateway } from './jira.gateway.js';
import type { BoardConfiguration, ClientSla, JiraComment, JiraIssue, Mention, NewIssue, SearchOptions, SearchPage } from './jira.types.js';
import { toRequestComment } from './request-comment.mapper.js';
import { toSprint, toSprintOrigin } from './sprint.mapper.js';
import { toTransitions } from './transition.mapper.js';

const ISSUE_FIELDS = [
  'summary',
  'description',
  'status',
  'assignee',
  'labels',
  'priority',
  'resolution',
  'issuelinks',
  'project',
  'issuetype',
  SPRINT_FIELD,
  RANK_FIELD,
];
const PAGE = 100;
/** Get comments by IDs: "A maximum of 1000 IDs can be specified." */
const COMMENT_IDS = 1000;

// Where jira.js declares more than Atlassian's documents promise, the answer is read as documented:
/** getCurrentUser: Atlassian's User requires no property; jira.js's requires accountId */
type CurrentUser = Partial<Version3Models.User>;
/** createIssue: Atlassian's CreatedIssue requires no property; jira.js's requires id and key */
type CreatedIssue = Partial<Version3Models.CreatedIssue>;
/** getIssuesForBoard: Atlassian's SearchResults requires no property; jira.js's requires issues and total */
type BoardIssuesPage = { issues?: IssueJson[]; total?: number };

interface Clients {
  v3: Version3Client;
  agile: AgileClient;
  desk: ServiceDeskClient;
}

@Injectable()
export class JiraJsGateway extends JiraGateway {
  private readonly clients?: Clients;
  private readonly fields: string[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    // the SLA rule reads the client's environment from a JSM field
    this.fields = config.serviceDeskEnvironmentField ? [...ISSUE_FIELDS, config.serviceDeskEnvironmentField] : ISSUE_FIELDS;
    const jira = config.jira;
    if (jira) {
      const options = {
        host: jira.baseUrl,
        authentication: { basic: { email: jira.email, apiToken: jira.apiToken } },
        baseRequestConfig: { timeout: jira.timeoutMs },
      };
      this.clients = { v3: new Version3Client(options), agile: new AgileClient(options), desk: new ServiceDeskClient(options) };
    }
  }

  get configured(): boolean {
    return Boolean(this.clients);
  }

  private async call<T>(what: string, fn: (c: Clients) => Promise<T>): Promise<T> {
    if (!this.clients) throw new JiraNotConfiguredError();
    try {
      return await fn(this.clients);
    } catch (error) {
      throw toJiraError(error, what);
    }
  }

  myself() {
    return this.call('read the service account', async (c) => {
      const me = await c.v3.myself.getCurrentUser<CurrentUser>();
      return { accountId: answered(me.accountId, 'account id of the service account'), displayName: me.displayName ?? '' };
    });
  }

  boardConfiguration(boardId: number) {
    return this.call(`read board ${boardId}`, (c) => this.configuration(c, boardId));
  }

  activeSprint(boardId: number) {
    return this.call(`read the active sprint of board ${boardId}`, async (c) => {
      const page = await c.agile.board.getAllSprints({ boardId, state: 'active' });
      const sprint = page.values.at(0);
      return sprint ? toSprint(sprint) : null;
    });
  }

  boardFilterJql(boardId: number) {
    return this.call(`read the filter of board ${boardId}`, async (c) => this.jqlOf(c, await this.configuration(c, boardId)));
  }

  filterJql(board: BoardConfiguration) {
    return this.call(`read the filter of board ${board.id}`, (c) => this.jqlOf(c, board));
  }

  /** The one read of a board's configuration (getConfiguration). */
  private async configuration(c: Clients, boardId: number): Promise<BoardConfiguration> {
    return toBoardConfiguration(boardId, await c.agile.board.getConfiguration({ boardId }));
  }

  private async jqlOf(c: Clients, board: BoardConfiguration): Promise<string> {
    const filter = await c.v3.filters.getFilter({ id: Number(answered(board.filterId, `filter of board ${board.id}`)) });
    return answered(filter.jql, `JQL of filter ${board.filterId}`);
  }

  boardIssues(boardId: number, jql?: string, extraFields: string[] = []) {
    return this.call(`read the issues of board ${boardId}`, async (c) => {
      const out: JiraIssue[] = [];
      const fields = [...new Set([...this.fields, ...extraFields])];
      // Jira may serve fewer than maxResults per page: page by what came back, until total or an empty page
      for (let startAt = 0; ;) {
        const page = await c.agile.board.getIssuesForBoard<BoardIssuesPage>({ boardId, jql, startAt, maxResults: PAGE, fields });
        const issues = page.issues ?? [];
        out.push(...issues.map(toJiraIssue));
        startAt += issues.length;
        if (issues.length === 0 || (typeof page.total === 'number' ? startAt >= page.total : issues.length < PAGE)) return out;
      }
    });
  }

  sprint(sprintId: number) {
    return this.call(`read sprint ${sprintId}`, async (c) => toSprintOrigin(await c.agile.sprint.getSprint({ sprintId })));
  }

  issue(key: string, extraFields: string[] = []) {
    return this.call(`read ${key}`, async (c) =>
      toJiraIssue(await c.v3.issues.getIssue({ issueIdOrKey: key, fields: [...new Set([...this.fields, ...extraFields])] })),
    );
  }

  transitions(key: string) {
    return this.call(`read the transitions of ${key}`, async (c) => {
      const res = await c.v3.issues.getTransitions({ issueIdOrKey: key });
      return toTransitions(res.transitions ?? []);
    });
  }

  transition(key: string, transitionId: string, resolution?: string) {
    return this.call(`transition ${key}`, async (c) => {
      await c.v3.issues.doTransition({
        issueIdOrKey: key,
        transition: { id: transitionId },
        ...(resolution ? { fields: { resolution: { name: resolution } } } : {}),
      });
    });
  }

  assign(key: string, accountId: string) {
    return this.call(`assign ${key}`, async (c) => {
      await c.v3.issues.assignIssue({ issueIdOrKey: key, accountId });
    });
  }

  comments(key: string) {
    return this.call(`read the comments of ${key}`, async (c) => {
      const out: JiraComment[] = [];
      for (let startAt = 0; ;) {
        const page = await c.v3.issueComments.getComments({ issueIdOrKey: key, startAt, maxResults: PAGE, orderBy: '-created' });
        const comments = page.comments ?? [];
        out.push(...comments.map(toJiraComment));
        startAt += comments.length;
        if (comments.length === 0 || (typeof page.total === 'number' ? startAt >= page.total : comments.length < PAGE)) return out;
      }
    });
  }

  commentProperties(commentIds: string[]) {
    return this.call('read comment properties', async (c) => {
      const out = new Map<string, Record<string, unknown>>();
      for (let i = 0; i < commentIds.length; i += COMMENT_IDS) {
        const ids = commentIds.slice(i, i + COMMENT_IDS).map(Number);
        const page = await c.v3.issueComments.getCommentsByIds({ ids, expand: 'properties' });
        // documented as paginated, with no way to ask for the next page: a short one cannot say a mark is absent
        if (page.isLast === false) throw new JiraError(`Jira gave part of the comments asked for (${ids.length})`, { status: null, retryable: true });
        for (const [id, properties] of (page.values ?? []).map(toCommentProperties)) out.set(id, properties);
      }
      return out;
    });
  }

  setCommentProperty(commentId: string, propertyKey: string, value: unknown) {
    return this.call(`mark comment ${commentId}`, async (c) => {
      await c.v3.issueCommentProperties.setCommentProperty({ commentId, propertyKey, property: value });
    });
  }

  addComment(key: string, text: string, properties: Record<string, unknown> = {}, mention?: Mention) {
    return this.call(`comment on ${key}`, async (c) => {
      const added = await c.v3.issueComments.addComment({
        issueIdOrKey: key,
        comment: mention ? mentionToAdf(mention, text) : textToAdf(text),
        properties: Object.entries(properties).map(([k, value]) => ({ key: k, value })),
      });
      return { id: answered(added.id, `id of the comment added to ${key}`) };
    });
  }

  requestComments(key: string) {
    return this.call(`read the service desk comments of ${key}`, async (c) => {
      const out: JiraComment[] = [];
      for (let start = 0; ;) {
        const page = await c.desk.request.getRequestComments({ issueIdOrKey: key, start, limit: PAGE });
        const values = page.values ?? [];
        out.push(...values.map(toRequestComment));
        start += values.length;
        if (values.length === 0 || page.isLastPage !== false) return out;
      }
    });
  }

  clientSla(key: string) {
    return this.call(`read the SLA of ${key}`, async (c) => {
      const out: ClientSla = { metrics: [], notStarted: 0 };
      for (let start = 0; ;) {
        const page = await c.desk.request.getSlaInformation({ issueIdOrKey: key, start, limit: PAGE });
        const values = page.values ?? [];
        for (const metric of values.map(toClientSlaMetric)) if (metric) out.metrics.push(metric);
        out.notStarted += values.filter((v) => v.id !== undefined && toClientSlaMetric(v) === null).length;
        start += values.length;
        if (values.length === 0 || page.isLastPage !== false) return out;
      }
    });
  }

  addRequestComment(key: string, text: string, isPublic: boolean) {
    return this.call(`write a ${isPublic ? 'public comment' : 'internal note'} on ${key}`, async (c) => {
      const added = await c.desk.request.createRequestComment({ issueIdOrKey: key, body: text, public: isPublic });
      return { id: answered(added.id, `id of the comment added to ${key}`) };
    });
  }

  issueProperty(key: string, propertyKey: string) {
    return this.call(`read the property ${propertyKey} of ${key}`, async (c): Promise<unknown> => {
      try {
        return (await c.v3.issueProperties.getIssueProperty({ issueIdOrKey: key, propertyKey })).value;
      } catch (error) {
        return notFoundAsNull(toJiraError(error, `read the property ${propertyKey} of ${key}`));
      }
    });
  }

  editLabels(key: string, add: string[], remove: string[]) {
    return this.call(`change the labels of ${key}`, async (c) => {
      await c.v3.issues.editIssue({ issueIdOrKey: key, update: { labels: [...add.map((l) => ({ add: l })), ...remove.map((l) => ({ remove: l }))] } });
    });
  }

  setPriority(key: string, priority: string) {
    return this.call(`set the priority of ${key}`, async (c) => {
      await c.v3.issues.editIssue({ issueIdOrKey: key, fields: { priority: { name: priority } } });
    });
  }

  link(type: string, inwardKey: string, outwardKey: string) {
    return this.call(`link ${inwardKey} and ${outwardKey}`, async (c) => {
      await c.v3.issueLinks.linkIssues({ type: { name: type }, inwardIssue: { key: inwardKey }, outwardIssue: { key: outwardKey } });
    });
  }

  createIssue(issue: NewIssue) {
    return this.call(`create an issue in ${issue.projectKey}`, async (c) => {
      const created = await c.v3.issues.createIssue<CreatedIssue>({
        fields: {
          project: { key: issue.projectKey },
          issuetype: { name: issue.issueType },
          summary: issue.summary,
          description: textToAdf(issue.description),
          labels: issue.labels,
          ...(issue.priority ? { priority: { name: issue.priority } } : {}),
        },
        ...(issue.links?.length
          ? { update: { issuelinks: issue.links.map((l) => ({ add: { type: { name: l.type }, outwardIssue: { key: l.outwardKey } } })) } }
          : {}),
        ...(issue.properties ? { properties: Object.entries(issue.properties).map(([key, value]) => ({ key, value })) } : {}),
      });
      return { id: answered(created.id, 'id of the issue created'), key: answered(created.key, 'key of the issue created') };
    });
  }

  moveToSprint(sprintId: number, keys: string[]) {
    return this.call(`move ${keys.join(', ')} into sprint ${sprintId}`, async (c) => {
      await c.agile.sprint.moveIssuesToSprintAndRank({ sprintId, issues: keys });
    });
  }

  search(jql: string, nextPageToken?: string | null, maxResults = PAGE, options: SearchOptions = {}) {
    return this.call('search issues', async (c): Promise<SearchPage> => {
      const page = await c.v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
        jql,
        nextPageToken: nextPageToken ?? undefined,
        maxResults,
        fields: [...new Set([...this.fields, ...(options.extraFields ?? [])])],
        ...(options.reconcileIssues?.length ? { reconcileIssues: options.reconcileIssues } : {}),
      });
      return { issues: (page.issues ?? []).map(toJiraIssue), nextPageToken: page.nextPageToken ?? null };
    });
  }

  matchingIds(jql: string, maxResults: number, reconcileIssues: number[] = []) {
    return this.call('search issue ids', async (c) => {
      const page = await c.v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
        jql,
        maxResults,
        fields: ['id'],
        ...(reconcileIssues.length ? { reconcileIssues } : {}),
      });
      return (page.issues ?? []).map((issue) => answered(issue.id, 'id of an issue found'));
    });
  }

  linkTypes() {
    return this.call('read the issue link types', async (c) => {
      const res = await c.v3.issueLinkTypes.getIssueLinkTypes();
      return (res.issueLinkTypes ?? []).map((t) => ({ name: t.name ?? '', inward: t.inward ?? '', outward: t.outward ?? '' }));
    });
  }

  serviceDeskProjects() {
    return this.call('read the service desks', async (c) => {
      const res = await c.desk.serviceDesk.getServiceDesks();
      return (res.values ?? []).flatMap((d) => (d.projectKey === undefined ? [] : [d.projectKey]));
    });
  }
}
