import { describe, expect, it } from '@jest/globals';
import { decideDataFix, proposeDataFix } from './data-fix.decision.js';
import type { DataFixCommand, DataFixState, DataFixStatus } from './data-fix.types.js';

const AUTHOR = 'bob';
const REVIEWER = 'alice';
const SQL = 'UPDATE accounts SET status = 1 WHERE client_id = 7 AND status = 0';
const SHA = 'a'.repeat(64);
const NEW_SHA = 'b'.repeat(64);
const at = (minute: number) => new Date(Date.UTC(2025, 0, 6, 9, minute));

const COMMANDS = {
  'the author edits': { type: 'edit', person: AUTHOR, sql: `${SQL} AND id = 3`, sha256: NEW_SHA },
  'someone else edits': { type: 'edit', person: REVIEWER, sql: `${SQL} AND id = 3`, sha256: NEW_SHA },
  'a reviewer approves': { type: 'review', person: REVIEWER, decision: 'approve', comment: 'looks right' },
  'a reviewer rejects': { type: 'review', person: REVIEWER, decision: 'reject', comment: 'misses client 8' },
  'the author reviews': { type: 'review', person: AUTHOR, decision: 'approve', comment: 'fine by me' },
  'a verified preprod run': { type: 'preprodRun', person: AUTHOR, environment: 'preprod', rowsAffected: 42, verified: true, note: 'checked' },
  'an unverified preprod run': { type: 'preprodRun', person: AUTHOR, environment: 'preprod', rowsAffected: 41, verified: false, note: 'one short' },
  'a reviewer approves production': { type: 'productionApproval', person: REVIEWER, comment: 'go' },
  'the author approves production': { type: 'productionApproval', person: AUTHOR, comment: 'go' },
  'a production run': { type: 'productionRun', person: AUTHOR, rowsAffected: 42, note: 'done' },
} satisfies Record<string, DataFixCommand>;
type CommandName = keyof typeof COMMANDS;

const PATH_TO: Record<DataFixStatus, CommandName[]> = {
  draft: [],
  reviewed: ['a reviewer approves'],
  rejected: ['a reviewer rejects'],
  preprod_verified: ['a reviewer approves', 'a verified preprod run'],
  production_approved: ['a reviewer approves', 'a verified preprod run', 'a reviewer approves production'],
  applied: ['a reviewer approves', 'a verified preprod run', 'a reviewer approves production', 'a production run'],
};

function accept(fix: DataFixState, command: DataFixCommand, minute: number): DataFixState {
  const result = decideDataFix(fix, command, at(minute));
  if (!result.ok) throw new Error(`setup refused: ${result.message}`);
  return result.next;
}

function fixIn(state: DataFixStatus): DataFixState {
  const proposed = proposeDataFix({ id: 3, ticketKey: 'SUP-12', author: AUTHOR, purpose: 'reactivate client 7', sql: SQL, sha256: SHA }, at(0));
  return PATH_TO[state].reduce((fix, name, i) => accept(fix, COMMANDS[name], i + 1), proposed.next);
}

function outcomeOf(fix: DataFixState, command: DataFixCommand): string {
  const result = decideDataFix(fix, command, at(30));
  return result.ok ? result.next.state : `refused ${result.code}`;
}

