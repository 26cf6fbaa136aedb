// Jira Software (Agile 1.0) endpoints: boards, sprints, ranking.
import { JiraHttpError } from './jira-error';
import { RouteContext } from './route-context';
import type { Router, RouteRequest, RouteResponse } from './router';
import type { StoredIssue } from './sim-state';
import type { SimBoard } from './types';

const NO_BOARD = 'Board does not exist or you do not have permission to see it.';
const NO_SPRINT = 'Sprint does not exist or you do not have permission to see it.';
export const AGILE_PAGE_MAX = 50;

export class AgileRoutes {
  constructor(private readonly ctx: RouteContext) {}

  register(router: Router): void {
    const agile = '/rest/agile/1.0';
    router
      .add('GET', `${agile}/board/:id`, (r) => this.board(r))
      .add('GET', `${agile}/board/:id/configuration`, (r) => this.configuration(r))
      .add('GET', `${agile}/board/:id/sprint`, (r) => this.boardSprints(r))
      .add('GET', `${agile}/board/:id/issue`, (r) => this.boardIssues(r))
      .add('GET', `${agile}/sprint/:id`, (r) => ({ status: 200, body: this.ctx.json.sprint(this.sprint(r)) }))
      .add('GET', `${agile}/sprint/:id/issue`, (r) => this.sprintIssues(r))
      .add('POST', `${agile}/sprint/:id/issue`, (r) => this.moveToSprint(r))
      .add('POST', `${agile}/backlog/issue`, (r) => this.moveToBacklog(r))
      .add('PUT', `${agile}/issue/rank`, (r) => this.rank(r));
  }

  private findBoard(req: RouteRequest): SimBoard {
    const board = this.ctx.state.board(Number(req.params.id));
    if (!board) throw JiraHttpError.notFound(NO_BOARD);
    return board;
  }

  private boardType(board: SimBoard): 'scrum' | 'kanban' {
    return board.type ?? ([...this.ctx.state.sprints.values()].some((s) => s.boardId === board.id) ? 'scrum' : 'kanban');
  }

  private board(req: RouteRequest): RouteResponse {
    const board = this.findBoard(req);
    const self = `${this.ctx.baseUrl()}/rest/agile/1.0/board/${board.id}`;
    return { status: 200, body: { id: board.id, self, name: board.name, type: this.boardType(board) } };
  }

  private configuration(req: RouteRequest): RouteResponse {
    const board = this.findBoard(req);
    const base = this.ctx.baseUrl();
    return {
      status: 200,
      body: {
        id: board.id,
        name: board.name,
        type: this.boardType(board),
        self: `${base}/rest/agile/1.0/board/${board.id}/configuration`,
        filter: { id: board.filterId, self: `${base}/rest/api/3/filter/${board.filterId}` },
        columnConfig: {
          columns: board.columns.map((c) => ({
            name: c.name,
            statuses: c.statusIds.map((id) => ({ id, self: `${base}/rest/api/3/status/${id}` })),
          })),
          constraintType: 'none',
        },
        estimation: { type: 'none' },
        ranking: { rankCustomFieldId: 10019 },
      },
    };
  }

