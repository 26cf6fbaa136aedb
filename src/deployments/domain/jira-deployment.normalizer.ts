import {
  type Deployment,
  type DeploymentStatus,
  invalidDeployment,
  MAX_DEPLOYMENT_ID_LENGTH,
  MAX_ENVIRONMENT_LENGTH,
  type NormalizeResult,
} from './deployment.js';
import type { Problems } from './deployment-field.reader.js';
import { describeValue, isRecord, readObject, readSequenceNumber, readStatus, readText, readUrl } from './deployment-field.reader.js';
import { extractIssueKeys, isIssueKey } from '../../jira/issue-keys.extractor.js';

export const MAX_JIRA_DEPLOYMENTS = 100;

/** Jira's deployment states; `unknown` is left out on purpose, it cannot open or keep a release. */
const JIRA_STATES: ReadonlyMap<string, DeploymentStatus> = new Map([
  ['successful', 'successful'],
  ['failed', 'failed'],
  ['in_progress', 'in_progress'],
  ['cancelled', 'cancelled'],
  ['rolled_back', 'failed'],
  ['pending', 'in_progress'],
]);

const ISSUE_ASSOCIATIONS = new Set(['issueKeys', 'issueIdOrKeys']);

/** The body of Jira Software's deployments API: `{ deployments: [...] }`, one Deployment per element. */
export function normalizeJiraDeployments(body: Record<string, unknown>): NormalizeResult {
  const list = body.deployments;
  if (!Array.isArray(list)) {
    return fail('deployments', `must be an array of deployments (got ${describeValue(list)})`);
  }
  if (list.length === 0) return fail('deployments', 'must hold at least one deployment');
  if (list.length > MAX_JIRA_DEPLOYMENTS) {
    return fail('deployments', `must hold at most ${MAX_JIRA_DEPLOYMENTS} deployments (got ${list.length})`);
  }
  const problems: Problems = [];
  const deployments: Deployment[] = [];
  list.forEach((item: unknown, i) => {
    const deployment = readJiraDeployment(item, `deployments[${i}]`, problems);
    if (deployment !== undefined) deployments.push(deployment);
  });
  return problems.length > 0 ? invalidDeployment(problems) : { ok: true, deployments };
}

function readJiraDeployment(item: unknown, path: string, problems: Problems): Deployment | undefined {
  const entry = readObject(item, path, problems, 'one deployment');
  if (entry === undefined) return undefined;
  const before = problems.length;
  const sequence = readSequenceNumber(entry.deploymentSequenceNumber, `${path}.deploymentSequenceNumber`, problems);
  const update = readSequenceNumber(entry.updateSequenceNumber, `${path}.updateSequenceNumber`, problems);
  const pipeline = readObject(entry.pipeline, `${path}.pipeline`, problems, 'id and displayName');
  const pipelineId = pipeline && readText(pipeline, 'id', `${path}.pipeline.id`, problems, { required: true });
  const environment = readEnvironment(entry.environment, `${path}.environment`, problems);
  const status = readStatus(entry.state, `${path}.state`, JIRA_STATES, problems);
  const url = readUrl(entry, 'url', `${path}.url`, problems);
  // `issueKeys` on the deployment is Jira's older, still documented field (HighwayThree's action sends only it)
  const issueKeys = [...new Set([...readAssociationKeys(entry.associations, `${path}.associations`, problems), ...extractIssueKeys([entry.issueKeys])])];
  if (problems.length > before || sequence === undefined || update === undefined) return undefined;
  if (pipelineId === undefined || environment === undefined || status === undefined) return undefined;

  const id = `jira-${pipelineId}-${environment.id}-${sequence}-${update}`;
  if (id.length > MAX_DEPLOYMENT_ID_LENGTH) {
    const problem = `makes the deployment id ${describeValue(id)} longer than ${MAX_DEPLOYMENT_ID_LENGTH} characters; shorten pipeline.id or environment.id`;
    problems.push({ field: path, problem });
    return undefined;
  }
  const deployment: Deployment = { id, environment: environment.name, status, issueKeys, url: url ?? null, source: 'jira' };
  return environment.type ? { ...deployment, environmentType: environment.type } : deployment;
}

function readEnvironment(value: unknown, path: string, problems: Problems): { id: string; name: string; type?: string } | undefined {
  const environment = readObject(value, path, problems, 'id and displayName');
  if (environment === undefined) return undefined;
  const id = readText(environment, 'id', `${path}.id`, problems, { required: true });
  const rule = { required: false, maxLength: MAX_ENVIRONMENT_LENGTH };
  const displayName = readText(environment, 'displayName', `${path}.displayName`, problems, rule);
  if (id === undefined) return undefined;
  const name = displayName ?? id;
  if (name.length > MAX_ENVIRONMENT_LENGTH) {
    problems.push({ field: `${path}.id`, problem: `must be at most ${MAX_ENVIRONMENT_LENGTH} characters when there is no displayName` });
    return undefined;
  }
  // the type was never checked before, so a strange one is not refused now: it is only not used
  const type = typeof environment.type === 'string' ? environment.type.trim().toLowerCase() : '';
  return { id, name, ...(type ? { type } : {}) };
}

/** Keys from `issueKeys` / `issueIdOrKeys` associations; numeric issue ids and other association types are skipped. */
function readAssociationKeys(value: unknown, path: string, problems: Problems): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ field: path, problem: `must be an array of {associationType, values} (got ${describeValue(value)})` });
    return [];
  }
  const keys = new Set<string>();
  value.forEach((association: unknown, i) => {
    const field = `${path}[${i}]`;
    if (!isRecord(association)) {
      problems.push({ field, problem: `must be an object with associationType and values (got ${describeValue(association)})` });
      return;
    }
    if (typeof association.associationType !== 'string' || !ISSUE_ASSOCIATIONS.has(association.associationType)) return;
    if (!Array.isArray(association.values)) {
      problems.push({ field: `${field}.values`, problem: `must be an array of issue keys (got ${describeValue(association.values)})` });
      return;
    }
    for (const key of association.values) if (isIssueKey(key)) keys.add(key);
  });
  return [...keys];
}

function fail(field: string, problem: string): NormalizeResult {
  return invalidDeployment([{ field, problem }]);
}
