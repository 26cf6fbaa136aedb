// Jira Cloud JSON shapes of the simulator's objects. Two flavours of an issue:
// 'v3' (REST API 3: description and comment bodies in ADF) and 'v2' (webhooks: Jira sends the
// REST v2 representation, where description and comment bodies are plain strings).
import { adfToText } from './adf';
import type { SimState, StoredIssue } from './sim-state';
import type { SimComment, SimHistory, SimSprint, SimStatus, StatusCategoryKey } from './types';

export type Flavour = 'v2' | 'v3';
type Json = Record<string, unknown>;

const CATEGORIES: Record<StatusCategoryKey, { id: number; colorName: string; name: string }> = {
  new: { id: 2, colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, colorName: 'green', name: 'Done' },
};

export const RANK_FIELD = 'customfield_10019';
export const SPRINT_FIELD = 'customfield_10020';

/** fields served by GET issue but not by search / webhooks (*navigable) */
const NON_NAVIGABLE = new Set(['comment']);

export function jiraDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export class JiraJson {
  constructor(
    private readonly state: SimState,
    private readonly baseUrl: () => string,
  ) {}

  private api(flavour: Flavour): string {
    return `${this.baseUrl()}/rest/api/${flavour === 'v2' ? 2 : 3}`;
  }

  user(accountId: string | null, flavour: Flavour = 'v3'): Json | null {
    if (accountId === null) return null;
    const user = this.state.user(accountId);
    const avatar = `https://avatar.example/initials/${encodeURIComponent(user.displayName.slice(0, 2))}.png`;
    return {
      self: `${this.api(flavour)}/user?accountId=${encodeURIComponent(accountId)}`,
      accountId,
      ...(user.email !== undefined ? { emailAddress: user.email } : {}),
      avatarUrls: { '48x48': avatar, '24x24': avatar, '16x16': avatar, '32x32': avatar },
      displayName: user.displayName,
      active: true,
      timeZone: 'UTC',
      accountType: 'atlassian',
    };
  }

  statusCategory(key: StatusCategoryKey, flavour: Flavour = 'v3'): Json {
    const c = CATEGORIES[key];
    return { self: `${this.api(flavour)}/statuscategory/${c.id}`, id: c.id, key, colorName: c.colorName, name: c.name };
  }

  status(status: SimStatus, flavour: Flavour = 'v3'): Json {
    return {
      self: `${this.api(flavour)}/status/${status.id}`,
      description: '',
      iconUrl: `${this.baseUrl()}/images/icons/statuses/generic.png`,
      name: status.name,
      id: status.id,
      statusCategory: this.statusCategory(status.category, flavour),
    };
  }

  project(key: string, flavour: Flavour = 'v3'): Json {
    const project = this.state.project(key);
    const id = project?.id ?? '';
    return {
      self: `${this.api(flavour)}/project/${id}`,
      id,
      key,
      name: project?.name ?? key,
      projectTypeKey: project?.type ?? 'software',
      simplified: false,
      avatarUrls: { '48x48': `${this.baseUrl()}/secure/projectavatar?pid=${id}` },
    };
  }

  sprint(sprint: SimSprint): Json {
    return {
      id: sprint.id,
      self: `${this.baseUrl()}/rest/agile/1.0/sprint/${sprint.id}`,
      state: sprint.state,
      name: sprint.name,
      ...(sprint.startDate !== undefined ? { startDate: sprint.startDate } : {}),
      ...(sprint.endDate !== undefined ? { endDate: sprint.endDate } : {}),
      ...(sprint.completeDate !== undefined ? { completeDate: sprint.completeDate } : {}),
      originBoardId: sprint.boardId,
      goal: sprint.goal ?? '',
    };
  }

  private sprintField(issue: StoredIssue): Json[] | null {
    const ids = this.state.sprintIds(issue);
    if (ids.length === 0) return null;
    return ids.map((id) => {
      const s = this.state.sprint(id);
      return {
        id: s.id,
        name: s.name,
        state: s.state,
        boardId: s.boardId,
        goal: s.goal ?? '',
        startDate: s.startDate,
        endDate: s.endDate,
        completeDate: s.completeDate,
      };
    });
  }

  private issueLinks(issue: StoredIssue, flavour: Flavour): Json[] {
    return this.state.linksOf(issue.key).map((link) => {
      const type = this.state.linkType(link.type);
      const otherIsOutward = link.inwardKey === issue.key;
      const other = this.state.require(otherIsOutward ? link.outwardKey : link.inwardKey);
      const otherJson = {
        id: other.id,
        key: other.key,
        self: `${this.api(flavour)}/issue/${other.id}`,
        fields: {
          summary: other.summary,
          status: this.status(this.state.status(other.statusId), flavour),
          priority: this.priority(other.priority, flavour),
          issuetype: this.issueType(other.issueType, flavour),
        },
      };
      return {
        id: link.id,
        self: `${this.api(flavour)}/issueLink/${link.id}`,
        type: {
          id: type?.id,
          name: type?.name ?? link.type,
          inward: type?.inward,
          outward: type?.outward,
          self: `${this.api(flavour)}/issueLinkType/${type?.id}`,
        },
        // seen from this issue: "<this> <outward> <outwardIssue>" / "<this> <inward> <inwardIssue>"
        [otherIsOutward ? 'outwardIssue' : 'inwardIssue']: otherJson,
      };
    });
  }

  priority(name: string, flavour: Flavour = 'v3'): Json {
    const id = this.state.priorities.id(name);
    return { self: `${this.api(flavour)}/priority/${id}`, iconUrl: `${this.baseUrl()}/images/icons/priorities/${name.toLowerCase()}.svg`, name, id };
  }

  issueType(name: string, flavour: Flavour = 'v3'): Json {
    const id = this.state.issueTypes.id(name);
    return {
      self: `${this.api(flavour)}/issuetype/${id}`,
      id,
      description: '',
      iconUrl: `${this.baseUrl()}/images/icons/issuetypes/${name.toLowerCase()}.svg`,
      name,
      subtask: false,
      hierarchyLevel: 0,
    };
  }

  resolution(name: string | null, flavour: Flavour = 'v3'): Json | null {
    if (name === null) return null;
    const id = this.state.resolutions.id(name);
    return { self: `${this.api(flavour)}/resolution/${id}`, id, description: '', name };
  }

  /** all fields of the issue, v3 (ADF) or v2 (strings) */
  allFields(issue: StoredIssue, flavour: Flavour): Json {
    const status = this.state.status(issue.statusId);
    const comments = this.state.comments.filter((c) => c.issueKey === issue.key);
    return {
      statuscategorychangedate: jiraDate(issue.updated),
      issuetype: this.issueType(issue.issueType, flavour),
      project: this.project(issue.project, flavour),
      fixVersions: [],
      resolution: this.resolution(issue.resolution, flavour),
      resolutiondate: issue.resolution === null ? null : jiraDate(issue.updated),
      workratio: -1,
      lastViewed: null,
      watches: { self: `${this.api(flavour)}/issue/${issue.key}/watchers`, watchCount: 0, isWatching: false },
      created: jiraDate(issue.created),
      priority: this.priority(issue.priority, flavour),
      labels: [...issue.labels],
      versions: [],
      issuelinks: this.issueLinks(issue, flavour),
      assignee: this.user(issue.assignee, flavour),
      updated: jiraDate(issue.updated),
      status: this.status(status, flavour),
      components: [],
      description: flavour === 'v3' ? structuredClone(issue.descriptionAdf) : issue.description,
      summary: issue.summary,
      creator: this.user(issue.reporter, flavour),
      subtasks: [],
      reporter: this.user(issue.reporter, flavour),
      [RANK_FIELD]: issue.rank,
      [SPRINT_FIELD]: this.sprintField(issue),
      ...structuredClone(issue.fields),
      comment: {
        comments: comments.map((c) => this.comment(c, flavour, false)),
        self: `${this.api(flavour)}/issue/${issue.id}/comment`,
        maxResults: comments.length,
        total: comments.length,
        startAt: 0,
      },
    };
  }

  /**
   * fields selection as Jira reads the `fields` parameter: undefined / '*all' = all,
   * '*navigable' = all but comment, a list = those (ids), '-x' removes x.
   */
  selectFields(all: Json, fields: string[] | undefined, defaultSelection: '*all' | '*navigable'): Json {
    const requested = fields === undefined || fields.length === 0 ? [defaultSelection] : fields;
    const picked: Json = {};
    const wantsAll = requested.includes('*all');
    const wantsNavigable = requested.includes('*navigable');
    for (const [name, value] of Object.entries(all)) {
      const listed = requested.includes(name);
      const excluded = requested.includes(`-${name}`);
      if (excluded) continue;
      if (listed || wantsAll || (wantsNavigable && !NON_NAVIGABLE.has(name))) picked[name] = value;
    }
    return picked;
  }

  issue(issue: StoredIssue, flavour: Flavour, fields?: string[], defaultSelection: '*all' | '*navigable' = '*all'): Json {
    return {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: issue.id,
      self: `${this.api(flavour)}/issue/${issue.id}`,
      key: issue.key,
      fields: this.selectFields(this.allFields(issue, flavour), fields, defaultSelection),
    };
  }

  /**
   * A history as the REST API serves it. Its ChangeDetails document `from`/`to` and their strings as
   * strings and nothing else: an empty side is left out, and the `tmp…AccountId` keys (webhooks only) too.
   */
  history(history: SimHistory): Json {
    const items = history.items.map((item) =>
      Object.fromEntries(Object.entries(item).filter(([k, v]) => v !== null && v !== undefined && !k.startsWith('tmp'))),
    );
    return { id: history.id, author: this.user(history.authorId), created: jiraDate(history.created), items };
  }

  /** the `changelog` of GET issue?expand=changelog */
  changelog(issueKey: string): Json {
    const histories = (this.state.histories.get(issueKey) ?? []).map((h) => this.history(h));
    return { startAt: 0, maxResults: histories.length, total: histories.length, histories };
  }

  comment(comment: SimComment, flavour: Flavour, withProperties: boolean): Json {
    const issue = this.state.find(comment.issueKey);
    const author = this.user(comment.authorId, flavour);
    return {
      self: `${this.api(flavour)}/issue/${issue?.id ?? comment.issueKey}/comment/${comment.id}`,
      id: comment.id,
      author,
      body: flavour === 'v3' ? structuredClone(comment.body) : adfToText(comment.body),
      updateAuthor: author,
      created: jiraDate(comment.created),
      updated: jiraDate(comment.created),
      jsdPublic: comment.public,
      ...(withProperties ? { properties: Object.entries(comment.properties).map(([key, value]) => ({ key, value: structuredClone(value) })) } : {}),
    };
  }
}
