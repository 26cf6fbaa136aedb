import type { JiraSimulator } from '../jira-sim';
import { PROJECT, seedSite, STATUS, USERS } from '../jira-sim/world/site';

// the site is jira-sim/world/site.ts (the e2e worlds' too); people, sprints and client tickets are the demo's
export { QA_BOARD, SPRINT_BOARD, STATUS, STATUS_NAMES } from '../jira-sim/world/site';
export const PEOPLE = { service: USERS.service, ada: 'ada.park', ben: 'ben.okafor', po: 'priya.shah', support: 'sam.lee' } as const;
export const SPRINTS = { previous: 41, current: 42 } as const;

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

/** The product's site with the demo's people, sprints 41 (active) and 42 (future), and the client tickets waiting for support. */
export function seedDemoSite(sim: JiraSimulator): void {
  const users = [
    [PEOPLE.ada, 'Ada Park'],
    [PEOPLE.ben, 'Ben Okafor'],
    [PEOPLE.po, 'Priya Shah'],
    [PEOPLE.support, 'Sam Lee'],
  ].map(([accountId, displayName]) => ({ accountId, displayName }));
  seedSite(sim, { users, sprints: { active: SPRINTS.previous, future: SPRINTS.current } });
  for (const [key, summary, priority] of CLIENT_TICKETS) {
    sim.seedIssue({
      key,
      project: PROJECT.serviceDesk,
      summary,
      description: `Reported by a client: ${summary.toLowerCase()}.`,
      statusId: STATUS.waitingForSupport,
      priority,
      issueType: 'Bug',
    });
  }
}
