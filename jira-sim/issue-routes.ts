// REST v3 issue endpoints: read, create, edit, transitions, assignee, comments.
import { isAdfDoc } from './adf';
import type { EditPatch } from './issue-actions';
import { JiraHttpError } from './jira-error';
import { RouteContext } from './route-context';
import type { Router, RouteRequest, RouteResponse } from './router';
import type { AdfDoc } from './types';

/** transition ids: "1" + the target status id (every status is reachable from every other) */
export function transitionIdFor(statusId: string): string {
  return `1${statusId}`;
}

const NOT_SETTABLE = (field: string): string => `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;
const NOT_ADF = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
const NO_CONTENT: RouteResponse = { status: 204 };

export class IssueRoutes {
  constructor(private readonly ctx: RouteContext) {}

  register(router: Router): void {
    const base = '/rest/api/3/issue';
    router
      .add('POST', base, (r) => this.create(r))
      .add('GET', `${base}/:key`, (r) => this.get(r))
      .add('PUT', `${base}/:key`, (r) => this.edit(r))
      .add('GET', `${base}/:key/changelog`, (r) => this.changelog(r))
      .add('GET', `${base}/:key/transitions`, (r) => this.transitions(r))
      .add('POST', `${base}/:key/transitions`, (r) => this.doTransition(r))
      .add('PUT', `${base}/:key/assignee`, (r) => this.assign(r))
      .add('GET', `${base}/:key/comment`, (r) => this.comments(r))
      .add('POST', `${base}/:key/comment`, (r) => this.addComment(r))
      .add('GET', `${base}/:key/properties/:property`, (r) => this.property(r))
      .add('PUT', `${base}/:key/properties/:property`, (r) => this.setProperty(r));
  }

  private get(req: RouteRequest): RouteResponse {
    const issue = this.ctx.issue(req.params.key ?? '');
    const json = this.ctx.json.issue(issue, 'v3', RouteContext.fieldsParam(req.query));
    const expand = (req.query.get('expand') ?? '').split(',');
    const properties = this.propertiesAsked(issue.properties, req.query.getAll('properties'));
    return {
      status: 200,
      body: { ...json, ...(properties ? { properties } : {}), ...(expand.includes('changelog') ? { changelog: this.ctx.json.changelog(issue.key) } : {}) },
    };
  }

  /** the `properties` parameter of Get issue: `*all`, keys, `-key` to leave one out; undefined when not asked */
  private propertiesAsked(all: Record<string, unknown>, asked: string[]): Record<string, unknown> | undefined {
    const names = asked
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    if (names.length === 0) return undefined;
    const keys = new Set(names.includes('*all') ? Object.keys(all) : names.filter((n) => !n.startsWith('-') && n in all));
    for (const n of names.filter((x) => x.startsWith('-'))) keys.delete(n.slice(1));
    return Object.fromEntries([...keys].map((k) => [k, structuredClone(all[k])]));
  }

  private property(req: RouteRequest): RouteResponse {
    const issue = this.ctx.issue(req.params.key ?? '');
    const key = req.params.property ?? '';
    if (!(key in issue.properties)) throw JiraHttpError.notFound(`The property with key '${key}' does not exist.`);
    return { status: 200, body: { key, value: structuredClone(issue.properties[key]) } };
  }

  private setProperty(req: RouteRequest): RouteResponse {
    const issue = this.ctx.issue(req.params.key ?? '');
    const key = req.params.property ?? '';
    const created = !(key in issue.properties);
    issue.properties[key] = structuredClone(req.body);
    return { status: created ? 201 : 200 };
  }

  private changelog(req: RouteRequest): RouteResponse {
    const issue = this.ctx.issue(req.params.key ?? '');
    const all = (this.ctx.state.histories.get(issue.key) ?? []).map((h) => this.ctx.json.history(h));
    const startAt = RouteContext.int(req.query, 'startAt', 0);
    const maxResults = RouteContext.int(req.query, 'maxResults', 100);
    const values = all.slice(startAt, startAt + maxResults);
    return { status: 200, body: { maxResults, startAt, total: all.length, isLast: startAt + maxResults >= all.length, values } };
  }

  private create(req: RouteRequest): RouteResponse {
    const fields = RouteContext.object(RouteContext.object(req.body).fields ?? {});
    const errors: Record<string, string> = {};
    const ref = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
    const project = this.ctx.state.project(String(ref(fields.project).key ?? ref(fields.project).id ?? ''));
    if (!project) errors.project = 'Specify a valid project ID or key';
    const typeRef = ref(fields.issuetype);
    const issueType = this.ctx.state.issueTypes.name(String(typeRef.name ?? typeRef.id ?? ''));
    if (!issueType) errors.issuetype = fields.issuetype === undefined ? 'Specify an issue type' : 'Specify a valid issue type';
    if (typeof fields.summary !== 'string' || fields.summary.trim() === '') errors.summary = 'You must specify a summary of the issue.';
    const patch = this.editPatch(fields, errors, ['project', 'issuetype', 'summary', 'assignee', 'reporter']);
    const assignee = this.accountRef(fields.assignee, 'assignee', errors);
    const reporter = this.accountRef(fields.reporter, 'reporter', errors);
    const { issuelinks, ...update } = RouteContext.object(RouteContext.object(req.body).update ?? {});
    this.applyUpdateOps(update, patch.labels ?? [], patch, errors);
    const links = this.linkOps(issuelinks, errors);
    const properties = Object.fromEntries(((RouteContext.object(req.body).properties ?? []) as { key: string; value: unknown }[]).map((p) => [p.key, p.value]));
    if (Object.keys(errors).length > 0 || !project || !issueType) throw new JiraHttpError(400, [], errors);
    const issue = this.ctx.actions.create(
      {
        project: project.key,
        summary: String(fields.summary),
        descriptionAdf: patch.description ?? null,
        issueType,
        ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
        labels: patch.labels ?? [],
        assignee: assignee ?? null,
        ...(reporter ? { reporter } : {}),
        fields: patch.fields ?? {},
        properties,
      },
      this.ctx.actor,
    );
    // the links of update.issuelinks are made with the issue, in the same request
    for (const l of links) this.ctx.actions.link(l.type, l.other === 'outward' ? issue.key : l.key, l.other === 'outward' ? l.key : issue.key, this.ctx.actor);
    return { status: 201, body: { id: issue.id, key: issue.key, self: `${this.ctx.baseUrl()}/rest/api/3/issue/${issue.id}` } };
  }

  /**
   * `update.issuelinks` of a create: `{add: {type: {name}, outwardIssue: {key}}}` links the new issue
   * to that one (the new issue reads with the outward words), `inwardIssue` the other way round.
   */
  private linkOps(ops: unknown, errors: Record<string, string>): { type: string; key: string; other: 'outward' | 'inward' }[] {
    if (ops === undefined) return [];
    if (!Array.isArray(ops)) {
      errors.issuelinks = 'Update operations must be an array.';
      return [];
    }
    return (ops as Record<string, unknown>[]).flatMap((op) => {
      const add = (op.add ?? {}) as Record<string, Record<string, unknown> | undefined>;
      const type = this.ctx.state.linkType(String(add.type?.name ?? add.type?.id ?? ''));
      const other = add.outwardIssue ? 'outward' : 'inward';
      const ref = add.outwardIssue ?? add.inwardIssue;
      const issue = this.ctx.state.find(String(ref?.key ?? ref?.id ?? ''));
      if (!op.add || !type || !issue) {
        errors.issuelinks = !type ? 'Issue link type is not valid.' : 'Issue does not exist or you do not have permission to see it.';
        return [];
      }
      return [{ type: type.name, key: issue.key, other }];
    });
  }

  private edit(req: RouteRequest): RouteResponse {
    const issue = this.ctx.issue(req.params.key ?? '');
    const body = RouteContext.object(req.body);
    const fields = RouteContext.object(body.fields ?? {});
    const update = RouteContext.object(body.update ?? {});
    const errors: Record<string, string> = {};
    const patch = this.editPatch(fields, errors, ['assignee']);
    const assignee = this.accountRef(fields.assignee, 'assignee', errors);
    this.applyUpdateOps(update, issue.labels, patch, errors);
    if (Object.keys(errors).length > 0) throw new JiraHttpError(400, [], errors);
    this.ctx.actions.edit(issue.key, patch, this.ctx.actor);
    if (assignee !== undefined) this.ctx.actions.assign(issue.key, assignee, this.ctx.actor);
    if (req.query.get('returnIssue') === 'true') return { status: 200, body: this.ctx.json.issue(issue, 'v3') };
    return NO_CONTENT;
  }

  /** fields -> patch; unknown fields and bad values go into errors */
  private editPatch(fields: Record<string, unknown>, errors: Record<string, string>, handledElsewhere: string[]): EditPatch {
    const patch: EditPatch = {};
    for (const [name, value] of Object.entries(fields)) {
      if (handledElsewhere.includes(name)) continue;
      if (name === 'summary') {
        if (typeof value === 'string' && value.trim() !== '') patch.summary = value;
        else errors.summary = 'You must specify a summary of the issue.';
      } else if (name === 'description') {
        if (value === null || isAdfDoc(value)) patch.description = value as AdfDoc | null;
        else errors.description = NOT_ADF;
      } else if (name === 'labels') {
        const labels = Array.isArray(value) ? value.map(String) : [];
        const bad = labels.find((l) => /\s/.test(l));
        if (bad !== undefined) errors.labels = `The label '${bad}' contains spaces which is invalid.`;
        patch.labels = labels;
      } else if (name === 'priority') {
        const ref = (value ?? {}) as Record<string, unknown>;
        const priority = this.ctx.state.priorities.name(String(ref.name ?? ref.id ?? ''));
        if (priority === undefined) errors.priority = 'The priority selected is invalid.';
        else patch.priority = priority;
      } else if (/^customfield_\d+$/.test(name)) patch.fields = { ...patch.fields, [name]: value };
      else errors[name] = NOT_SETTABLE(name);
    }
    return patch;
  }

  private applyUpdateOps(update: Record<string, unknown>, current: string[], patch: EditPatch, errors: Record<string, string>): void {
    for (const [name, ops] of Object.entries(update)) {
      if (!Array.isArray(ops)) {
        errors[name] = 'Update operations must be an array.';
        continue;
      }
      if (name === 'labels') {
        let labels = [...(patch.labels ?? current)];
        for (const op of ops as Record<string, unknown>[]) {
          if (op.add !== undefined && !labels.includes(String(op.add))) labels.push(String(op.add));
          if (op.remove !== undefined) labels = labels.filter((l) => l !== String(op.remove));
          if (Array.isArray(op.set)) labels = op.set.map(String);
        }
        patch.labels = labels;
      } else if (name === 'summary' || name === 'priority' || name === 'description') {
        const set = (ops as Record<string, unknown>[]).find((op) => 'set' in op);
        if (set) Object.assign(patch, this.editPatch({ [name]: set.set }, errors, []));
      } else errors[name] = NOT_SETTABLE(name);
    }
  }

  /** undefined = not given; null = unassigned */
  private accountRef(value: unknown, field: string, errors: Record<string, string>): string | null | undefined {
    if (value === undefined) return undefined;
    if (value === null) return null;
    const accountId = (value as Record<string, unknown>).accountId;
    if (accountId === null || accountId === '-1') return null;
    if (typeof accountId !== 'string' || !this.ctx.state.users.has(accountId)) {
      errors[field] = `User '${String(accountId)}' does not exist.`;
      return undefined;
    }
    return accountId;
  }

  private transitions(req: RouteRequest): RouteResponse {
    const issue = this.ctx.issue(req.params.key ?? '');
    const only = req.query.get('transitionId');
    const transitions = [...this.ctx.state.statuses.values()]
      .filter((s) => s.id !== issue.statusId)
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((s) => ({
        id: transitionIdFor(s.id),
        name: s.name,
        to: this.ctx.json.status(s),
        hasScreen: false,
        isGlobal: true,
        isInitial: false,
        isAvailable: true,
        isConditional: false,
        isLooped: false,
      }))
      .filter((t) => only === null || t.id === only);
    return { status: 200, body: { expand: 'transitions', transitions } };
  }

  private doTransition(req: RouteRequest): RouteResponse {
    const issue = this.ctx.issue(req.params.key ?? '');
    const body = RouteContext.object(req.body);
    const id = (body.transition as Record<string, unknown> | undefined)?.id;
    if (id === undefined || id === null) throw JiraHttpError.badRequest("Missing 'transition' identifier");
    const target = [...this.ctx.state.statuses.values()].find((s) => transitionIdFor(s.id) === String(id) && s.id !== issue.statusId);
    if (!target) throw JiraHttpError.badRequest(`Transition id '${String(id)}' is not valid for this issue.`);
    const fields = RouteContext.object(body.fields ?? {});
    const errors: Record<string, string> = {};
    let resolution: string | undefined;
    for (const [name, value] of Object.entries(fields)) {
      if (name !== 'resolution') {
        errors[name] = NOT_SETTABLE(name);
        continue;
      }
      const ref = (value ?? {}) as Record<string, unknown>;
      resolution = this.ctx.state.resolutions.name(String(ref.name ?? ref.id ?? ''));
      if (resolution === undefined) errors.resolution = `Resolution '${String(ref.name ?? ref.id)}' is not valid.`;
    }
    if (body.update !== undefined && Object.keys(RouteContext.object(body.update)).length > 0) {
      errors.update = 'The simulator supports no update operations in a transition.';
    }
    if (Object.keys(errors).length > 0) throw new JiraHttpError(400, [], errors);
    this.ctx.actions.transition(issue.key, target.id, this.ctx.actor, resolution);
    return NO_CONTENT;
  }

  private assign(req: RouteRequest): RouteResponse {
    const issue = this.ctx.issue(req.params.key ?? '');
    const errors: Record<string, string> = {};
    const accountId = this.accountRef(RouteContext.object(req.body), 'assignee', errors);
    if (Object.keys(errors).length > 0) throw new JiraHttpError(400, [], errors);
    this.ctx.actions.assign(issue.key, accountId ?? null, this.ctx.actor);
    return NO_CONTENT;
  }

  private comments(req: RouteRequest): RouteResponse {
    const issue = this.ctx.issue(req.params.key ?? '');
    const startAt = RouteContext.int(req.query, 'startAt', 0);
    const maxResults = RouteContext.int(req.query, 'maxResults', 5000);
    // the list documents expand=renderedBody only: comment properties come from comment/list or the property resource
    const all = this.ctx.state.comments.filter((c) => c.issueKey === issue.key);
    if (req.query.get('orderBy') === '-created') all.reverse();
    const comments = all.slice(startAt, startAt + maxResults).map((c) => this.ctx.json.comment(c, 'v3', false));
    return { status: 200, body: { startAt, maxResults, total: all.length, comments } };
  }

  private addComment(req: RouteRequest): RouteResponse {
    const issue = this.ctx.issue(req.params.key ?? '');
    const body = RouteContext.object(req.body);
    if (!isAdfDoc(body.body)) throw JiraHttpError.field('comment', body.body === undefined ? 'Comment body can not be empty!' : NOT_ADF);
    const properties: Record<string, unknown> = {};
    if (Array.isArray(body.properties)) {
      for (const p of body.properties as { key?: unknown; value?: unknown }[]) properties[String(p.key)] = p.value;
    }
    // Atlassian, Comment.jsdPublic: "Defaults to true when comments are created in the Jira Cloud
    // Platform … To create a comment with its visibility in Jira Service Desk set to false, use the
    // Jira Service Desk REST API": a platform comment is public, whatever its properties say
    const comment = this.ctx.actions.comment(issue.key, { body: body.body, public: true, properties, via: 'platform' }, this.ctx.actor);
    return { status: 201, body: this.ctx.json.comment(comment, 'v3', false) };
  }
}
