import { describe, it } from '@jest/globals';
import { decide } from './flow.decision.js';
import type { Decision, FlowEvent, FlowPolicy, FlowRecord, FlowState, ReleaseReason } from './flow.types.js';

/** Small, fast, seedable PRNG (mulberry32): the same seed replays the same sequence. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['K1', 'K2', 'K3', 'K4', 'K5'];
const ACTORS = ['a1', 'a2', 'a3'];
const SEQUENCES = 500;
const BASE_SEED = Number(process.env.FLOW_PROPERTY_SEED ?? 20250310);
const START = Date.UTC(2025, 2, 10, 8, 0);

function generator(seed: number) {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const subset = (items: readonly string[]) => {
    const shuffled = [...items].sort(() => random() - 0.5);
    return shuffled.slice(0, int(shuffled.length + 1));
  };
  /** the designated developer more often than not, so that valid pickups happen */
  const actor = (state: FlowState) => (state.designatedDeveloper && random() < 0.5 ? state.designatedDeveloper : pick(ACTORS));
  const event = (state: FlowState): FlowEvent => {
    switch (
      pick([
        'api_pickup',
        'jira_pickup',
        'moved_to_queue',
        'left_in_progress',
        'resolved',
        'readied_unlinked',
        'deployment',
        'forced_release',
        'sprint_started',
      ] as const)
    ) {
      case 'api_pickup': {
        // Ready for sprint as read from Jira: tickets in In Progress (the holder, flagged ones) are not in it
        const inProgress = new Set([state.holder?.key, ...state.flagged]);
        return { type: 'api_pickup', actor: actor(state), readyQueue: subset(KEYS.filter((k) => !inProgress.has(k))) };
      }
      case 'jira_pickup':
        return {
          type: 'jira_pickup',
          key: pick(KEYS),
          actor: actor(state),
          fromStatusId: pick(['10001', '10000', null]),
          outrankedBy: subset(KEYS).slice(0, int(3)),
        };
      case 'moved_to_queue':
        return { type: 'moved_to_queue', key: pick(KEYS) };
      case 'left_in_progress':
        return { type: 'left_in_progress', key: pick(KEYS) };
      case 'resolved': {
        const isFix = random() < 0.5;
        return { type: 'resolved', key: pick(KEYS), resolution: isFix ? 'Fixed' : pick(["Won't Do", 'Duplicate']), isFix };
      }
      case 'readied_unlinked':
        return { type: 'readied_unlinked', key: pick(KEYS), actor: pick(ACTORS), fromStatusId: pick(['10000', null]) };
      case 'deployment': {
        // often carries the holder's key, so that releases by deploy are common enough to check
        const keys = subset(KEYS).slice(0, int(4));
        const issueKeys = state.holder && random() < 0.5 && !keys.includes(state.holder.key) ? [...keys, state.holder.key] : keys;
        return {
          type: 'deployment',
          id: `dep-${int(1e6)}`,
          environment: pick(['D', 'D', ' d ', 'C', 'prod']),
          status: pick(['successful', 'successful', 'failed', 'in_progress', 'cancelled']),
          issueKeys,
        };
      }
      case 'forced_release':
        return { type: 'forced_release', actor: pick(ACTORS), reason: 'stuck' };
      case 'sprint_started':
        return { type: 'sprint_started', sprintId: 1 + int(50), designatedDeveloper: pick([...ACTORS, null]) };
    }
  };
  const policy: FlowPolicy = { mode: pick(['revert', 'flag'] as const), releaseEnvironment: 'D' };
  const initial: FlowState = { holder: null, designatedDeveloper: pick([...ACTORS, null]), flagged: [] };
  return { policy, initial, length: 1 + int(60), event };
}

interface Step {
  seed: number;
  index: number;
  policy: FlowPolicy;
  prev: FlowState;
  event: FlowEvent;
  decision: Decision;
  /** the state passed to decide, as it looked after decide returned */
  prevAfter: FlowState;
  next: FlowState;
  trail: FlowEvent[];
}

/** Folds decide over every seeded sequence; a refused event leaves the state as it was. */
function* steps(): Generator<Step> {
  for (let s = 0; s < SEQUENCES; s++) {
    const seed = BASE_SEED + s;
    const { policy, initial, length, event } = generator(seed);
    let state = initial;
    const trail: FlowEvent[] = [];
    for (let index = 0; index < length; index++) {
      const happening = event(state);
      trail.push(happening);
      const snapshot = structuredClone(state);
      const decision = decide(state, happening, new Date(START + index * 60_000), policy);
      const next = decision.ok ? decision.next : state;
      yield { seed, index, policy, prev: snapshot, event: happening, decision, prevAfter: state, next, trail };
      state = next;
    }
  }
}

