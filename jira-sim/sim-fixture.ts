import type { HttpException } from 'jira.js';
// A small Jira world shared by the simulator's specs: the product's site (world/site.ts) and the specs' own issues.
import { JiraSimulator } from './jira-simulator';
import type { SimOptions } from './types';
import { seedSite, STATUS, type SiteOptions } from './world/site';

export { STATUS } from './world/site';
export const EMAIL = 'flow-bot@example.com';
export const API_TOKEN = 'api-token-1';
export const SERVICE_ACCOUNT = 'svc-flow-bot';
export const SECRET = "It's a Secret to Everybody";

/**
 * The site of world/site.ts (QAOPS and SUP, board 1 "QA/Operations" over the 3rd-line label, board 2
 * "Sprint Work") with the specs' people and sprints 7 (closed), 8 (active), 9 (future).
 * Issues in rank order: QAOPS-1 (Ready), QAOPS-2 (Ready), QAOPS-3 (Triage), QAOPS-4 (In Progress, sprint 8, dev-1, no label), SUP-1.
 */
export function createWorld(options: Partial<SimOptions> = {}, site: Pick<SiteOptions, 'qaBoard'> = {}): JiraSimulator {
  const sim = new JiraSimulator({
    email: EMAIL,
    apiToken: API_TOKEN,
    serviceAccountId: SERVICE_ACCOUNT,
    webhookSecret: SECRET,
    checkResponses: true,
    ...options,
  });
  const users = [
    { accountId: 'dev-1', displayName: 'Dana Dev', email: 'dana@example.com' },
    { accountId: 'dev-2', displayName: 'Devon Dev' },
    { accountId: 'sup-1', displayName: 'Sam Support' },
  ];
  seedSite(sim, { ...site, users, sprints: { closed: 7, active: 8, future: 9 } });
  sim.seedIssue({ key: 'QAOPS-1', summary: 'Fund report totals rounded wrong', statusId: STATUS.ready, labels: ['3rd-line'], priority: 'High' });
  sim.seedIssue({ key: 'QAOPS-2', summary: 'Login loops', statusId: STATUS.ready, labels: ['3rd-line'] });
  sim.seedIssue({ key: 'QAOPS-3', summary: 'Export times out', statusId: STATUS.triage, labels: ['3rd-line'], description: 'Steps:\nopen export' });
  sim.seedIssue({ key: 'QAOPS-4', summary: 'Sprint story', statusId: STATUS.inProgress, assignee: 'dev-1', sprintId: 8, reporter: 'dev-2' });
  sim.seedIssue({
    key: 'SUP-1',
    summary: 'Client cannot log in',
    statusId: STATUS.waitingForSupport,
    issueType: 'Service Request',
    reporter: 'sup-1',
    fields: { customfield_10050: { value: 'PROD' } },
  });
  return sim;
}

/** The jira.js error of a call the simulator refused (the specs' way to look at a refusal). */
export async function failure(promise: Promise<unknown>): Promise<HttpException> {
  try {
    await promise;
  } catch (e) {
    return e as HttpException;
  }
  throw new Error('expected the call to fail');
}

/** The body Jira answered a refused call with. */
export const data = (e: HttpException): Record<string, unknown> => (e.response as { data: Record<string, unknown> }).data;
