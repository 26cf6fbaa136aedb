export const DEPLOYMENT_STATUSES = ['successful', 'failed', 'in_progress', 'cancelled'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Which body shape the deployment arrived in: our own, a GitHub deployment_status webhook, or Jira's deployments API. */
export type DeploymentSource = 'native' | 'github' | 'jira';

export interface Deployment {
  id: string;
  environment: string;
  status: DeploymentStatus;
  issueKeys: string[];
  url: string | null;
  source: DeploymentSource;
}

/** `field` is a JSON path into the request body ("deployments[0].state", "status"), or "body" / "X-GitHub-Event". */
export interface DeploymentProblem {
  field: string;
  problem: string;
}

export type NormalizeResult = { ok: true; deployments: Deployment[] } | { ok: false; problems: DeploymentProblem[] };

export const MAX_DEPLOYMENT_ID_LENGTH = 200;
export const MAX_ENVIRONMENT_LENGTH = 255;
export const MAX_URL_LENGTH = 2048;
