import type { FlowPolicy, FlowState, ReleaseReason, SlotHolder, ViolationRule } from './flow.types.js';

function hhmm(date: Date): string {
  return date.toISOString().slice(11, 16);
}

/** "DOOR-12 holds the slot since 09:14 UTC, waiting for its deploy to D" */
export function slotSentence(holder: SlotHolder, policy: FlowPolicy): string {
  return (
    `${holder.key} holds the slot since ${hhmm(holder.since)} UTC (${holder.since.toISOString().slice(0, 10)}), ` +
    `waiting for its deploy to ${policy.releaseEnvironment}`
  );
}

export function ruleSentence(rule: ViolationRule, state: FlowState, policy: FlowPolicy): string {
  switch (rule) {
    case 'slot_occupied':
      return (
        `WIP limit 1: ${state.holder ? slotSentence(state.holder, policy) : 'another ticket holds the slot'}. ` + `Only one 3rd-line ticket may be in progress.`
      );
    case 'not_top_of_queue':
      return 'Pick-up order: only the top-ranked ticket of Ready for sprint may be picked up.';
    case 'not_designated':
      return state.designatedDeveloper
        ? `Rota: only the designated developer of this sprint (${state.designatedDeveloper}) may pick up 3rd-line tickets.`
        : 'Rota: no developer is designated for this sprint, so no 3rd-line ticket may be picked up.';
    case 'unlinked_ready':
      return 'Link-back: a bug must be linked to its service desk ticket before it is Ready for sprint.';
  }
}

/** What freed the slot, as the nudge says it: "slot freed by the deploy of QAOPS-7 to D". */
export function freedBy(reason: ReleaseReason, key: string, cause: string, policy: FlowPolicy): string {
  switch (reason) {
    case 'deployed':
      return `the deploy of ${key} to ${policy.releaseEnvironment}`;
    case 'returned':
      return `${key} moving back to the queue`;
    case 'cancelled':
      return `${key} being ${cause}`;
    case 'forced':
      return `an admin releasing ${key} (${cause})`;
  }
}

/** Follows a mention of the new developer: "@Ben: handed over …". */
export function handoverSentence(key: string, sprintId: number): string {
  return `: Handed over at the start of sprint ${sprintId}: you are now the designated 3rd-line developer and own ${key} until its fix is deployed.`;
}
