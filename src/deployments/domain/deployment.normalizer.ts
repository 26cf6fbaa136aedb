import { refused } from '../../common/result.js';
import { type DeploymentProblem, invalidDeployment, type NormalizeResult } from './deployment.js';
import { describeValue, isRecord } from './deployment-field.reader.js';
import { DELIVERY_FORMATS, FORMATS_DOC, recognise } from './deployment-format.recogniser.js';
import { normalizeGithubDeployment } from './github-deployment.normalizer.js';
import { normalizeGitlabDeployment } from './gitlab-deployment.normalizer.js';
import { normalizeJiraDeployments } from './jira-deployment.normalizer.js';
import { normalizeNativeDeployment } from './native-deployment.normalizer.js';

export interface DeploymentHeaders {
  /** The `X-GitHub-Event` header, when the request has one. */
  githubEvent?: string;
  /** The `X-Gitlab-Event` header, when the request has one. */
  gitlabEvent?: string;
}

export const MAX_PROBLEMS = 50;

/**
 * Turns a POST /api/deployments body into deployments, whichever format it came in (see
 * deployment-format.recogniser.ts for how the format is told). A bad body is a value with every problem
 * found, never an exception; a delivery that is no deployment is `ignored`.
 */
export function normalizeDeployment(body: unknown, headers: DeploymentHeaders): NormalizeResult {
  const format = recognise(body, isRecord(headers) ? headers : {});
  switch (format.kind) {
    case 'ignored':
      return { ok: true, deployments: [], ignored: format.ignored };
    case 'problem':
      return invalidDeployment([format.problem]);
    case 'unrecognised':
      return unrecognisedFormat(unrecognised(body));
    case 'github':
      return isRecord(body) ? capped(normalizeGithubDeployment(body)) : notAnObject(body);
    case 'gitlab':
      return isRecord(body) ? capped(normalizeGitlabDeployment(body)) : notAnObject(body);
    case 'jira':
      return capped(normalizeJiraDeployments(body as Record<string, unknown>));
    case 'native':
      return isRecord(body) ? capped(normalizeNativeDeployment(body)) : notAnObject(body);
  }
}

function notAnObject(body: unknown): NormalizeResult {
  return invalidDeployment([{ field: 'body', problem: `must be a JSON object (got ${describeValue(body)})` }]);
}

function unrecognisedFormat(problem: string): NormalizeResult {
  return refused('unrecognised_format', `The body ${problem}`, { problems: [{ field: 'body', problem }] });
}

const SHOWN_KEYS = 8;

function unrecognised(body: unknown): string {
  const keys = isRecord(body) ? Object.keys(body) : [];
  const shown = keys
    .slice(0, SHOWN_KEYS)
    .map((k) => describeValue(k))
    .join(', ');
  const got = `${shown}${keys.length > SHOWN_KEYS ? `, … (${keys.length} keys)` : ''}`;
  return `is in no format this endpoint reads (it has the fields ${got}). It reads ${DELIVERY_FORMATS.join('; ')}. See ${FORMATS_DOC}`;
}

/** Keeps the answer readable when a body is wrong in thousands of places. */
function capped(result: NormalizeResult): NormalizeResult {
  if (result.ok || result.problems.length <= MAX_PROBLEMS) return result;
  const shown: DeploymentProblem[] = result.problems.slice(0, MAX_PROBLEMS - 1);
  const more = result.problems.length - shown.length;
  return invalidDeployment([...shown, { field: 'body', problem: `has ${more} more problems not listed` }]);
}