  private boardSprints(req: RouteRequest): RouteResponse {
    const board = this.findBoard(req);
    if (board.type === 'kanban') throw JiraHttpError.badRequest('The board does not support sprints');
    const states = (req.query.get('state') ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    const sprints = [...this.ctx.state.sprints.values()]
      .filter((s) => s.boardId === board.id && (states.length === 0 || states.includes(s.state)))
      .sort((a, b) => a.id - b.id);
    const startAt = RouteContext.int(req.query, 'startAt', 0);
    const maxResults = RouteContext.int(req.query, 'maxResults', 50);
    const values = sprints.slice(startAt, startAt + maxResults).map((s) => this.ctx.json.sprint(s));
    return { status: 200, body: { maxResults, startAt, isLast: startAt + maxResults >= sprints.length, values } };
  }

  /**
   * Issues of the board filter AND the extra jql, in rank (board) order unless jql says ORDER BY.
   * Only issues whose status is mapped to one of the board's columns: Atlassian, "Get issues for
   * board": "An issue belongs to the board if its status is mapped to the board's column."
   */
  private boardIssues(req: RouteRequest): RouteResponse {
    const board = this.findBoard(req);
    const mapped = new Set(board.columns.flatMap((c) => c.statusIds));
    const matched = this.ctx.search([board.jql.replace(/\border\s+by\b.*$/is, ''), req.query.get('jql')]).filter((i) => mapped.has(i.statusId));
    return this.issuePage(req, matched);
  }

  private sprintIssues(req: RouteRequest): RouteResponse {
    const sprint = this.sprint(req);
    return this.issuePage(req, this.ctx.search([`sprint = ${sprint.id}`, req.query.get('jql')]));
  }

  /**
   * Offset pages. Atlassian documents maxResults with "Default: 50" and lets the server return fewer
   * than asked; the simulator takes the harsher reading and never serves more than 50 per page.
   */
  private issuePage(req: RouteRequest, matched: StoredIssue[]): RouteResponse {
    const startAt = RouteContext.int(req.query, 'startAt', 0);
    const maxResults = Math.min(RouteContext.int(req.query, 'maxResults', 50), AGILE_PAGE_MAX);
    const fields = RouteContext.fieldsParam(req.query);
    const issues = matched.slice(startAt, startAt + maxResults).map((issue) => this.agileIssue(issue, fields));
    return { status: 200, body: { expand: 'schema,names', startAt, maxResults, total: matched.length, issues } };
  }

  /** the Agile API serves REST v2 style fields (plain-text description) plus sprint/closedSprints */
  private agileIssue(issue: StoredIssue, fields: string[] | undefined): Record<string, unknown> {
    const json = this.ctx.json.issue(issue, 'v2', fields, '*navigable');
    const sprints = this.ctx.state.sprintIds(issue).map((id) => this.ctx.state.sprint(id));
    const current = sprints.find((s) => s.state !== 'closed');
    const extra: Record<string, unknown> = {
      sprint: current ? this.ctx.json.sprint(current) : null,
      closedSprints: sprints.filter((s) => s.state === 'closed').map((s) => this.ctx.json.sprint(s)),
      flagged: false,
    };
    const picked = fields === undefined ? extra : Object.fromEntries(Object.entries(extra).filter(([k]) => fields.includes(k)));
    return { ...json, self: `${this.ctx.baseUrl()}/rest/agile/1.0/issue/${issue.id}`, fields: { ...(json.fields as object), ...picked } };
  }

  private sprint(req: RouteRequest) {
    const sprint = this.ctx.state.sprints.get(Number(req.params.id));
    if (!sprint) throw JiraHttpError.notFound(NO_SPRINT);
    return sprint;
  }

  private issuesOf(body: Record<string, unknown>): StoredIssue[] {
    const refs = Array.isArray(body.issues) ? body.issues.map(String) : [];
    if (refs.length === 0) throw JiraHttpError.badRequest('At least one issue must be given.');
    if (refs.length > 50) throw JiraHttpError.badRequest('At most 50 issues can be moved in one request.');
    return refs.map((ref) => {
      const issue = this.ctx.state.find(ref);
      if (!issue) throw JiraHttpError.badRequest(`Issue ${ref} does not exist or you do not have permission to see it.`);
      return issue;
    });
  }

  private moveToSprint(req: RouteRequest): RouteResponse {
    const sprint = this.sprint(req);
    if (sprint.state === 'closed') throw JiraHttpError.badRequest("Issues can't be moved to a completed sprint.");
    const body = RouteContext.object(req.body);
    const issues = this.issuesOf(body);
    const ranked = body.rankBeforeIssue !== undefined || body.rankAfterIssue !== undefined;
    const anchor = ranked ? this.anchor(body) : undefined;
    this.ctx.actions.moveToSprint(
      issues.map((i) => i.key),
      sprint.id,
      this.ctx.actor,
    );
    if (anchor) this.applyRank(issues, anchor, body.rankBeforeIssue !== undefined);
    return { status: 204 };
  }

  private moveToBacklog(req: RouteRequest): RouteResponse {
    const issues = this.issuesOf(RouteContext.object(req.body));
    this.ctx.actions.moveToSprint(
      issues.map((i) => i.key),
      null,
      this.ctx.actor,
    );
    return { status: 204 };
  }

  private rank(req: RouteRequest): RouteResponse {
    const body = RouteContext.object(req.body);
    const issues = this.issuesOf(body);
    if (body.rankBeforeIssue === undefined && body.rankAfterIssue === undefined) {
      throw JiraHttpError.badRequest('Either rankBeforeIssue or rankAfterIssue must be given.');
    }
    this.applyRank(issues, this.anchor(body), body.rankBeforeIssue !== undefined);
    return { status: 204 };
  }

  private anchor(body: Record<string, unknown>): StoredIssue {
    const anchorRef = String(body.rankBeforeIssue ?? body.rankAfterIssue);
    const anchor = this.ctx.state.find(anchorRef);
    if (!anchor) throw JiraHttpError.badRequest(`Issue ${anchorRef} does not exist or you do not have permission to see it.`);
    return anchor;
  }

  /** keeps the given order: the first goes before/after the anchor, each next one after the previous */
  private applyRank(issues: StoredIssue[], anchor: StoredIssue, before: boolean): void {
    let previous: string | undefined;
    for (const issue of issues) {
      if (issue.key === anchor.key) continue;
      const position = previous !== undefined ? { after: previous } : before ? { before: anchor.key } : { after: anchor.key };
      this.ctx.actions.rank(issue.key, position, this.ctx.actor);
      previous = issue.key;
    }
  }
}
