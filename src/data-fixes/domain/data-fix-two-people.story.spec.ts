import { describe, expect, it } from '@jest/globals';
import { decideDataFix, proposeDataFix } from './data-fix.decision.js';
import type { DataFixCommand, DataFixEvent, DataFixState } from './data-fix.types.js';
import { checkSql } from './sql-safety.check.js';
import { sha256Of } from './sql-fingerprint.js';

const FIRST = 'UPDATE accounts SET status = 1 WHERE client_id = 7 AND status = 0';
const SECOND = 'UPDATE accounts SET status = 1 WHERE client_id = 7 AND status = 0 AND region = 2';
const at = (minute: number) => new Date(Date.UTC(2025, 0, 6, 9, minute));

describe('a data fix by bob, checked by alice, with a change of script in the middle', () => {
  let fix: DataFixState;
  const notes: string[] = [];
  const step = (command: DataFixCommand, minute: number) => {
    const result = decideDataFix(fix, command, at(minute));
    if (!result.ok) return result.code;
    fix = result.next;
    notes.push(...result.events.map((e: DataFixEvent) => e.note));
    return fix.state;
  };

  it('bob proposes a script that passes the static check', async () => {
    expect(await checkSql(FIRST)).toEqual({ ok: true, statements: 1 });
    const proposed = proposeDataFix({ id: 7, ticketKey: 'SUP-31', author: 'bob', purpose: 'reactivate client 7', sql: FIRST, sha256: sha256Of(FIRST) }, at(0));
    fix = proposed.next;
    notes.push(...proposed.events.map((e) => e.note));
    expect(fix.state).toBe('draft');
  });

  it.each<[string, DataFixCommand, string]>([
    ['bob cannot review his own script', { type: 'review', person: 'bob', decision: 'approve', comment: 'ok' }, 'self_review'],
    ['alice approves the review', { type: 'review', person: 'alice', decision: 'approve', comment: 'where clause is tight' }, 'reviewed'],
    ['alice cannot approve production before a preprod run', { type: 'productionApproval', person: 'alice', comment: 'go' }, 'preprod_not_verified'],
    [
      'bob runs it on preprod and verifies',
      { type: 'preprodRun', person: 'bob', environment: 'support-db', rowsAffected: 12, verified: true, note: '12 clients back' },
      'preprod_verified',
    ],
  ])('%s', (_story, command, outcome) => {
    expect(step(command, 1 + fix.history.length)).toBe(outcome);
  });

  it('bob changes the script: the review and the preprod run are void', async () => {
    expect(await checkSql(SECOND)).toEqual({ ok: true, statements: 1 });
    expect(step({ type: 'edit', person: 'bob', sql: SECOND, sha256: sha256Of(SECOND) }, 10)).toBe('draft');
    expect(fix.sha256).toBe(sha256Of(SECOND));
  });

  it.each<[string, DataFixCommand, string]>([
    ['alice cannot approve the changed script for production', { type: 'productionApproval', person: 'alice', comment: 'go' }, 'preprod_not_verified'],
    [
      'bob cannot run the changed script on preprod before a review',
      { type: 'preprodRun', person: 'bob', environment: 'support-db', rowsAffected: 10, verified: true, note: '' },
      'not_reviewed',
    ],
    ['alice reviews the new script', { type: 'review', person: 'alice', decision: 'approve', comment: 'region filter is right' }, 'reviewed'],
    [
      'bob runs the new script on preprod and verifies',
      { type: 'preprodRun', person: 'bob', environment: 'support-db', rowsAffected: 10, verified: true, note: '10 clients back' },
      'preprod_verified',
    ],
    ['bob cannot approve production himself', { type: 'productionApproval', person: 'bob', comment: 'go' }, 'self_approval'],
    ['alice approves production', { type: 'productionApproval', person: 'alice', comment: 'go ahead' }, 'production_approved'],
    ['bob applies it on production with the same row count', { type: 'productionRun', person: 'bob', rowsAffected: 10, note: 'ran at 09:40' }, 'applied'],
  ])('%s', (_story, command, outcome) => {
    expect(step(command, 11 + fix.history.length)).toBe(outcome);
  });

  it('ends applied, not flagged, with one note per accepted step on the ticket', () => {
    expect(fix).toMatchObject({ state: 'applied', flagged: false, sql: SECOND });
    expect(notes).toEqual([
      `Data fix #7 proposed by bob (script sha256 ${sha256Of(FIRST).slice(0, 12)}): reactivate client 7`,
      'Data fix #7 reviewed and approved by alice: where clause is tight',
      'Data fix #7 run on support-db by bob: 12 rows affected, verified: 12 clients back',
      `Data fix #7 changed by bob (script sha256 ${sha256Of(SECOND).slice(0, 12)}); the earlier review, preprod runs and approval are void.`,
      'Data fix #7 reviewed and approved by alice: region filter is right',
      'Data fix #7 run on support-db by bob: 10 rows affected, verified: 10 clients back',
      'Data fix #7 approved for production by alice: go ahead',
      'Data fix #7 applied on production by bob: 10 rows affected: ran at 09:40',
    ]);
  });
});
