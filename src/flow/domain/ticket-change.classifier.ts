import { StaleReadError } from '../../common/stale-read.error.js';
import type { TicketChange } from '../../tickets/domain/ticket-change.js';
import type { FlowEvent } from './flow.types.js';

export interface ClassifyContext {
  /** the bug is linked to its service desk ticket (after link-back ran on this change) */
  linked: boolean;
  /** tickets still in Ready for sprint that outrank this one, read from Jira before the decision; only for a move into In Progress */
  outranking?: string[];
  fixResolutions: string[];
}

/** A move that can be a pickup: into the In Progress column from any other. */
export function isPickupMove(change: Pick<TicketChange, 'statusChange' | 'echo' | 'stale'>): boolean {
  const sc = change.statusChange;
  return !change.echo && !change.stale && sc !== null && sc.toColumn === 'in_progress' && sc.fromColumn !== 'in_progress';
}

/**
 * What a change in Jira means for the slot. The service's own changes echoed back, and anything not
 * newer than what the service knew, mean nothing.
 */
export function flowEventsOf(change: TicketChange, ctx: ClassifyContext): FlowEvent[] {
  const sc = change.statusChange;
  if (change.echo || change.stale || !sc) return [];
  const actor = change.actor ?? 'unknown';
  const at = new Date(change.timestamp);
  const events: FlowEvent[] = [];
  if (isPickupMove(change)) {
    if (ctx.outranking === undefined) throw new StaleReadError(`${change.key} moved into In Progress, but the ranks of Ready for sprint were not read`);
    events.push({ type: 'jira_pickup', key: change.key, actor, fromStatusId: sc.fromId, outrankedBy: ctx.outranking });
  } else if ((sc.toColumn === 'triage' || sc.toColumn === 'ready') && sc.fromColumn !== sc.toColumn) {
    events.push({ type: 'moved_to_queue', key: change.key, at });
    if (sc.toColumn === 'ready' && !ctx.linked) events.push({ type: 'readied_unlinked', key: change.key, actor, fromStatusId: sc.fromId });
  } else if (sc.fromColumn === 'in_progress' && sc.toColumn === 'other') {
    events.push({ type: 'left_in_progress', key: change.key });
  }
  if (change.resolution) {
    const resolution = change.resolution.toLowerCase();
    events.push({
      type: 'resolved',
      key: change.key,
      resolution: change.resolution,
      isFix: ctx.fixResolutions.some((r) => r.toLowerCase() === resolution),
      at,
    });
  }
  return events;
}
