// A small Jira world shared by the simulator's specs.
import { JiraSimulator } from './jira-simulator';
import type { SimOptions } from './types';

export const EMAIL = 'flow-bot@example.com';
export const API_TOKEN = 'api-token-1';
export const SERVICE_ACCOUNT = 'svc-flow-bot';
export const SECRET = "It's a Secret to Everybody";

export const STATUS = {
  triage: '10000',
  ready: '10001',
  inProgress: '10002',
  waitingForDeploy: '10003',
  done: '10004',
  waitingForSupport: '10010',
} as const;

/**
 * QA (software) and SUP (service desk) projects; board 1 "QA/Operations" (3rd-line filter),
 * board 2 "Sprint Work" with sprints 7 (closed), 8 (active), 9 (future).
 * Issues in rank order: QA-1 (Ready), QA-2 (Ready), QA-3 (Triage), QA-4 (In Progress, sprint 8, dev-1), SUP-1.
 */
export function createWorld(options: Partial<SimOptions> = {}): JiraSimulator {
  const sim = new JiraSimulator({ email: EMAIL, apiToken: API_TOKEN, serviceAccountId: SERVICE_ACCOUNT, webhookSecret: SECRET, ...options });
  sim.addUser({ accountId: 'dev-1', displayName: 'Dana Dev', email: 'dana@example.com' });
  sim.addUser({ accountId: 'dev-2', displayName: 'Devon Dev' });
  sim.addUser({ accountId: 'sup-1', displayName: 'Sam Support' });
  sim.addStatus({ id: STATUS.triage, name: 'Triage', category: 'new' });
  sim.addStatus({ id: STATUS.ready, name: 'Ready for sprint', category: 'new' });
  sim.addStatus({ id: STATUS.inProgress, name: 'In Progress', category: 'indeterminate' });
  sim.addStatus({ id: STATUS.waitingForDeploy, name: 'Waiting for deploy', category: 'indeterminate' });
  sim.addStatus({ id: STATUS.done, name: 'Done', category: 'done' });
  sim.addStatus({ id: STATUS.waitingForSupport, name: 'Waiting for support', category: 'new' });
  sim.addProject({ key: 'QA', id: '10100', name: 'QA Operations', type: 'software' });
  sim.addProject({ key: 'SUP', id: '10200', name: 'Support', type: 'service_desk', serviceDeskId: '2', initialStatusId: STATUS.waitingForSupport });
  const columns = [
    { name: 'Triage', statusIds: [STATUS.triage] },
    { name: 'Ready for sprint', statusIds: [STATUS.ready] },
    { name: 'In Progress', statusIds: [STATUS.inProgress] },
    { name: 'Waiting for deploy', statusIds: [STATUS.waitingForDeploy] },
    { name: 'Done', statusIds: [STATUS.done] },
  ];
  sim.addBoard({ id: 1, name: 'QA/Operations', jql: 'project = QA AND labels = 3rd-line ORDER BY Rank ASC', columns });
  sim.addBoard({ id: 2, name: 'Sprint Work', jql: 'project = QA ORDER BY Rank ASC', columns });
  sim.addSprint({ id: 7, boardId: 2, name: 'Sprint 7', state: 'closed' });
  sim.addSprint({ id: 8, boardId: 2, name: 'Sprint 8', state: 'active' });
  sim.addSprint({ id: 9, boardId: 2, name: 'Sprint 9', state: 'future' });
  sim.seedIssue({ key: 'QA-1', summary: 'Fund report totals rounded wrong', statusId: STATUS.ready, labels: ['3rd-line'], priority: 'High' });
  sim.seedIssue({ key: 'QA-2', summary: 'Login loops', statusId: STATUS.ready, labels: ['3rd-line'] });
  sim.seedIssue({ key: 'QA-3', summary: 'Export times out', statusId: STATUS.triage, labels: ['3rd-line'], description: 'Steps:\nopen export' });
  sim.seedIssue({ key: 'QA-4', summary: 'Sprint story', statusId: STATUS.inProgress, assignee: 'dev-1', sprintId: 8, reporter: 'dev-2' });
  sim.seedIssue({ key: 'SUP-1', summary: 'Client cannot log in', statusId: STATUS.waitingForSupport, issueType: 'Service Request', reporter: 'sup-1', fields: { customfield_10050: { value: 'PROD' } } });
  return sim;
}
