import { ok, refused } from '../../common/result.js';
import type { Decision, FlowCommand, FlowEvent, FlowPolicy, FlowRecord, FlowState, ReleaseReason, ViolationRule } from './flow.types.js';
import { WIP_VIOLATION_LABEL } from './flow.types.js';
import { isReleaseFor } from './release.policy.js';
import { freedBy, handoverSentence, ruleSentence, slotSentence } from './flow.messages.js';

const accept = (next: FlowState, commands: FlowCommand[] = [], records: FlowRecord[] = []): Decision => ok({ next, commands, records });
const unchanged = (state: FlowState): Decision => accept(state);

/** The WIP-1 rule, in one place: (state, event, now) → next state, Jira changes and records, or a refusal. */
export function decide(state: FlowState, event: FlowEvent, now: Date, policy: FlowPolicy): Decision {
  switch (event.type) {
    case 'api_pickup':
      return apiPickup(state, event, now, policy);
    case 'jira_pickup':
      return jiraPickup(state, event, now, policy);
    case 'moved_to_queue':
      return leave(state, event.key, 'returned', 'moved back to the queue', event.at, policy);
    case 'left_in_progress':
      return accept({ ...state, flagged: state.flagged.filter((k) => k !== event.key) });
    case 'resolved':
      return event.isFix ? unchanged(state) : leave(state, event.key, 'cancelled', `resolved as ${event.resolution}`, event.at, policy);
    case 'deleted':
      return leave(state, event.key, 'cancelled', 'deleted in Jira', undefined, policy);
    case 'readied_unlinked':
      return violation(state, event.key, event.actor, event.fromStatusId, 'unlinked_ready', policy, false);
    case 'deployment':
      return deployment(state, event, policy);
    case 'forced_release':
      if (!state.holder) return refused('slot_free', 'The slot is free: there is nothing to release');
      return release(state, 'forced', event.reason, event.actor, policy);
    case 'sprint_started':
      return handover(state, event);
  }
}

/**
 * Why `actor` may not pick up now, before Ready for sprint is read (the contract's order: not
 * designated, then the slot); null when only the queue can still refuse.
 */
export function pickupRefusal(state: FlowState, actor: string, policy: FlowPolicy): Extract<Decision, { ok: false }> | null {
  if (actor !== state.designatedDeveloper) {
    return refused(
      'not_designated',
      state.designatedDeveloper
        ? `Only the designated developer of this sprint (${state.designatedDeveloper}) may pick up 3rd-line tickets`
        : 'No developer is designated for this sprint yet: ask the PO to set the rota',
    );
  }
  return state.holder ? refused('slot_occupied', slotSentence(state.holder, policy)) : null;
}

function apiPickup(state: FlowState, event: Extract<FlowEvent, { type: 'api_pickup' }>, now: Date, policy: FlowPolicy): Decision {
  const refusal = pickupRefusal(state, event.actor, policy);
  if (refusal) return refusal;
  const key = event.readyQueue[0];
  if (!key) return refused('queue_empty', 'Ready for sprint is empty: there is nothing to pick up');
  return accept(
    { ...state, holder: { key, since: now, pickedUpBy: event.actor }, flagged: state.flagged.filter((k) => k !== key) },
    [
      { kind: 'add_to_sprint', key, sprintId: 'active' },
      { kind: 'assign', key, accountId: event.actor },
      { kind: 'move_to_in_progress', key },
    ],
    [{ type: 'slot.pickup', key, actor: event.actor, via: 'api' }],
  );
}

function jiraPickup(state: FlowState, event: Extract<FlowEvent, { type: 'jira_pickup' }>, now: Date, policy: FlowPolicy): Decision {
  if (state.holder?.key === event.key || state.flagged.includes(event.key)) return unchanged(state); // back into In Progress from later in the pipeline
  const rule: ViolationRule | null = state.holder
    ? 'slot_occupied'
    : event.outrankedBy.length > 0
      ? 'not_top_of_queue'
      : event.actor !== state.designatedDeveloper
        ? 'not_designated'
        : null;
  if (rule) return violation(state, event.key, event.actor, event.fromStatusId, rule, policy, true);
  return accept(
    { ...state, holder: { key: event.key, since: now, pickedUpBy: event.actor } },
    [
      { kind: 'add_to_sprint', key: event.key, sprintId: 'active' },
      { kind: 'assign', key: event.key, accountId: event.actor },
    ],
    [{ type: 'slot.pickup', key: event.key, actor: event.actor, via: 'jira' }],
  );
}

