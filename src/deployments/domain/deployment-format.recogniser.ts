import type { DeploymentProblem, IgnoredDelivery } from './deployment.js';
import { describeValue, isRecord } from './deployment-field.reader.js';

export type DeliveryFormat =
  | { kind: 'native' | 'github' | 'jira' | 'gitlab' | 'unrecognised' }
  | { kind: 'ignored'; ignored: IgnoredDelivery }
  | { kind: 'problem'; problem: DeploymentProblem };

export const FORMATS_DOC = 'the README section "Report deployments from CI" (README.md#report-deployments-from-ci)';

/** What an answer to an unrecognised body lists. */
export const DELIVERY_FORMATS = [
  'our own body {id, environment, status, issueKeys?, commits?, branch?, url?}',
  'a GitHub deployment_status webhook (with the header X-GitHub-Event: deployment_status)',
  "Jira Software's deployments API body {deployments: [...]}",
  'a GitLab Deployment Hook (object_kind "deployment", header X-Gitlab-Event: Deployment Hook)',
];

export const GITLAB_DEPLOYMENT_EVENT = 'Deployment Hook';

/**
 * Which format a delivery is in. A GitHub header decides first (as it always did); then, so that every
 * body accepted before is read as before, a `deployments` field is Jira's body and an `id` field is ours;
 * only then GitLab's `object_kind`, our other fields, and shapes that are recognised only to say what is
 * missing. A GitLab delivery of another event is acknowledged: GitLab turns a webhook off after a few
 * failed deliveries, deployments included.
 */
export function recognise(body: unknown, headers: { githubEvent?: unknown; gitlabEvent?: unknown }): DeliveryFormat {
  const github = given(headers.githubEvent);
  if (github !== undefined) return byGithubEvent(github);
  if (!isRecord(body)) return { kind: 'native' };
  const gitlab = given(headers.gitlabEvent);
  if (gitlab !== undefined && gitlab !== GITLAB_DEPLOYMENT_EVENT && isGitlabHookBody(body)) return ignoredGitlabEvent(gitlab);
  if (Object.hasOwn(body, 'deployments')) return { kind: 'jira' };
  if (Object.hasOwn(body, 'id')) return { kind: 'native' };
  if (body.object_kind === 'deployment' || gitlab === GITLAB_DEPLOYMENT_EVENT) return { kind: 'gitlab' };
  if (Object.hasOwn(body, 'environment') || Object.hasOwn(body, 'status') || Object.keys(body).length === 0) return { kind: 'native' };
  if (isRecord(body.deployment_status) || isRecord(body.deployment)) return missingGithubEvent(body);
  return { kind: 'unrecognised' };
}

function given(header: unknown): string | undefined {
  return typeof header === 'string' && header !== '' ? header : undefined;
}

function byGithubEvent(event: string): DeliveryFormat {
  if (event === 'deployment_status') return { kind: 'github' };
  if (event === 'deployment') {
    const reason =
      'GitHub sends a deployment event when a deployment is created, before it runs; only its deployment_status events say how it went, and those are read. ' +
      'Nothing was recorded; untick "Deployments" in the webhook\'s events to stop these deliveries.';
    return { kind: 'ignored', ignored: { event: 'deployment', reason } };
  }
  const problem = `must be deployment_status; no other GitHub event is a deployment (got ${describeValue(event)})`;
  return { kind: 'problem', problem: { field: 'X-GitHub-Event', problem } };
}

function isGitlabHookBody(body: Record<string, unknown>): boolean {
  return typeof body.object_kind === 'string' || typeof body.event_name === 'string';
}

function ignoredGitlabEvent(event: string): DeliveryFormat {
  const reason =
    `Only Deployment Hook events are read. ` +
    `Nothing was recorded; leave only "Deployment events" ticked in the GitLab webhook's triggers to stop these deliveries.`;
  return { kind: 'ignored', ignored: { event: event.slice(0, 60), reason } };
}

function missingGithubEvent(body: Record<string, unknown>): DeliveryFormat {
  const problem = isRecord(body.deployment_status)
    ? 'is required: the body is a GitHub deployment_status webhook, which cannot be told from a broken body without it. ' +
      'GitHub sends X-GitHub-Event: deployment_status with every delivery; a step that forwards the body must send the header too'
    : 'is required: the body looks like a GitHub deployment webhook. ' +
      'Send the header X-GitHub-Event with it (deployment_status events are read; deployment events are acknowledged and ignored)';
  return { kind: 'problem', problem: { field: 'X-GitHub-Event', problem } };
}