describe('decideDataFix: every (state, command) pair', () => {
  // prettier-ignore
  it.each<[DataFixStatus, CommandName, string]>([
    ['draft', 'the author edits', 'draft'],
    ['draft', 'someone else edits', 'refused not_author'],
    ['draft', 'a reviewer approves', 'reviewed'],
    ['draft', 'a reviewer rejects', 'rejected'],
    ['draft', 'the author reviews', 'refused self_review'],
    ['draft', 'a verified preprod run', 'refused not_reviewed'],
    ['draft', 'an unverified preprod run', 'refused not_reviewed'],
    ['draft', 'a reviewer approves production', 'refused preprod_not_verified'],
    ['draft', 'the author approves production', 'refused self_approval'],
    ['draft', 'a production run', 'refused not_approved'],
    ['reviewed', 'the author edits', 'draft'],
    ['reviewed', 'someone else edits', 'refused not_author'],
    ['reviewed', 'a reviewer approves', 'refused already_reviewed'],
    ['reviewed', 'a reviewer rejects', 'refused already_reviewed'],
    ['reviewed', 'the author reviews', 'refused self_review'],
    ['reviewed', 'a verified preprod run', 'preprod_verified'],
    ['reviewed', 'an unverified preprod run', 'reviewed'],
    ['reviewed', 'a reviewer approves production', 'refused preprod_not_verified'],
    ['reviewed', 'the author approves production', 'refused self_approval'],
    ['reviewed', 'a production run', 'refused not_approved'],
    ['rejected', 'the author edits', 'draft'],
    ['rejected', 'someone else edits', 'refused not_author'],
    ['rejected', 'a reviewer approves', 'refused already_reviewed'],
    ['rejected', 'a reviewer rejects', 'refused already_reviewed'],
    ['rejected', 'the author reviews', 'refused self_review'],
    ['rejected', 'a verified preprod run', 'refused not_reviewed'],
    ['rejected', 'an unverified preprod run', 'refused not_reviewed'],
    ['rejected', 'a reviewer approves production', 'refused preprod_not_verified'],
    ['rejected', 'the author approves production', 'refused self_approval'],
    ['rejected', 'a production run', 'refused not_approved'],
    ['preprod_verified', 'the author edits', 'draft'],
    ['preprod_verified', 'someone else edits', 'refused not_author'],
    ['preprod_verified', 'a reviewer approves', 'refused already_reviewed'],
    ['preprod_verified', 'a reviewer rejects', 'refused already_reviewed'],
    ['preprod_verified', 'the author reviews', 'refused self_review'],
    ['preprod_verified', 'a verified preprod run', 'preprod_verified'],
    ['preprod_verified', 'an unverified preprod run', 'reviewed'],
    ['preprod_verified', 'a reviewer approves production', 'production_approved'],
    ['preprod_verified', 'the author approves production', 'refused self_approval'],
    ['preprod_verified', 'a production run', 'refused not_approved'],
    ['production_approved', 'the author edits', 'draft'],
    ['production_approved', 'someone else edits', 'refused not_author'],
    ['production_approved', 'a reviewer approves', 'refused already_reviewed'],
    ['production_approved', 'a reviewer rejects', 'refused already_reviewed'],
    ['production_approved', 'the author reviews', 'refused self_review'],
    ['production_approved', 'a verified preprod run', 'refused already_approved'],
    ['production_approved', 'an unverified preprod run', 'refused already_approved'],
    ['production_approved', 'a reviewer approves production', 'refused already_approved'],
    ['production_approved', 'the author approves production', 'refused self_approval'],
    ['production_approved', 'a production run', 'applied'],
    ['applied', 'the author edits', 'refused already_applied'],
    ['applied', 'someone else edits', 'refused not_author'],
    ['applied', 'a reviewer approves', 'refused already_applied'],
    ['applied', 'a reviewer rejects', 'refused already_applied'],
    ['applied', 'the author reviews', 'refused self_review'],
    ['applied', 'a verified preprod run', 'refused already_applied'],
    ['applied', 'an unverified preprod run', 'refused already_applied'],
    ['applied', 'a reviewer approves production', 'refused already_applied'],
    ['applied', 'the author approves production', 'refused self_approval'],
    ['applied', 'a production run', 'refused already_applied'],
  ])('in %s, when %s, the outcome is %s', (state, name, expected) => {
    expect(outcomeOf(fixIn(state), COMMANDS[name])).toBe(expected);
  });
});

describe('decideDataFix: an identity refusal wins over a state refusal', () => {
  it.each<[DataFixStatus, CommandName, string, string]>([
    ['applied', 'someone else edits', 'refused not_author', 'already_applied'],
    ['rejected', 'the author reviews', 'refused self_review', 'already_reviewed'],
    ['draft', 'the author approves production', 'refused self_approval', 'preprod_not_verified'],
    ['production_approved', 'the author approves production', 'refused self_approval', 'already_approved'],
  ])('in %s, when %s, the outcome is %s rather than %s', (state, name, expected) => {
    expect(outcomeOf(fixIn(state), COMMANDS[name])).toBe(expected);
  });
});

