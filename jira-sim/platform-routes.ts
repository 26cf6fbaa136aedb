// REST v3 endpoints around issues: myself, serverInfo, projects, filters, links, search.
import { JiraHttpError } from './jira-error';
import { jiraDate } from './jira-json';
import { RouteContext } from './route-context';
import type { Router, RouteRequest, RouteResponse } from './router';

const SEARCH_GONE =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';

export class PlatformRoutes {
  constructor(private readonly ctx: RouteContext) {}

  register(router: Router): void {
    const api = '/rest/api/3';
    const gone = (): RouteResponse => ({ status: 410, body: { errorMessages: [SEARCH_GONE], errors: {} } });
    router
      .add('GET', `${api}/myself`, () => this.myself())
      .add('GET', `${api}/serverInfo`, () => this.serverInfo())
      .add('GET', `${api}/project/:key`, (r) => this.project(r))
      .add('GET', `${api}/filter/:id`, (r) => this.filter(r))
      .add('GET', `${api}/issueLinkType`, () => this.linkTypes())
      .add('POST', `${api}/issueLink`, (r) => this.link(r))
      .add('DELETE', `${api}/issueLink/:id`, (r) => this.unlink(r))
      .add('GET', `${api}/search`, gone)
      .add('POST', `${api}/search`, gone)
      .add('GET', `${api}/search/jql`, (r) => this.searchGet(r))
      .add('POST', `${api}/search/jql`, (r) => this.searchPost(r));
  }

  private myself(): RouteResponse {
    const me = this.ctx.json.user(this.ctx.actor) ?? {};
    return { status: 200, body: { ...me, locale: 'en_US', groups: { size: 1, items: [] }, applicationRoles: { size: 1, items: [] } } };
  }

  private serverInfo(): RouteResponse {
    const now = this.ctx.state.clock();
    return {
      status: 200,
      body: {
        baseUrl: this.ctx.baseUrl(),
        displayUrl: this.ctx.baseUrl(),
        version: '1001.0.0-SNAPSHOT',
        versionNumbers: [1001, 0, 0],
        deploymentType: 'Cloud',
        buildNumber: 100000,
        buildDate: jiraDate(now),
        serverTime: jiraDate(now),
        scmInfo: 'jira-simulator',
        serverTitle: 'Jira',
        serverTimeZone: 'Etc/UTC',
      },
    };
  }

  private project(req: RouteRequest): RouteResponse {
    const key = req.params.key ?? '';
    const project = this.ctx.state.project(key);
    if (!project) throw JiraHttpError.notFound(`No project could be found with key '${key}'.`);
    const issueTypes = ['Bug', 'Task', 'Story'].map((name) => this.ctx.json.issueType(name));
    return {
      status: 200,
      body: { ...this.ctx.json.project(project.key), description: '', style: 'classic', isPrivate: false, issueTypes, properties: {} },
    };
  }

  private filter(req: RouteRequest): RouteResponse {
    const board = [...this.ctx.state.boards.values()].find((b) => b.filterId === req.params.id);
    if (!board) {
      throw JiraHttpError.badRequest('The selected filter is not available to you, perhaps it has been deleted or had its permissions changed.');
    }
    const self = `${this.ctx.baseUrl()}/rest/api/3/filter/${board.filterId}`;
    return { status: 200, body: { self, id: board.filterId, name: `Filter for ${board.name}`, jql: board.jql, favourite: false } };
  }

  private linkTypes(): RouteResponse {
    const issueLinkTypes = [...this.ctx.state.linkTypes.values()].map((t) => ({
      ...t,
      self: `${this.ctx.baseUrl()}/rest/api/3/issueLinkType/${t.id}`,
    }));
    return { status: 200, body: { issueLinkTypes } };
  }

