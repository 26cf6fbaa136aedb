import type { DataFixState, DataFixStep } from './data-fix.types.js';

type StepOf<K extends DataFixStep['kind']> = Extract<DataFixStep, { kind: K }>;

/** The steps since the script last changed: an edit voids the reviews, runs and approvals before it. */
export function currentRound(fix: DataFixState): DataFixStep[] {
  const start = fix.history.findLastIndex((s) => s.kind === 'proposed' || s.kind === 'edited');
  return fix.history.slice(Math.max(start, 0)).filter((s) => s.sha256 === fix.sha256);
}

function lastOfKind<K extends DataFixStep['kind']>(fix: DataFixState, kind: K): StepOf<K> | undefined {
  return currentRound(fix).findLast((s): s is StepOf<K> => s.kind === kind);
}

export function approvingReview(fix: DataFixState): StepOf<'review'> | undefined {
  const review = lastOfKind(fix, 'review');
  return review?.decision === 'approve' ? review : undefined;
}

/** The latest preprod run decides: a failed run after a verified one withdraws the verification. */
export function verifiedPreprodRun(fix: DataFixState): StepOf<'preprod_run'> | undefined {
  const run = lastOfKind(fix, 'preprod_run');
  return run?.verified ? run : undefined;
}

export function productionApproval(fix: DataFixState): StepOf<'production_approval'> | undefined {
  return lastOfKind(fix, 'production_approval');
}

export function shortSha(sha256: string): string {
  return sha256.slice(0, 12);
}
