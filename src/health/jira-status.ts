export type JiraStatus = 'not configured' | 'up' | 'down';

/** What /health reports about Jira; the Jira layer provides the real probe. */
export abstract class JiraStatusProbe {
  abstract status(): Promise<{ status: JiraStatus; detail?: string }>;
}
