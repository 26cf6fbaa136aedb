// Jira Service Management endpoints: service desks, requests, their comments and their SLA metrics.
import { textToAdf } from './adf';
import { JiraHttpError } from './jira-error';
import { jiraDate } from './jira-json';
import { RouteContext } from './route-context';
import type { Router, RouteRequest, RouteResponse } from './router';
import type { StoredIssue } from './sim-state';
import { slaInformation } from './sla';
import type { SimComment } from './types';

export class ServiceDeskRoutes {
  constructor(private readonly ctx: RouteContext) {}

  register(router: Router): void {
    const sd = '/rest/servicedeskapi';
    router
      .add('GET', `${sd}/servicedesk`, () => this.serviceDesks())
      .add('GET', `${sd}/request/:key`, (r) => this.request(r))
      .add('GET', `${sd}/request/:key/comment`, (r) => this.comments(r))
      .add('POST', `${sd}/request/:key/comment`, (r) => this.addComment(r))
      .add('GET', `${sd}/request/:key/sla`, (r) => this.slas(r));
  }

  private serviceDesks(): RouteResponse {
    const base = this.ctx.baseUrl();
    const values = [...this.ctx.state.projects.values()]
      .filter((p) => p.type === 'service_desk')
      .map((p) => {
        const id = p.serviceDeskId ?? p.id;
        return { id, projectId: p.id, projectKey: p.key, projectName: p.name, _links: { self: `${base}/rest/servicedeskapi/servicedesk/${id}` } };
      });
    return {
      status: 200,
      body: {
        size: values.length,
        start: 0,
        limit: 50,
        isLastPage: true,
        values,
        _links: { base, context: '', self: `${base}/rest/servicedeskapi/servicedesk` },
      },
    };
  }

  private requestIssue(req: RouteRequest): StoredIssue {
    const issue = this.ctx.state.find(req.params.key ?? '');
    const project = issue ? this.ctx.state.project(issue.project) : undefined;
    if (!issue || project?.type !== 'service_desk') {
      throw JiraHttpError.serviceDesk(404, 'Request does not exist or you do not have permission to see it.');
    }
    return issue;
  }

  private request(req: RouteRequest): RouteResponse {
    const issue = this.requestIssue(req);
    const project = this.ctx.state.project(issue.project);
    const status = this.ctx.state.status(issue.statusId);
    return {
      status: 200,
      body: {
        issueId: issue.id,
        issueKey: issue.key,
        requestTypeId: '1',
        serviceDeskId: project?.serviceDeskId ?? project?.id,
        createdDate: this.date(issue.created),
        reporter: this.author(issue.reporter),
        requestFieldValues: [
          { fieldId: 'summary', label: 'Summary', value: issue.summary },
          { fieldId: 'description', label: 'Description', value: issue.description ?? '' },
          ...Object.entries(issue.fields).map(([fieldId, value]) => ({ fieldId, label: fieldId, value })),
        ],
        currentStatus: {
          status: status.name,
          statusCategory: status.category === 'done' ? 'DONE' : status.category === 'new' ? 'NEW' : 'INDETERMINATE',
          statusDate: this.date(issue.updated),
        },
        _links: {
          web: `${this.ctx.baseUrl()}/servicedesk/customer/portal/1/${issue.key}`,
          self: `${this.ctx.baseUrl()}/rest/servicedeskapi/request/${issue.id}`,
        },
      },
    };
  }

  private comments(req: RouteRequest): RouteResponse {
    const issue = this.requestIssue(req);
    const showPublic = req.query.get('public') !== 'false';
    const showInternal = req.query.get('internal') !== 'false';
    const all = this.ctx.state.comments.filter((c) => c.issueKey === issue.key && (c.public ? showPublic : showInternal));
    const start = RouteContext.int(req.query, 'start', 0);
    const limit = RouteContext.int(req.query, 'limit', 50);
    const values = all.slice(start, start + limit).map((c) => this.comment(c));
    return { status: 200, body: { size: values.length, start, limit, isLastPage: start + limit >= all.length, values, _links: {} } };
  }

  private addComment(req: RouteRequest): RouteResponse {
    const issue = this.requestIssue(req);
    const body = RouteContext.object(req.body);
    if (typeof body.body !== 'string' || body.body.trim() === '') throw JiraHttpError.serviceDesk(400, 'The comment body must not be empty.');
    if (body.public !== undefined && typeof body.public !== 'boolean') throw JiraHttpError.serviceDesk(400, "'public' must be true or false.");
    const comment = this.ctx.actions.comment(issue.key, { body: textToAdf(body.body), public: body.public !== false, via: 'servicedesk' }, this.ctx.actor);
    return { status: 201, body: this.comment(comment) };
  }

  /**
   * Get SLA information: a PagedDTO of the request's SlaInformationDTOs, as set with `setSla` (none set: `values: []`).
   * https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-sla-get
   * (shapes and the readings taken: sla.ts)
   */
  private slas(req: RouteRequest): RouteResponse {
    const issue = this.requestIssue(req);
    const base = this.ctx.baseUrl();
    const stored = this.ctx.state.slas.get(issue.key);
    const all = stored?.metrics ?? [];
    const start = RouteContext.int(req.query, 'start', 0);
    const limit = RouteContext.int(req.query, 'limit', 50);
    const now = this.ctx.state.clock();
    const path = `${base}/rest/servicedeskapi/request/${issue.id}/sla`;
    const values = all
      .slice(start, start + limit)
      .map((metric) => slaInformation(metric, stored?.setAt ?? now, now, `${path}/${metric.id}`, (ms) => this.date(ms)));
    const isLastPage = start + limit >= all.length;
    const _links = {
      base,
      context: '',
      self: `${path}?start=${start}&limit=${limit}`,
      ...(isLastPage ? {} : { next: `${path}?start=${start + limit}&limit=${limit}` }),
      ...(start > 0 ? { prev: `${path}?start=${Math.max(0, start - limit)}&limit=${limit}` } : {}),
    };
    return { status: 200, body: { _expands: [], size: values.length, start, limit, isLastPage, values, _links } };
  }

  private comment(comment: SimComment): Record<string, unknown> {
    return {
      id: comment.id,
      body: comment.text,
      public: comment.public,
      author: this.author(comment.authorId),
      created: this.date(comment.created),
      _links: { self: `${this.ctx.baseUrl()}/rest/servicedeskapi/request/${comment.issueKey}/comment/${comment.id}` },
    };
  }

  private author(accountId: string | null): Record<string, unknown> | null {
    if (accountId === null) return null;
    const user = this.ctx.state.user(accountId);
    return { accountId, ...(user.email !== undefined ? { emailAddress: user.email } : {}), displayName: user.displayName, active: true, timeZone: 'UTC' };
  }

  private date(ms: number): Record<string, unknown> {
    return { iso8601: jiraDate(ms), jira: jiraDate(ms), friendly: new Date(ms).toUTCString(), epochMillis: ms };
  }
}
