// REST v3 comment endpoints by comment id: comments by ids (with their properties), comment properties.
import { JiraHttpError } from './jira-error';
import { RouteContext } from './route-context';
import type { Router, RouteRequest, RouteResponse } from './router';
import type { SimComment } from './types';

export class CommentRoutes {
  constructor(private readonly ctx: RouteContext) {}

  register(router: Router): void {
    const base = '/rest/api/3/comment';
    router
      .add('POST', `${base}/list`, (r) => this.list(r))
      .add('GET', `${base}/:id/properties/:property`, (r) => this.property(r))
      .add('PUT', `${base}/:id/properties/:property`, (r) => this.setProperty(r));
  }

  private find(id: string): SimComment {
    const comment = this.ctx.state.comments.find((c) => c.id === id);
    if (!comment) throw JiraHttpError.notFound('Can not find a comment for the id: ' + id + '.');
    return comment;
  }

  /** Get comments by IDs: the ones that exist, in id order, with their properties when `expand=properties` */
  private list(req: RouteRequest): RouteResponse {
    const ids = new Set(((RouteContext.object(req.body).ids ?? []) as number[]).map(String));
    if (ids.size > 1000) throw JiraHttpError.badRequest('A maximum of 1000 IDs can be specified.');
    const withProperties = (req.query.get('expand') ?? '').split(',').includes('properties');
    const values = this.ctx.state.comments.filter((c) => ids.has(c.id)).map((c) => this.ctx.json.comment(c, 'v3', withProperties));
    return { status: 200, body: { isLast: true, maxResults: 1000, startAt: 0, total: values.length, values } };
  }

  private property(req: RouteRequest): RouteResponse {
    const comment = this.find(req.params.id ?? '');
    const key = req.params.property ?? '';
    if (!(key in comment.properties)) throw JiraHttpError.notFound(`The property with key '${key}' does not exist.`);
    return { status: 200, body: { key, value: structuredClone(comment.properties[key]) } };
  }

  private setProperty(req: RouteRequest): RouteResponse {
    const comment = this.find(req.params.id ?? '');
    const key = req.params.property ?? '';
    const created = !(key in comment.properties);
    comment.properties[key] = structuredClone(req.body);
    return { status: created ? 201 : 200 };
  }
}
