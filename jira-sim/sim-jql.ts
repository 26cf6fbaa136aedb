// Adapts the simulator's issues to the JQL evaluator (views, currentUser, value checks).
import type { JqlContext, JqlIssue } from './jql';
import type { SimState, StoredIssue } from './sim-state';

export class SimJql {
  private cached: { version: number; views: JqlIssue[] } | null = null;

  constructor(private readonly state: SimState) {}

  view(issue: StoredIssue, rankIndex: number): JqlIssue {
    const project = this.state.project(issue.project);
    const status = this.state.status(issue.statusId);
    const resolution = issue.resolution === null ? null : { id: this.state.resolutions.id(issue.resolution), name: issue.resolution };
    return {
      id: issue.id,
      key: issue.key,
      projectKey: issue.project,
      projectId: project?.id ?? '',
      projectName: project?.name ?? issue.project,
      status: { id: status.id, name: status.name, category: status.category },
      issueType: { id: this.state.issueTypes.id(issue.issueType), name: issue.issueType },
      priority: { id: this.state.priorities.id(issue.priority), name: issue.priority },
      labels: issue.labels,
      assignee: issue.assignee,
      reporter: issue.reporter,
      resolution,
      sprints: this.state.sprintIds(issue).map((id) => {
        const s = this.state.sprint(id);
        return { id: s.id, name: s.name, state: s.state };
      }),
      summary: issue.summary,
      rankIndex,
      created: issue.created,
      updated: issue.updated,
      fields: issue.fields,
    };
  }

  /** every issue, in rank order; built again only after a change (a paged read asks for them once a page) */
  views(): JqlIssue[] {
    if (this.cached?.version !== this.state.version) {
      this.cached = { version: this.state.version, views: this.state.allIssues().map((issue, index) => this.view(issue, index)) };
    }
    return this.cached.views;
  }

  /** values Jira rejects with a 400 when they do not exist: project, status, sprint, issue type, issue key */
  context(currentUser: string): JqlContext {
    const named = (items: Iterable<{ id: string | number; name: string }>, value: string): boolean =>
      [...items].some((i) => String(i.id) === value || i.name.toLowerCase() === value.toLowerCase());
    return {
      currentUser,
      valueExists: (field, value) => {
        switch (field) {
          case 'project':
            return this.state.project(value) !== undefined;
          case 'status':
            return named(this.state.statuses.values(), value);
          case 'sprint':
            return named(this.state.sprints.values(), value);
          case 'key':
            return this.state.find(value) !== undefined;
          default:
            return this.state.issueTypes.name(value) !== undefined;
        }
      },
    };
  }
}