  /** inwardIssue becomes the link's source: it reads with the outward words ("inward blocks outward") */
  private link(req: RouteRequest): RouteResponse {
    const body = RouteContext.object(req.body);
    const ref = (v: unknown): string => {
      const o = (v ?? {}) as Record<string, unknown>;
      return String(o.key ?? o.id ?? o.name ?? '');
    };
    const type = this.ctx.state.linkType(ref(body.type));
    if (!type) throw JiraHttpError.notFound(`No issue link type with name '${ref(body.type)}' found.`);
    const inward = this.ctx.state.find(ref(body.inwardIssue));
    const outward = this.ctx.state.find(ref(body.outwardIssue));
    if (!inward || !outward) throw JiraHttpError.notFound('Issue Does Not Exist');
    if (inward.key === outward.key) throw JiraHttpError.badRequest('You cannot link an issue to itself.');
    const link = this.ctx.actions.link(type.name, inward.key, outward.key, this.ctx.actor);
    const existing = link ?? [...this.ctx.state.links.values()].find((l) => l.type === type.name && l.inwardKey === inward.key && l.outwardKey === outward.key);
    const location = `${this.ctx.baseUrl()}/rest/api/3/issueLink/${existing?.id ?? ''}`;
    return { status: 201, headers: { Location: location } };
  }

  private unlink(req: RouteRequest): RouteResponse {
    const id = req.params.id ?? '';
    if (!this.ctx.state.links.has(id)) throw JiraHttpError.notFound(`No issue link with id '${id}' exists.`);
    this.ctx.actions.unlink(id, this.ctx.actor);
    return { status: 204 };
  }

  private searchGet(req: RouteRequest): RouteResponse {
    const max = req.query.get('maxResults');
    const reconcile = req.query
      .getAll('reconcileIssues')
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    return this.search(
      req.query.get('jql') ?? '',
      req.query.get('nextPageToken'),
      max === null ? undefined : Number(max),
      RouteContext.fieldsParam(req.query),
      reconcile,
    );
  }

  private searchPost(req: RouteRequest): RouteResponse {
    const body = RouteContext.object(req.body);
    const fields = Array.isArray(body.fields) ? body.fields.map(String) : typeof body.fields === 'string' ? body.fields.split(',') : undefined;
    const max = typeof body.maxResults === 'number' ? body.maxResults : undefined;
    const token = typeof body.nextPageToken === 'string' ? body.nextPageToken : null;
    const reconcile = Array.isArray(body.reconcileIssues) ? body.reconcileIssues.map(String) : [];
    return this.search(typeof body.jql === 'string' ? body.jql : '', token, max, fields, reconcile);
  }

  /**
   * Paged by an opaque nextPageToken; no `total`; only ids unless fields are asked for. Atlassian,
   * "Search for issues using JQL enhanced search": "API may return fewer items per page where a large
   * number of fields or properties are requested. The greatest number of items returned per page is
   * achieved when requesting id or key only. It returns max 5000 issues." The simulator serves at most
   * 100 per page once any field beyond id/key is asked for.
   */
  private search(jql: string, token: string | null, maxResults: number | undefined, fields: string[] | undefined, reconcile: string[]): RouteResponse {
    if (reconcile.length > 50) throw JiraHttpError.badRequest('reconcileIssues accepts at most 50 issue ids.');
    // the parameter's own documentation: "Accepts max 50 ids. All issues must exist."
    const missing = reconcile.filter((id) => this.ctx.state.find(id) === undefined);
    if (missing.length > 0) throw JiraHttpError.badRequest(`The issues to reconcile do not exist: ${missing.join(', ')}.`);
    const offset = token === null ? 0 : decodeToken(token);
    const idsOnly = fields === undefined || fields.every((f) => f === 'id' || f === 'key');
    const pageSize = Math.min(Math.max(maxResults ?? 50, 1), idsOnly ? 5000 : 100);
    const matched = this.ctx.search([jql], { requireBounded: true, reconcile });
    const page = matched.slice(offset, offset + pageSize);
    // "`id` Returns only issue IDs. The default is `id`." (searchAndReconsileIssuesUsingJqlPost, fields): no key either
    const wantsFields = fields !== undefined && fields.some((f) => f !== 'id');
    const issues = page.map((issue) => (wantsFields ? this.ctx.json.issue(issue, 'v3', fields, '*navigable') : { id: issue.id }));
    const isLast = offset + pageSize >= matched.length;
    return { status: 200, body: { issues, ...(isLast ? {} : { nextPageToken: encodeToken(offset + pageSize) }), isLast } };
  }
}

function encodeToken(offset: number): string {
  return Buffer.from(`sim-page:${offset}`).toString('base64url');
}

function decodeToken(token: string): number {
  const match = /^sim-page:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (!match) throw JiraHttpError.badRequest('The provided next page token is invalid or expired.');
  return Number(match[1]);
}
