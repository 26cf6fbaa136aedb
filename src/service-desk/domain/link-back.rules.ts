import { extractIssueKeys } from '../../jira/issue-keys.extractor.js';
import type { Column } from '../../jira/board-layout.js';
import type { JiraIssueLink } from '../../jira/jira.types.js';

export const NEEDS_LINK_LABEL = 'needs-service-desk-link';

export interface LinkBackInput {
  /** the ticket's links as the service knows them now (not an older snapshot's) */
  links: JiraIssueLink[];
  /** summary and description, when the event's snapshot is the newest the service knows; else null */
  text: { summary: string; description: string } | null;
  column: Column;
  serviceDeskProject: string;
}

export type LinkBackOutcome =
  | { kind: 'linked_in_jira'; serviceDeskKey: string }
  | { kind: 'named_in_text'; serviceDeskKey: string }
  /** no link and no key: flag it (once), unless it is not in Triage or Ready */
  | { kind: 'unlinked'; flag: boolean };

/** Every service desk ticket a bug is linked to in Jira, in its links' order. */
export function clientTicketsInJira(links: JiraIssueLink[], serviceDeskProject: string): string[] {
  return links.filter((l) => l.otherKey.startsWith(`${serviceDeskProject}-`)).map((l) => l.otherKey);
}

/** The (first) service desk ticket a bug is linked to in Jira, if any. */
export function linkedInJira(links: JiraIssueLink[], serviceDeskProject: string): string | null {
  return clientTicketsInJira(links, serviceDeskProject)[0] ?? null;
}

/** Which service desk ticket a bug belongs to, by its Jira links first, then by a key in its text. */
export function linkBackOf(input: LinkBackInput): LinkBackOutcome {
  const prefix = `${input.serviceDeskProject}-`;
  const inJira = linkedInJira(input.links, input.serviceDeskProject);
  if (inJira) return { kind: 'linked_in_jira', serviceDeskKey: inJira };
  const inText = input.text ? extractIssueKeys([input.text.summary, input.text.description]).find((k) => k.startsWith(prefix)) : undefined;
  if (inText) return { kind: 'named_in_text', serviceDeskKey: inText };
  return { kind: 'unlinked', flag: input.column === 'triage' || input.column === 'ready' };
}