function violation(
  state: FlowState,
  key: string,
  actor: string,
  fromStatusId: string | null,
  rule: ViolationRule,
  policy: FlowPolicy,
  inProgress: boolean,
): Decision {
  const revert = policy.mode === 'revert' && fromStatusId !== null;
  const text = `${ruleSentence(rule, state, policy)} ${revert ? 'The service moved it back.' : 'The service flagged it.'}`;
  const commands: FlowCommand[] = revert
    ? [
        { kind: 'revert', key, toStatusId: fromStatusId },
        { kind: 'comment', key, text, explainsPrevious: true },
      ]
    : [
        { kind: 'comment', key, text },
        { kind: 'add_label', key, label: WIP_VIOLATION_LABEL },
      ];
  const flagged = !revert && inProgress && !state.flagged.includes(key) ? [...state.flagged, key] : state.flagged;
  return accept({ ...state, flagged }, commands, [{ type: 'violation', key, rule, remedy: revert ? 'reverted' : 'flagged', actor }]);
}

function leave(state: FlowState, key: string, reason: ReleaseReason, cause: string, at: Date | undefined, policy: FlowPolicy): Decision {
  const flagged = state.flagged.filter((k) => k !== key);
  if (state.holder?.key !== key) return accept({ ...state, flagged });
  if (at && at.getTime() < state.holder.since.getTime()) return accept({ ...state, flagged }); // older than the pickup
  return release({ ...state, flagged }, reason, cause, null, policy);
}

/** Every release nudges: the next ticket is read from Jira when the change is sent, never here. */
function release(state: FlowState, reason: ReleaseReason, cause: string, actor: string | null, policy: FlowPolicy): Decision {
  const key = state.holder!.key;
  return accept(
    { ...state, holder: null },
    [{ kind: 'nudge_next', key, because: freedBy(reason, key, cause, policy), accountId: state.designatedDeveloper }],
    [{ type: 'slot.released', key, reason, cause, actor }],
  );
}

function deployment(state: FlowState, event: Extract<FlowEvent, { type: 'deployment' }>, policy: FlowPolicy): Decision {
  const releases = isReleaseFor(event, policy) && state.holder !== null && event.issueKeys.includes(state.holder.key);
  const recorded: FlowRecord = {
    type: 'deployment.recorded',
    id: event.id,
    environment: event.environment,
    status: event.status,
    issueKeys: event.issueKeys,
    released: releases ? [state.holder!.key] : [],
  };
  if (!releases) return accept(state, [], [recorded]);
  const released = release(state, 'deployed', `deployment ${event.id} to ${event.environment}`, null, policy);
  return released.ok ? { ...released, records: [recorded, ...released.records] } : released;
}

function handover(state: FlowState, event: Extract<FlowEvent, { type: 'sprint_started' }>): Decision {
  const next = { ...state, designatedDeveloper: event.designatedDeveloper };
  const holder = state.holder;
  if (!holder) return accept(next);
  const commands: FlowCommand[] = [{ kind: 'add_to_sprint', key: holder.key, sprintId: event.sprintId }];
  if (event.designatedDeveloper && event.designatedDeveloper !== holder.pickedUpBy) {
    commands.push(
      { kind: 'assign', key: holder.key, accountId: event.designatedDeveloper },
      { kind: 'comment', key: holder.key, mention: event.designatedDeveloper, text: handoverSentence(holder.key, event.sprintId) },
    );
  }
  return accept({ ...next, holder: event.designatedDeveloper ? { ...holder, pickedUpBy: event.designatedDeveloper } : holder }, commands, [
    { type: 'slot.handover', key: holder.key, sprintId: event.sprintId, from: holder.pickedUpBy, to: event.designatedDeveloper },
  ]);
}
