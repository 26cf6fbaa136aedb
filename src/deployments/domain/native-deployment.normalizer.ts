import {
  type Deployment,
  DEPLOYMENT_STATUSES,
  type DeploymentStatus,
  invalidDeployment,
  MAX_DEPLOYMENT_ID_LENGTH,
  MAX_ENVIRONMENT_LENGTH,
  type NormalizeResult,
} from './deployment.js';
import type { Problems } from './deployment-field.reader.js';
import { describeValue, isRecord, readStatus, readText, readUrl } from './deployment-field.reader.js';
import { extractIssueKeys, isIssueKey } from '../../jira/issue-keys.extractor.js';

const NATIVE_STATES: ReadonlyMap<string, DeploymentStatus> = new Map(DEPLOYMENT_STATUSES.map((s) => [s, s]));

/** Our own body: `{ id, environment, status, issueKeys?, commits?: [{sha, message}], branch?, url? }`. */
export function normalizeNativeDeployment(body: Record<string, unknown>): NormalizeResult {
  const problems: Problems = [];
  const id = readText(body, 'id', 'id', problems, { required: true, maxLength: MAX_DEPLOYMENT_ID_LENGTH });
  const environment = readText(body, 'environment', 'environment', problems, {
    required: true,
    maxLength: MAX_ENVIRONMENT_LENGTH,
  });
  const status = readStatus(body.status, 'status', NATIVE_STATES, problems);
  const listedKeys = readIssueKeyList(body.issueKeys, problems);
  const messages = readCommitMessages(body.commits, problems);
  const branch = readText(body, 'branch', 'branch', problems, { required: false });
  const url = readUrl(body, 'url', 'url', problems);
  if (problems.length > 0 || id === undefined || environment === undefined || status === undefined) {
    return invalidDeployment(problems);
  }
  const issueKeys = [...new Set([...listedKeys, ...extractIssueKeys([...messages, branch])])];
  const deployment: Deployment = { id, environment, status, issueKeys, url: url ?? null, source: 'native' };
  return { ok: true, deployments: [deployment] };
}

function readIssueKeyList(value: unknown, problems: Problems): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ field: 'issueKeys', problem: `must be an array of issue keys like QAOPS-12 (got ${describeValue(value)})` });
    return [];
  }
  value.forEach((key: unknown, i) => {
    if (!isIssueKey(key)) {
      problems.push({ field: `issueKeys[${i}]`, problem: `must be an issue key like QAOPS-12 (got ${describeValue(key)})` });
    }
  });
  return value.filter(isIssueKey);
}

function readCommitMessages(value: unknown, problems: Problems): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ field: 'commits', problem: `must be an array of {sha, message} objects (got ${describeValue(value)})` });
    return [];
  }
  const messages: string[] = [];
  value.forEach((commit: unknown, i) => {
    const field = `commits[${i}]`;
    if (!isRecord(commit)) {
      problems.push({ field, problem: `must be an object with sha and message (got ${describeValue(commit)})` });
      return;
    }
    readText(commit, 'sha', `${field}.sha`, problems, { required: false });
    const message = readText(commit, 'message', `${field}.message`, problems, { required: false });
    if (message !== undefined) messages.push(message);
  });
  return messages;
}
