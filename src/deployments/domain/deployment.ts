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

export type NormalizeResult =
  | { ok: true; deployments: Deployment[]; ignored?: IgnoredDelivery }
  | { ok: false; problems: DeploymentProblem[]; code?: 'unrecognised_format' };

export const MAX_DEPLOYMENT_ID_LENGTH = 200;
export const MAX_ENVIRONMENT_LENGTH = 255;
export const MAX_URL_LENGTH = 2048;
