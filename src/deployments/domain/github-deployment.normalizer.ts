import { type Deployment, type DeploymentStatus, invalidDeployment, MAX_ENVIRONMENT_LENGTH, type NormalizeResult } from './deployment.js';
import type { Problems } from './deployment-field.reader.js';
import { readObject, readStatus, readText, readUrl, readWholeNumber } from './deployment-field.reader.js';
import { extractIssueKeys } from '../../jira/issue-keys.extractor.js';

/**
 * GitHub deployment_status states; `waiting` is an Actions environment awaiting approval. `inactive` is
 * what GitHub sets on an older deployment once a newer one to the same environment succeeds: it no
 * longer runs there, so it counts as cancelled, not failed.
 */
const GITHUB_STATES: ReadonlyMap<string, DeploymentStatus> = new Map([
  ['success', 'successful'],
  ['failure', 'failed'],
  ['error', 'failed'],
  ['pending', 'in_progress'],
  ['queued', 'in_progress'],
  ['in_progress', 'in_progress'],
  ['waiting', 'in_progress'],
  ['inactive', 'cancelled'],
]);

/** A GitHub `deployment_status` webhook body, taken as GitHub sends it. */
export function normalizeGithubDeployment(body: Record<string, unknown>): NormalizeResult {
  const problems: Problems = [];
  const status = readObject(body.deployment_status, 'deployment_status', problems, 'the state of the deployment');
  const deployment = readObject(body.deployment, 'deployment', problems, 'the deployment the status is about');
  if (status === undefined || deployment === undefined) return invalidDeployment(problems);

  const state = readStatus(status.state, 'deployment_status.state', GITHUB_STATES, problems);
  const statusId = readWholeNumber(status.id, 'deployment_status.id', problems);
  const deploymentId = readWholeNumber(deployment.id, 'deployment.id', problems);
  const environment = readEnvironment(status, deployment, problems);
  const url =
    readUrl(status, 'target_url', 'deployment_status.target_url', problems) ??
    readUrl(status, 'environment_url', 'deployment_status.environment_url', problems);
  if (problems.length > 0 || state === undefined || statusId === undefined || deploymentId === undefined || environment === undefined) {
    return invalidDeployment(problems);
  }
  // Two safe integers: always far below MAX_DEPLOYMENT_ID_LENGTH.
  const id = `github-${deploymentId}-${statusId}`;
  const issueKeys = extractIssueKeys([deployment.ref, deployment.description, deployment.payload, status.description]);
  const result: Deployment = { id, environment, status: state, issueKeys, url: url ?? null, source: 'github' };
  return { ok: true, deployments: [result] };
}

function readEnvironment(status: Record<string, unknown>, deployment: Record<string, unknown>, problems: Problems): string | undefined {
  const rule = { required: false, maxLength: MAX_ENVIRONMENT_LENGTH };
  const before = problems.length;
  const own = readText(status, 'environment', 'deployment_status.environment', problems, rule);
  if (own !== undefined) return own;
  const fallback = readText(deployment, 'environment', 'deployment.environment', problems, rule);
  if (fallback === undefined && problems.length === before) {
    problems.push({ field: 'deployment.environment', problem: 'is required when deployment_status.environment is not given' });
  }
  return fallback;
}
