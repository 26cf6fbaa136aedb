import { type Deployment, type DeploymentStatus, invalidDeployment, MAX_ENVIRONMENT_LENGTH, type NormalizeResult } from './deployment.js';
import type { Problems } from './deployment-field.reader.js';
import { describeValue, readStatus, readText, readUrl, readWholeNumber } from './deployment-field.reader.js';
import { extractIssueKeys } from '../../jira/issue-keys.extractor.js';

/**
 * GitLab deployment statuses as the Deployment Hook sends them. `created` and `blocked` (waiting for a
 * manual job or an approval) have not run yet; `approved`/`rejected` are approval events of a blocked
 * deployment; `skipped` never ran. Mapped the way GitLab's own Jira integration maps them.
 */
const GITLAB_STATES: ReadonlyMap<string, DeploymentStatus> = new Map([
  ['success', 'successful'],
  ['failed', 'failed'],
  ['canceled', 'cancelled'],
  ['running', 'in_progress'],
  ['created', 'in_progress'],
  ['blocked', 'in_progress'],
  ['approved', 'in_progress'],
  ['rejected', 'cancelled'],
  ['skipped', 'cancelled'],
]);

/** A GitLab project webhook's Deployment Hook body (`object_kind: "deployment"`), taken as GitLab sends it. */
export function normalizeGitlabDeployment(body: Record<string, unknown>): NormalizeResult {
  const problems: Problems = [];
  if (body.object_kind !== undefined && body.object_kind !== 'deployment') {
    problems.push({
      field: 'object_kind',
      problem: `must be deployment: only GitLab's Deployment Hook is a deployment (got ${describeValue(body.object_kind)})`,
    });
  }
  const status = readStatus(body.status, 'status', GITLAB_STATES, problems);
  const deploymentId = readWholeNumber(body.deployment_id, 'deployment_id', problems);
  const environment = readText(body, 'environment', 'environment', problems, { required: true, maxLength: MAX_ENVIRONMENT_LENGTH });
  const tier = readText(body, 'environment_tier', 'environment_tier', problems, { required: false, maxLength: MAX_ENVIRONMENT_LENGTH });
  const ref = readText(body, 'ref', 'ref', problems, { required: false });
  const title = readText(body, 'commit_title', 'commit_title', problems, { required: false });
  const url = readUrl(body, 'deployable_url', 'deployable_url', problems) ?? readUrl(body, 'commit_url', 'commit_url', problems);
  if (problems.length > 0 || status === undefined || deploymentId === undefined || environment === undefined) {
    return invalidDeployment(problems);
  }
  // one hook per status change of a deployment: the status is part of the id, a redelivery is a repeat
  const id = `gitlab-${deploymentId}-${String(body.status)}`;
  const deployment: Deployment = { id, environment, status, issueKeys: extractIssueKeys([ref, title]), url: url ?? null, source: 'gitlab' };
  // GitLab's tiers are Jira's environment types, but for "other" (GitLab's Jira integration sends it as "unmapped")
  const type = tier?.toLowerCase() === 'other' ? 'unmapped' : tier?.toLowerCase();
  return { ok: true, deployments: [type ? { ...deployment, environmentType: type } : deployment] };
}
