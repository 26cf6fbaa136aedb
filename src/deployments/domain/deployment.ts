import { refused, type Result } from '../../common/result.js';

export const DEPLOYMENT_STATUSES = ['successful', 'failed', 'in_progress', 'cancelled'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Which body shape the deployment arrived in: ours, a GitHub deployment_status webhook, Jira's deployments API, or a GitLab Deployment Hook. */
export type DeploymentSource = 'native' | 'github' | 'jira' | 'gitlab';

export interface Deployment {
  id: string;
  environment: string;
  status: DeploymentStatus;
  issueKeys: string[];
  url: string | null;
  source: DeploymentSource;
  /** The environment's type when the sender reports one (Jira's `environment.type`, GitLab's tier), lower case. */
  environmentType?: string;
}

/** `field` is a JSON path into the request body ("deployments[0].state", "status"), or "body" / a header name. */
export interface DeploymentProblem {
  field: string;
  problem: string;
}

/** A delivery that is acknowledged and read no further (a GitHub `deployment` event, a GitLab event other than deployments). */
export interface IgnoredDelivery {
  event: string;
  reason: string;
}

/** Deployments read from a body (none when `ignored`), or every problem found: 400 `validation_failed` or `unrecognised_format`. */
export type NormalizeResult = Result<
  { deployments: Deployment[]; ignored?: IgnoredDelivery },
  'validation_failed' | 'unrecognised_format',
  { problems: DeploymentProblem[] }
>;

/** A body wrong in these places; the message names each (field and problem). */
export function invalidDeployment(problems: DeploymentProblem[]): NormalizeResult {
  return refused('validation_failed', `Invalid deployment: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`, { problems });
}

export const MAX_DEPLOYMENT_ID_LENGTH = 200;
export const MAX_ENVIRONMENT_LENGTH = 255;
export const MAX_URL_LENGTH = 2048;
