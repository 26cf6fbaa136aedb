import type { Result } from '../../common/result.js';
import type { ReleaseRule } from './release.policy.js';

/** The support slot (WIP 1) and what can happen to it, in plain types. */
export interface SlotHolder {
  key: string;
  since: Date;
  pickedUpBy: string;
}

export interface FlowState {
  holder: SlotHolder | null;
  designatedDeveloper: string | null;
  /** tickets in progress without the slot, flagged in `flag` mode (listed as overLimit) */
  flagged: string[];
}

/** `releaseEnvironment` (and, when set, `releaseEnvironments` and `releaseEnvironmentType`): which deploys count as deployed to D. */
export interface FlowPolicy extends ReleaseRule {
  mode: 'revert' | 'flag';
}

export const VIOLATION_RULES = ['slot_occupied', 'not_top_of_queue', 'not_designated', 'unlinked_ready'] as const;
export type ViolationRule = (typeof VIOLATION_RULES)[number];
export type ReleaseReason = 'deployed' | 'returned' | 'cancelled' | 'forced';
export type RefusalCode = 'not_designated' | 'slot_occupied' | 'queue_empty' | 'slot_free';

export type FlowEvent =
  | { type: 'api_pickup'; actor: string; readyQueue: string[] }
  /** a ticket entered the In Progress column in Jira, moved by `actor` (never the service itself) */
  | { type: 'jira_pickup'; key: string; actor: string; fromStatusId: string | null; outrankedBy: string[] }
  /** `at`: when Jira made the change; one made before the ticket's pickup (a late webhook) releases nothing */
  | { type: 'moved_to_queue'; key: string; at?: Date }
  | { type: 'left_in_progress'; key: string }
  /** the ticket was deleted in Jira: it can hold the slot no longer */
  | { type: 'deleted'; key: string }
  | { type: 'resolved'; key: string; resolution: string; isFix: boolean; at?: Date }
  | { type: 'readied_unlinked'; key: string; actor: string; fromStatusId: string | null }
  | { type: 'deployment'; id: string; environment: string; status: string; issueKeys: string[]; environmentType?: string | null }
  | { type: 'forced_release'; actor: string; reason: string }
  | { type: 'sprint_started'; sprintId: number; designatedDeveloper: string | null };

/** Jira changes the flow asks for; the service turns them into Jira changes (the outbox) with real status ids. */
export type FlowCommand =
  | { kind: 'move_to_in_progress'; key: string }
  | { kind: 'revert'; key: string; toStatusId: string }
  | { kind: 'assign'; key: string; accountId: string }
  | { kind: 'add_to_sprint'; key: string; sprintId: number | 'active' }
  /**
   * `explainsPrevious`: the comment says the change before it was made, so it is dropped if that change failed;
   * `mention`: an accountId the comment starts with ("@Ben: …")
   */
  | { kind: 'comment'; key: string; text: string; explainsPrevious?: boolean; mention?: string }
  /** the slot was freed by `because`: tell `accountId` (when designated) on the ticket then top of Ready, and the channels */
  | { kind: 'nudge_next'; key: string; because: string; accountId: string | null }
  | { kind: 'add_label'; key: string; label: string };

export type FlowRecord =
  | { type: 'slot.pickup'; key: string; actor: string; via: 'api' | 'jira' }
  | { type: 'slot.released'; key: string; reason: ReleaseReason; cause: string; actor: string | null }
  | { type: 'violation'; key: string; rule: ViolationRule; remedy: 'reverted' | 'flagged'; actor: string }
  | { type: 'deployment.recorded'; id: string; environment: string; status: string; issueKeys: string[]; released: string[] }
  | { type: 'slot.handover'; key: string; sprintId: number; from: string; to: string | null };

export type Decision = Result<{ next: FlowState; commands: FlowCommand[]; records: FlowRecord[] }, RefusalCode>;

export const WIP_VIOLATION_LABEL = 'wip-violation';
