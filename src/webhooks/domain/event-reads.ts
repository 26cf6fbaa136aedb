import type { JiraEvent } from '../../jira/events/jira-event.js';
import { isPickupMove } from '../../flow/domain/ticket-change.classifier.js';
import type { LinkBackOutcome } from '../../service-desk/domain/link-back.rules.js';
import type { TicketChange } from '../../tickets/domain/ticket-change.js';

/**
 * What an event needs read from Jira before its decision (which never reads Jira itself), from what
 * the service knows. One entry per event type: a new event type does not compile until it says what
 * it reads.
 */
export type Reads =
  | { type: 'none' }
  /**
   * `thirdLine`: an issue not tracked: is it on the QA/Operations board's filter (the rest only if so);
   * `outranking`: a move into In Progress: the tickets of Ready for sprint that outrank it;
   * `serviceDeskTicket`: link-back is about to link this client ticket (its priority is read)
   */
  | { type: 'issue'; thirdLine: boolean; outranking: boolean; serviceDeskTicket: string | null }
  /** link events carry issue ids only: the tracked issues among them are read again */
  | { type: 'link'; issueIds: string[] }
  /** a sprint event without originBoardId: its board */
  | { type: 'sprint'; board: boolean };

/** What the service knows of an issue event's ticket before reading Jira. */
export interface KnownIssue {
  tracked: boolean;
  /** the caller found it through the QA/Operations board's filter (a reconciliation): no need to ask */
  onQaBoard: boolean;
  /** the bug has a service desk link already */
  linked: boolean;
  /** the change the event would make to the ticket as known now (without a lock) */
  change: TicketChange;
  /** what link-back would make of that change */
  linkBack: LinkBackOutcome;
}

export function issueReads(known: KnownIssue): Extract<Reads, { type: 'issue' }> {
  const { linkBack } = known;
  return {
    type: 'issue',
    thirdLine: !known.tracked && !known.onQaBoard,
    outranking: isPickupMove(known.change),
    serviceDeskTicket: !known.linked && linkBack.kind !== 'unlinked' ? linkBack.serviceDeskKey : null,
  };
}

/**
 * The reads of every event type. `issue` is what the service knows of an issue event's ticket
 * (undefined for the service desk's own tickets, which are not tracked); `trackedIds`, the ids the
 * service tracks among a link event's two issues.
 */
export function readsOf(event: JiraEvent, issue: KnownIssue | undefined, trackedIds: string[]): Reads {
  switch (event.type) {
    case 'issue_changed':
      return issue ? issueReads(issue) : { type: 'none' };
    case 'link_changed':
      return { type: 'link', issueIds: trackedIds };
    case 'sprint_changed':
      return { type: 'sprint', board: event.boardId === null };
    case 'issue_deleted':
    case 'ignored':
      return { type: 'none' };
  }
}
