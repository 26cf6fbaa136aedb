import { Inject, Injectable } from '@nestjs/common';
import { AgileClient, ServiceDeskClient, Version3Client } from 'jira.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { adfToText, mentionToAdf, textToAdf } from './adf.js';
import { JiraError, JiraNotConfiguredError, notFoundAsNull, toJiraError } from './jira.errors.js';
import { JiraGateway } from './jira.gateway.js';
import type { BoardColumn, JiraComment, JiraIssue, Mention, NewIssue, SearchOptions, SearchPage, Sprint, Transition } from './jira.types.js';
import { RANK_FIELD, SPRINT_FIELD, toJiraIssue } from './issue.mapper.js';

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

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

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
      const me = (await c.v3.myself.getCurrentUser()) as Raw;
      return { accountId: String(me.accountId), displayName: String(me.displayName ?? '') };
    });
  }

  boardColumns(boardId: number) {
    return this.call(`read board ${boardId}`, async (c) => {
      const conf = (await c.agile.board.getConfiguration({ boardId })) as Raw;
      const columns: BoardColumn[] = (conf.columnConfig?.columns ?? []).map((col: Raw) => ({
        name: String(col.name),
        statusIds: (col.statuses ?? []).map((s: Raw) => String(s.id)),
      }));
      const rankFieldId = conf.ranking?.rankCustomFieldId === undefined ? RANK_FIELD : `customfield_${String(conf.ranking.rankCustomFieldId)}`;
      return { name: String(conf.name ?? boardId), columns, rankFieldId };
    });
  }

  activeSprint(boardId: number) {
    return this.call(`read the active sprint of board ${boardId}`, async (c) => {
      const page = (await c.agile.board.getAllSprints({ boardId, state: 'active' })) as Raw;
      const sprint = (page.values ?? [])[0] as Raw | undefined;
      return sprint ? ({ id: Number(sprint.id), name: String(sprint.name), state: String(sprint.state) } satisfies Sprint) : null;
    });
  }

  boardFilterJql(boardId: number) {
    return this.call(`read the filter of board ${boardId}`, async (c) => {
      const conf = (await c.agile.board.getConfiguration({ boardId })) as Raw;
      const filter = (await c.v3.filters.getFilter({ id: Number(conf.filter?.id) })) as Raw;
      return String(filter.jql);
    });
  }

  boardIssues(boardId: number, jql?: string, extraFields: string[] = []) {
    return this.call(`read the issues of board ${boardId}`, async (c) => {
      const out: JiraIssue[] = [];
      const fields = [...new Set([...this.fields, ...extraFields])];
      // Jira may serve fewer than maxResults per page: page by what came back, until total or an empty page
      for (let startAt = 0; ;) {
        const page = (await c.agile.board.getIssuesForBoard({ boardId, jql, startAt, maxResults: PAGE, fields })) as Raw;
        const issues = (page.issues ?? []) as Raw[];
        out.push(...issues.map(toJiraIssue));
        startAt += issues.length;
        if (issues.length === 0 || (typeof page.total === 'number' ? startAt >= page.total : issues.length < PAGE)) return out;
      }
    });
  }

  sprint(sprintId: number) {
    return this.call(`read sprint ${sprintId}`, async (c) => {
      const sprint = (await c.agile.sprint.getSprint({ sprintId })) as Raw;
      return { id: Number(sprint.id), originBoardId: sprint.originBoardId === undefined ? null : Number(sprint.originBoardId) };
    });
  }

  issue(key: string, extraFields: string[] = []) {
    return this.call(`read ${key}`, async (c) =>
      toJiraIssue((await c.v3.issues.getIssue({ issueIdOrKey: key, fields: [...new Set([...this.fields, ...extraFields])] })) as Raw),
    );
  }

  transitions(key: string) {
    return this.call(`read the transitions of ${key}`, async (c) => {
      const res = (await c.v3.issues.getTransitions({ issueIdOrKey: key })) as Raw;
      return (res.transitions ?? []).map((t: Raw): Transition => ({ id: String(t.id), name: String(t.name), toStatusId: String(t.to?.id) }));
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
        const page = (await c.v3.issueComments.getComments({ issueIdOrKey: key, startAt, maxResults: PAGE, orderBy: '-created' })) as Raw;
        const comments = (page.comments ?? []) as Raw[];
        out.push(
          ...comments.map((cm) => ({
            id: String(cm.id),
            text: adfToText(cm.body),
            public: cm.jsdPublic !== false,
            authorId: typeof cm.author?.accountId === 'string' ? cm.author.accountId : null,
            created: typeof cm.created === 'string' ? new Date(cm.created) : null,
          })),
        );
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
        const page = (await c.v3.issueComments.getCommentsByIds({ ids, expand: 'properties' })) as Raw;
        // documented as paginated, with no way to ask for the next page: a short one cannot say a mark is absent
        if (page.isLast === false) throw new JiraError(`Jira gave part of the comments asked for (${ids.length})`, { status: null, retryable: true });
        for (const cm of (page.values ?? []) as Raw[]) {
          out.set(String(cm.id), Object.fromEntries(((cm.properties ?? []) as Raw[]).map((p) => [String(p.key), p.value])));
        }
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
      const added = (await c.v3.issueComments.addComment({
        issueIdOrKey: key,
        comment: (mention ? mentionToAdf(mention, text) : textToAdf(text)) as never,
        properties: Object.entries(properties).map(([k, value]) => ({ key: k, value })),
      })) as Raw;
      return { id: String(added.id) };
    });
  }

  requestComments(key: string) {
    return this.call(`read the service desk comments of ${key}`, async (c) => {
      const out: JiraComment[] = [];
      for (let start = 0; ;) {
        const page = (await c.desk.request.getRequestComments({ issueIdOrKey: key, start, limit: PAGE })) as Raw;
        const values = (page.values ?? []) as Raw[];
        out.push(
          ...values.map((v) => ({
            id: String(v.id),
            text: String(v.body ?? ''),
            public: v.public === true,
            authorId: typeof v.author?.accountId === 'string' ? v.author.accountId : null,
            created: typeof v.created?.epochMillis === 'number' ? new Date(v.created.epochMillis) : null,
          })),
        );
        start += values.length;
        if (values.length === 0 || page.isLastPage !== false) return out;
      }
    });
  }

  addRequestComment(key: string, text: string, isPublic: boolean) {
    return this.call(`write a ${isPublic ? 'public comment' : 'internal note'} on ${key}`, async (c) => {
      const added = (await c.desk.request.createRequestComment({ issueIdOrKey: key, body: text, public: isPublic })) as Raw;
      return { id: String(added.id) };
    });
  }

  issueProperty(key: string, propertyKey: string) {
    return this.call(`read the property ${propertyKey} of ${key}`, async (c) => {
      try {
        return ((await c.v3.issueProperties.getIssueProperty({ issueIdOrKey: key, propertyKey })) as Raw).value as unknown;
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
      const created = (await c.v3.issues.createIssue({
        fields: {
          project: { key: issue.projectKey },
          issuetype: { name: issue.issueType },
          summary: issue.summary,
          description: textToAdf(issue.description) as never,
          labels: issue.labels,
          ...(issue.priority ? { priority: { name: issue.priority } } : {}),
        },
        ...(issue.links?.length
          ? { update: { issuelinks: issue.links.map((l) => ({ add: { type: { name: l.type }, outwardIssue: { key: l.outwardKey } } })) } }
          : {}),
        ...(issue.properties ? { properties: Object.entries(issue.properties).map(([key, value]) => ({ key, value })) } : {}),
      })) as Raw;
      return { id: String(created.id), key: String(created.key) };
    });
  }

  moveToSprint(sprintId: number, keys: string[]) {
    return this.call(`move ${keys.join(', ')} into sprint ${sprintId}`, async (c) => {
      await c.agile.sprint.moveIssuesToSprintAndRank({ sprintId, issues: keys });
    });
  }

  search(jql: string, nextPageToken?: string | null, maxResults = PAGE, options: SearchOptions = {}) {
    return this.call('search issues', async (c): Promise<SearchPage> => {
      const page = (await c.v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
        jql,
        nextPageToken: nextPageToken ?? undefined,
        maxResults,
        fields: options.fields ?? [...new Set([...this.fields, ...(options.extraFields ?? [])])],
        ...(options.reconcileIssues?.length ? { reconcileIssues: options.reconcileIssues } : {}),
      })) as Raw;
      return { issues: ((page.issues ?? []) as Raw[]).map(toJiraIssue), nextPageToken: page.nextPageToken ?? null };
    });
  }

  linkTypes() {
    return this.call('read the issue link types', async (c) => {
      const res = (await c.v3.issueLinkTypes.getIssueLinkTypes()) as Raw;
      return ((res.issueLinkTypes ?? []) as Raw[]).map((t) => ({ name: String(t.name), inward: String(t.inward), outward: String(t.outward) }));
    });
  }

  serviceDeskProjects() {
    return this.call('read the service desks', async (c) => {
      const res = (await c.desk.serviceDesk.getServiceDesks()) as Raw;
      return ((res.values ?? []) as Raw[]).map((d) => String(d.projectKey));
    });
  }
}
