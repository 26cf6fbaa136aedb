/** The model of the fuzzer: what a case is, where it goes, what an answer may be. */
export const COUNTS = { webhooks: 1000, deployments: 650, pickups: 400 } as const;
export type Endpoint = keyof typeof COUNTS;
export const ENDPOINTS = Object.keys(COUNTS) as Endpoint[];
export const PATHS: Record<Endpoint, string> = { webhooks: '/webhooks/jira', deployments: '/api/deployments', pickups: '/api/pickups' };
export const MIB = 1024 * 1024;
/** The app under fuzzing runs with these (GITHUB_WEBHOOK_SECRET, GITLAB_WEBHOOK_TOKEN); the Jira secret is jira-world's SECRET. */
export const GITHUB_SECRET = 'github-secret-for-fuzzing';
export const GITLAB_TOKEN = 'gitlab-token-for-fuzzing';

export type Headers = Record<string, string | string[]>;

export interface FuzzCase {
  endpoint: Endpoint;
  index: number;
  label: string;
  headers: Headers;
  body: Buffer;
  chunked: boolean;
  /** Statuses that are right for this case. */
  expected: readonly number[];
  /**
   * Answered 2xx by design: `envelope` is a correctly signed Jira envelope with junk around it (202, stored
   * once); `ping` is an authorised `X-GitHub-Event: ping` (200/201, nothing stored); `ignored` is an
   * authorised GitHub `deployment` event or GitLab event other than Deployment Hook (202, nothing stored).
   */
  acceptedByDesign?: 'envelope' | 'ping' | 'ignored';
}

export const FOUR_XX = Array.from({ length: 100 }, (_, i) => 400 + i);

/** What the generators need besides their Gen: the run's seed and the API tokens of the world. */
export interface FuzzContext {
  seed: number;
  tokens: Record<string, string>;
}
