import { describe, expect, it } from '@jest/globals';
import { type ChangeState, changeRecoveryCheck, isWithheldExplanation, replayCheck, type WebhookStatus } from './recovery.rules.js';

const WITHHELD = 'Not sent: the change this comment explains failed';
const outcome = (c: { ok: true } | { ok: false; code: string }) => (c.ok ? 'ok' : c.code);

describe('retrying and abandoning a Jira change', () => {
  it.each<[ChangeState, 'retry' | 'abandon', string]>([
    ['failed', 'retry', 'ok'],
    ['failed', 'abandon', 'ok'],
    ['pending', 'retry', 'not_failed'],
    ['sending', 'retry', 'not_failed'],
    ['done', 'retry', 'not_failed'],
    ['abandoned', 'retry', 'not_failed'],
    ['pending', 'abandon', 'not_failed'],
    ['done', 'abandon', 'not_failed'],
    ['abandoned', 'abandon', 'not_failed'],
  ])('a %s change: %s → %s', (status, action, expected) => {
    expect(outcome(changeRecoveryCheck(action, { id: '7', status }))).toBe(expected);
  });

  it.each<[ChangeState, string]>([
    ['done', 'Jira change 7 was made in Jira already: only a failed change can be retried'],
    ['sending', 'Jira change 7 is being sent to Jira right now: only a failed change can be retried'],
    ['pending', 'Jira change 7 is still waiting to be sent to Jira: only a failed change can be retried'],
    ['abandoned', 'Jira change 7 was abandoned: only a failed change can be retried'],
  ])('the refusal of a %s change says what it is', (status, message) => {
    const check = changeRecoveryCheck('retry', { id: '7', status });
    expect(check.ok ? null : check.message).toBe(message);
  });

  it.each([
    ['the withheld explaining comment', { status: 'failed' as const, kind: 'comment', explainsPrevious: true, error: WITHHELD }, true],
    ['an explaining comment Jira refused itself', { status: 'failed' as const, kind: 'comment', explainsPrevious: true, error: 'Jira answered 400' }, false],
    ['a comment that explains nothing', { status: 'failed' as const, kind: 'comment', explainsPrevious: false, error: WITHHELD }, false],
    ['an explaining comment already sent', { status: 'done' as const, kind: 'comment', explainsPrevious: true, error: null }, false],
    ['a failed change of another kind', { status: 'failed' as const, kind: 'labels', explainsPrevious: false, error: WITHHELD }, false],
    ['no next change', null, false],
  ])('the next change of the issue is taken along: %s → %s', (_, next, expected) => {
    expect(isWithheldExplanation(next, WITHHELD)).toBe(expected);
  });
});

describe('replaying a stored webhook', () => {
  it.each<[WebhookStatus, { id: string; event: string } | null, string]>([
    ['quarantined', null, 'ok'],
    ['pending', null, 'not_quarantined'],
    ['processed', null, 'not_quarantined'],
    ['ignored', null, 'not_quarantined'],
    ['quarantined', { id: '12', event: 'sprint_started' }, 'superseded'],
    ['processed', { id: '12', event: 'sprint_started' }, 'not_quarantined'],
  ])('a %s webhook (newer sprint event applied: %j) → %s', (status, newer, expected) => {
    expect(outcome(replayCheck({ id: '9', status }, newer))).toBe(expected);
  });

  it('a superseded sprint event names the newer event', () => {
    const check = replayCheck({ id: '9', status: 'quarantined' }, { id: '12', event: 'sprint_started' });
    expect(check.ok ? null : check.message).toContain('older than webhook 12 (sprint_started)');
  });
});
