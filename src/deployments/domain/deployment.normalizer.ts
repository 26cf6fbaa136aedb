import type { DeploymentProblem, NormalizeResult } from './deployment.js';
import { describeValue, isRecord } from './deployment-field.reader.js';
import { normalizeGithubDeployment } from './github-deployment.normalizer.js';
import { normalizeJiraDeployments } from './jira-deployment.normalizer.js';
import { normalizeNativeDeployment } from './native-deployment.normalizer.js';

export { isReleaseFor } from './release.policy.js';

export interface DeploymentHeaders {
  /** The `X-GitHub-Event` header, when the request has one. */
  githubEvent?: string;
}

export const MAX_PROBLEMS = 50;

/**
 * Turns a POST /api/deployments body into deployments, whichever shape it came in: a GitHub
 * `deployment_status` webhook (by header), Jira's deployments API (a `deployments` field), or ours.
 * A bad body is a value with every problem found, never an exception.
 */
export function normalizeDeployment(body: unknown, headers: DeploymentHeaders): NormalizeResult {
  const githubEvent = isRecord(headers) ? headers.githubEvent : undefined;
  if (typeof githubEvent === 'string' && githubEvent !== '') {
    if (githubEvent !== 'deployment_status') {
      return fail('X-GitHub-Event', `must be deployment_status; no other GitHub event is a deployment (got ${describeValue(githubEvent)})`);
    }
    return isRecord(body) ? capped(normalizeGithubDeployment(body)) : notAnObject(body);
  }
  if (!isRecord(body)) return notAnObject(body);
  if (Object.hasOwn(body, 'deployments')) return capped(normalizeJiraDeployments(body));
  return capped(normalizeNativeDeployment(body));
}

function notAnObject(body: unknown): NormalizeResult {
  return fail('body', `must be a JSON object (got ${describeValue(body)})`);
}

/** Keeps the answer readable when a body is wrong in thousands of places. */
function capped(result: NormalizeResult): NormalizeResult {
  if (result.ok || result.problems.length <= MAX_PROBLEMS) return result;
  const shown: DeploymentProblem[] = result.problems.slice(0, MAX_PROBLEMS - 1);
  const more = result.problems.length - shown.length;
  return { ok: false, problems: [...shown, { field: 'body', problem: `has ${more} more problems not listed` }] };
}

function fail(field: string, problem: string): NormalizeResult {
  return { ok: false, problems: [{ field, problem }] };
}
