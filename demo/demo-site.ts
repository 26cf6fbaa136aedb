import type { JiraSimulator } from '../jira-sim';

export const STATUS = { waitingForSupport: '1', inProgress: '3', triage: '10001', ready: '10002', inReview: '10004', done: '10005' } as const;
export const PEOPLE = { service: 'svc-orchestrator', ada: 'ada.park', ben: 'ben.okafor', po: 'priya.shah', support: 'sam.lee' } as const;
export const QA_BOARD = 1;
export const SPRINT_BOARD = 2;
export const SPRINTS = { previous: 41, current: 42 } as const;
export const STATUS_NAMES: Record<string, string> = {
  [STATUS.waitingForSupport]: 'Waiting for support', [STATUS.inProgress]: 'In Progress', [STATUS.triage]: 'Triage',
  [STATUS.ready]: 'Ready for sprint', [STATUS.inReview]: 'In Review', [STATUS.done]: 'Done',
};

/** What clients reported to the service desk; each becomes a 3rd-line bug when support escalates it. */
export const CLIENT_TICKETS: [key: string, summary: string, priority: string][] = [
  ['SUP-101', 'Invoice totals rounded down for amounts over 10,000', 'High'],
  ['SUP-102', 'Export to CSV times out for more than 5,000 rows', 'Medium'],
  ['SUP-103', 'Password reset link expires after 5 minutes', 'High'],
  ['SUP-104', 'VAT missing on credit notes for EU customers', 'Critical'],
  ['SUP-105', 'Customer search ignores accented names', 'Low'],
  ['SUP-106', 'Duplicate reminder e-mails after a failed payment', 'Medium'],
  ['SUP-107', 'PDF statement shows the wrong period end date', 'Medium'],
  ['SUP-108', 'Direct debit mandate not saved when the IBAN has spaces', 'High'],
  ['SUP-109', 'Balance widget shows yesterday’s balance', 'Low'],
  ['SUP-110', 'Report scheduler skips the last day of the month', 'Medium'],
  ['SUP-111', 'Role "viewer" can edit contact details', 'High'],
  ['SUP-112', 'Bulk import stops at the first invalid row', 'Medium'],
  ['SUP-113', 'Audit export shows times in the wrong time zone', 'Low'],
  ['SUP-114', 'Attachment upload fails for files over 8 MB', 'Medium'],
  ['SUP-115', 'Late fee applied twice on 29 February', 'Low'],
  ['SUP-116', 'Credit limit check ignores pending orders', 'High'],
];

/** A Jira site as the product expects it: a JSM project, the QA/Operations and Sprint Work boards, a sprint. */
export function seedSite(sim: JiraSimulator): void {
  for (const [id, name] of Object.entries(STATUS_NAMES)) {
    sim.addStatus({ id, name, category: id === STATUS.done ? 'done' : id === STATUS.inProgress || id === STATUS.inReview ? 'indeterminate' : 'new' });
  }
  sim.addProject({ key: 'QAOPS', name: 'QA / Operations', type: 'software', initialStatusId: STATUS.triage });
  sim.addProject({ key: 'SUP', name: 'Customer Support', type: 'service_desk', serviceDeskId: '1', initialStatusId: STATUS.waitingForSupport });
  for (const [accountId, displayName] of [[PEOPLE.ada, 'Ada Park'], [PEOPLE.ben, 'Ben Okafor'], [PEOPLE.po, 'Priya Shah'], [PEOPLE.support, 'Sam Lee']]) {
    sim.addUser({ accountId, displayName });
  }
  sim.addBoard({
    id: QA_BOARD, name: 'QA/Operations', jql: 'project = QAOPS ORDER BY Rank ASC',
    columns: [{ name: 'Triage', statusIds: [STATUS.triage] }, { name: 'Ready for sprint', statusIds: [STATUS.ready] }, { name: 'Elsewhere', statusIds: [STATUS.inProgress, STATUS.inReview, STATUS.done] }],
  });
  sim.addBoard({
    id: SPRINT_BOARD, name: 'Sprint Work', jql: 'project = QAOPS ORDER BY Rank ASC',
    columns: [{ name: 'To Do', statusIds: [STATUS.ready] }, { name: 'In Progress', statusIds: [STATUS.inProgress] }, { name: 'In Review', statusIds: [STATUS.inReview] }, { name: 'Done', statusIds: [STATUS.done] }],
  });
  sim.addSprint({ id: SPRINTS.previous, boardId: SPRINT_BOARD, name: `Sprint ${SPRINTS.previous}`, state: 'active' });
  sim.addSprint({ id: SPRINTS.current, boardId: SPRINT_BOARD, name: `Sprint ${SPRINTS.current}`, state: 'future' });
  for (const [key, summary, priority] of CLIENT_TICKETS) {
    sim.seedIssue({ key, project: 'SUP', summary, description: `Reported by a client: ${summary.toLowerCase()}.`, statusId: STATUS.waitingForSupport, priority, issueType: 'Bug' });
  }
}