describe('decideDataFix: a changed script starts over', () => {
  const edited = accept(fixIn('production_approved'), COMMANDS['the author edits'], 20);

  it.each<[CommandName, string]>([
    ['a verified preprod run', 'refused not_reviewed'],
    ['a reviewer approves production', 'refused preprod_not_verified'],
    ['a production run', 'refused not_approved'],
    ['a reviewer approves', 'reviewed'],
  ])('after the edit, when %s, the outcome is %s', (name, expected) => {
    expect(outcomeOf(edited, COMMANDS[name])).toBe(expected);
  });

  it('keeps the new script and fingerprint, and the whole history', () => {
    expect(edited).toMatchObject({ sql: `${SQL} AND id = 3`, sha256: NEW_SHA, state: 'draft' });
    expect(edited.history.map((s) => s.kind)).toEqual(['proposed', 'review', 'preprod_run', 'production_approval', 'edited']);
  });
});

describe('decideDataFix: preprod runs', () => {
  it('a failed run after a verified one withdraws the verification', () => {
    const failed = accept(fixIn('preprod_verified'), COMMANDS['an unverified preprod run'], 20);
    expect(failed.state).toBe('reviewed');
    expect(outcomeOf(failed, COMMANDS['a reviewer approves production'])).toBe('refused preprod_not_verified');
  });

  it.each<[number, boolean]>([
    [42, false],
    [40, true],
    [0, true],
  ])('a production run of %i rows after 42 on preprod is flagged: %s', (rowsAffected, flagged) => {
    const applied = accept(fixIn('production_approved'), { ...COMMANDS['a production run'], rowsAffected }, 20);
    expect(applied).toMatchObject({ state: 'applied', flagged });
    expect(applied.history.at(-1)).toMatchObject({ kind: 'production_run', rowsAffected, flagged });
  });
});

describe('decideDataFix: each accepted step emits one event with its internal note', () => {
  it.each<[DataFixStatus, CommandName, string, string]>([
    ['draft', 'a reviewer approves', 'data_fix.reviewed', 'Data fix #3 reviewed and approved by alice: looks right'],
    ['draft', 'a reviewer rejects', 'data_fix.reviewed', 'Data fix #3 reviewed and rejected by alice: misses client 8'],
    ['reviewed', 'a verified preprod run', 'data_fix.preprod_applied', 'Data fix #3 run on preprod by bob: 42 rows affected, verified: checked'],
    ['reviewed', 'an unverified preprod run', 'data_fix.preprod_applied', 'Data fix #3 run on preprod by bob: 41 rows affected, NOT verified: one short'],
    ['preprod_verified', 'a reviewer approves production', 'data_fix.production_approved', 'Data fix #3 approved for production by alice: go'],
    ['production_approved', 'a production run', 'data_fix.production_applied', 'Data fix #3 applied on production by bob: 42 rows affected: done'],
    [
      'reviewed',
      'the author edits',
      'data_fix.edited',
      'Data fix #3 changed by bob (script sha256 bbbbbbbbbbbb); the earlier review, preprod runs and approval are void.',
    ],
  ])('in %s, when %s, the event is %s', (state, name, type, note) => {
    const result = decideDataFix(fixIn(state), COMMANDS[name], at(30));
    expect(result).toMatchObject({ events: [{ type, note, dataFixId: 3, ticketKey: 'SUP-12', actor: COMMANDS[name].person, at: at(30) }] });
  });

  it('a flagged production run says so in the note', () => {
    const result = decideDataFix(fixIn('production_approved'), { ...COMMANDS['a production run'], rowsAffected: 40, note: '' }, at(30));
    expect(result).toMatchObject({
      events: [{ note: 'Data fix #3 applied on production by bob: 40 rows affected, but 42 rows affected on preprod (flagged).' }],
    });
  });

  it('proposing emits the first note, with the purpose', () => {
    const { events } = proposeDataFix({ id: 3, ticketKey: 'SUP-12', author: AUTHOR, purpose: 'reactivate client 7', sql: SQL, sha256: SHA }, at(0));
    expect(events).toMatchObject([{ type: 'data_fix.proposed', note: 'Data fix #3 proposed by bob (script sha256 aaaaaaaaaaaa): reactivate client 7' }]);
  });
});

describe('decideDataFix: refusals are values and leave the fix as it was', () => {
  it('refuses self-review with a sentence and does not touch the input', () => {
    const fix = fixIn('draft');
    const before = structuredClone(fix);
    expect(decideDataFix(fix, COMMANDS['the author reviews'], at(30))).toEqual({
      ok: false,
      code: 'self_review',
      message: 'bob wrote data fix #3 and cannot review it; a second person must.',
    });
    expect(fix).toEqual(before);
  });
});
