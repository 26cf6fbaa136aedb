// The one Jira site the product is played against: e2e worlds, the simulator's specs, the demo and the bench.
import type { JiraSimulator } from '../jira-simulator';
import type { DeliveryOptions, SimStatus, SimUser } from '../types';

/** One set of status ids everywhere (the ids a Jira site gives its workflow's statuses). */
export const STATUS = {
  waitingForSupport: '1',
  inProgress: '3',
  triage: '10001',
  ready: '10002',
  inReview: '10004',
  done: '10005',
  toDo: '10006',
} as const;

export const STATUSES: readonly SimStatus[] = [
  { id: STATUS.triage, name: 'Triage', category: 'new' },
  { id: STATUS.ready, name: 'Ready for sprint', category: 'new' },
  { id: STATUS.inProgress, name: 'In Progress', category: 'indeterminate' },
  { id: STATUS.inReview, name: 'In Review', category: 'indeterminate' },
  { id: STATUS.done, name: 'Done', category: 'done' },
  { id: STATUS.toDo, name: 'To Do', category: 'new' },
  { id: STATUS.waitingForSupport, name: 'Waiting for support', category: 'new' },
];

export const STATUS_NAMES: Readonly<Record<string, string>> = Object.fromEntries(STATUSES.map((s) => [s.id, s.name]));

/** The software project of the QA/Operations board and the JSM project of the client tickets. */
export const PROJECT = { triage: 'QAOPS', serviceDesk: 'SUP' } as const;
export const SERVICE_DESK_ID = '1';
export const TRIAGE_LABEL = '3rd-line';

export const USERS = { service: 'svc-orchestrator', dev1: 'dev-ada', dev2: 'dev-bob', po: 'po-pia', support: 'sup-sam' } as const;

export const QA_BOARD = 1;
export const SPRINT_BOARD = 2;
export const QA_BOARD_JQL = `project = ${PROJECT.triage} AND labels = ${TRIAGE_LABEL} ORDER BY Rank ASC`;
/** The admin webhook is registered over JQL that covers the JSM project and both boards (README). */
export const WEBHOOK_JQL = `project in (${PROJECT.triage}, ${PROJECT.serviceDesk})`;

export interface SiteSprints {
  /** a sprint of the Sprint Work board that has ended before the active one */
  closed?: number;
  active: number;
  future: number;
}

export const DEFAULT_SPRINTS: SiteSprints = { active: 10, future: 11 };

export interface SiteOptions {
  /**
   * The process's layout (default): the QA/Operations board has the columns Triage and Ready for sprint
   * only, so a ticket in progress is not on it. `mapsInProgress` adds a column for the later statuses.
   */
  qaBoard?: 'process' | 'mapsInProgress';
  /** the Sprint Work board's sprints, named "Sprint <id>" (default 10 active, 11 future) */
  sprints?: SiteSprints;
  /** the site's people besides the service account (default: USERS, each named by its account id) */
  users?: readonly SimUser[];
}

/**
 * A Jira site like the product expects: the workflow's statuses, a QA/Operations board over the 3rd-line
 * label, a Sprint Work board with an active sprint, a JSM project, and the webhook's JQL filter.
 */
export function seedSite(sim: JiraSimulator, options: SiteOptions = {}): void {
  for (const status of STATUSES) sim.addStatus(status);
  sim.addProject({ key: PROJECT.triage, id: '10100', name: 'QA / Operations', type: 'software', initialStatusId: STATUS.triage });
  sim.addProject({
    key: PROJECT.serviceDesk,
    id: '10200',
    name: 'Customer Support',
    type: 'service_desk',
    serviceDeskId: SERVICE_DESK_ID,
    initialStatusId: STATUS.waitingForSupport,
  });
  const people = options.users ?? [USERS.dev1, USERS.dev2, USERS.po, USERS.support].map((accountId) => ({ accountId, displayName: accountId }));
  for (const user of people) sim.addUser(user);
  const laterColumn = options.qaBoard === 'mapsInProgress' ? [{ name: 'Elsewhere', statusIds: [STATUS.inProgress, STATUS.inReview, STATUS.done] }] : [];
  sim.addBoard({
    id: QA_BOARD,
    name: 'QA/Operations',
    jql: QA_BOARD_JQL,
    columns: [{ name: 'Triage', statusIds: [STATUS.triage] }, { name: 'Ready for sprint', statusIds: [STATUS.ready] }, ...laterColumn],
  });
  sim.addBoard({
    id: SPRINT_BOARD,
    name: 'Sprint Work',
    jql: `project = ${PROJECT.triage} ORDER BY Rank ASC`,
    columns: [
      { name: 'To Do', statusIds: [STATUS.toDo] },
      { name: 'In Progress', statusIds: [STATUS.inProgress] },
      { name: 'In Review', statusIds: [STATUS.inReview] },
      { name: 'Done', statusIds: [STATUS.done] },
    ],
  });
  const { closed, active, future } = options.sprints ?? DEFAULT_SPRINTS;
  if (closed !== undefined) sim.addSprint({ id: closed, boardId: SPRINT_BOARD, name: `Sprint ${closed}`, state: 'closed' });
  sim.addSprint({ id: active, boardId: SPRINT_BOARD, name: `Sprint ${active}`, state: 'active' });
  sim.addSprint({ id: future, boardId: SPRINT_BOARD, name: `Sprint ${future}`, state: 'future' });
  sim.setWebhookFilter(WEBHOOK_JQL);
}

/** A 3rd-line bug as the product expects it: linked to its own service desk ticket (seeded, no webhooks). */
export function seedBug(sim: JiraSimulator, bug: { key: string; summary?: string; statusId: string; labels?: string[] }): void {
  const number = bug.key.split('-')[1];
  const ticket = `${PROJECT.serviceDesk}-${number}`;
  sim.seedIssue({ key: ticket, project: PROJECT.serviceDesk, summary: `client ticket for ${bug.key}`, statusId: STATUS.waitingForSupport, issueType: 'Bug' });
  sim.seedIssue({ key: bug.key, summary: bug.summary ?? `bug ${bug.key}`, statusId: bug.statusId, labels: bug.labels ?? [TRIAGE_LABEL] });
  sim.seedLink('Relates', bug.key, ticket);
}

/** Jira's delivery as its documentation describes it: delayed, in no promised order, sometimes twice, retried. */
export function realisticDelivery(seed: number): DeliveryOptions {
  return { jitterMs: 120, duplicateRate: 0.1, lostFirstAttemptRate: 0.05, retryOnFailure: true, maxAttempts: 6, retryDelayMs: 150, seed };
}