function fail(step: Step, what: string): never {
  throw new Error(
    `${what}\n  seed ${step.seed} (replay: FLOW_PROPERTY_SEED=${step.seed}), step ${step.index}, policy ${JSON.stringify(step.policy)}\n` +
      `  before: ${JSON.stringify(step.prev)}\n  event:  ${JSON.stringify(step.event)}\n  decision: ${JSON.stringify(step.decision)}\n` +
      `  events so far: ${JSON.stringify(step.trail)}`,
  );
}

const recordsOf = (decision: Decision): FlowRecord[] => (decision.ok ? decision.records : []);
const holderKey = (state: FlowState) => state.holder?.key ?? null;

/** The release an event causes for the ticket in the slot, or null when it causes none. */
function causedRelease(event: FlowEvent, holder: string, policy: FlowPolicy): ReleaseReason | null {
  switch (event.type) {
    case 'deployment':
      return event.status === 'successful' &&
        event.environment.trim().toLowerCase() === policy.releaseEnvironment.trim().toLowerCase() &&
        event.issueKeys.includes(holder)
        ? 'deployed'
        : null;
    case 'moved_to_queue':
      return event.key === holder ? 'returned' : null;
    case 'resolved':
      return event.key === holder && !event.isFix ? 'cancelled' : null;
    case 'forced_release':
      return 'forced';
    default:
      return null;
  }
}

describe('invariant: the support slot over 500 random event sequences', () => {
  it('a ticket enters the slot only with one slot.pickup record, and only when the slot was free', () => {
    for (const step of steps()) {
      const pickups = recordsOf(step.decision).filter((r) => r.type === 'slot.pickup');
      const before = holderKey(step.prev);
      const after = holderKey(step.next);
      if (pickups.length > 0 && before !== null) fail(step, `a slot.pickup record while ${before} held the slot`);
      if (before === null && after !== null && (pickups.length !== 1 || pickups[0].key !== after))
        fail(step, `${after} entered the slot without exactly one slot.pickup record for it`);
      if (before === null && after === null && pickups.length > 0) fail(step, 'a slot.pickup record but the slot stayed free');
      if (before !== null && after !== null && before !== after) fail(step, `the slot went from ${before} straight to ${after}`);
    }
  });

  it('every release has exactly one slot.released record for the holder, with the reason of its cause', () => {
    for (const step of steps()) {
      const before = holderKey(step.prev);
      if (before === null || holderKey(step.next) !== null) continue;
      const releases = recordsOf(step.decision).filter((r) => r.type === 'slot.released');
      if (releases.length !== 1 || releases[0].key !== before) fail(step, `${before} left the slot without exactly one slot.released record for it`);
      const expected = causedRelease(step.event, before, step.policy);
      if (releases[0].reason !== expected) fail(step, `${before} was released as ${releases[0].reason} by a ${step.event.type} event (expected ${expected})`);
    }
  });

  it('the slot is never released without its cause, and every cause releases it', () => {
    for (const step of steps()) {
      const before = holderKey(step.prev);
      const releases = recordsOf(step.decision).filter((r) => r.type === 'slot.released');
      const cause = before === null ? null : causedRelease(step.event, before, step.policy);
      if (cause === null && releases.length > 0) fail(step, `a slot.released record without a cause`);
      if (cause === null && before !== null && holderKey(step.next) !== before) fail(step, `${before} left the slot without a cause`);
      if (cause !== null && holderKey(step.next) !== null) fail(step, `${before} stayed in the slot after a ${cause} release`);
      const recorded = recordsOf(step.decision).filter((r) => r.type === 'deployment.recorded');
      if (step.event.type === 'deployment' && (recorded.length !== 1 || recorded[0].released.length !== (cause === 'deployed' ? 1 : 0)))
        fail(step, 'a deployment without exactly one deployment.recorded record naming what it released');
    }
  });

  it('the flagged list never contains the holder, nor the same ticket twice', () => {
    for (const step of steps()) {
      const holder = holderKey(step.next);
      if (holder !== null && step.next.flagged.includes(holder)) fail(step, `${holder} is both in the slot and flagged`);
      if (new Set(step.next.flagged).size !== step.next.flagged.length) fail(step, `a ticket is flagged twice: ${JSON.stringify(step.next.flagged)}`);
    }
  });

  it('a refusal never changes the state, and decide never mutates the state it is given', () => {
    for (const step of steps()) {
      if (JSON.stringify(step.prevAfter) !== JSON.stringify(step.prev)) fail(step, 'decide mutated the state it was given');
      if (step.decision.ok) continue;
      if (step.next !== step.prevAfter) fail(step, 'the fold changed the state on a refusal');
      const allowed = step.event.type === 'api_pickup' || (step.event.type === 'forced_release' && step.prev.holder === null);
      if (!allowed) fail(step, `a ${step.event.type} event was refused with ${step.decision.code}`);
    }
  });
});
