import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { LostAnswer } from '../../jira-sim';
import { query } from '../support/chaos';
import { STATUS, startWorld, waitFor } from '../support/jira-world';
import { bearer as auth, tokenFor } from '../support/tokens';
import { WRITE_KINDS } from '../support/write-kinds';

/** the service's Jira timeout here: a `late` answer comes after it */
const TIMEOUT_MS = 1000;

/**
 * Every kind of write the service makes, with Jira applying it and its answer lost (a 504 from the
 * edge, the connection dropped, or the answer coming after the client gave up): the effect is in
 * Jira exactly once, and the change is done, not failed.
 */
describe.each(WRITE_KINDS)('$name', (kind) => {
  it.each<LostAnswer>(['error', 'drop', 'late'])('applied by Jira with its answer lost (%s): the effect is in Jira exactly once', async (how) => {
    const w = await startWorld({ JIRA_TIMEOUT_MS: String(TIMEOUT_MS), ...kind.env });
    try {
      const site = { url: w.app.url, sim: w.sim, settled: () => w.settled() };
      await kind.arrange?.(site);
      w.sim.loseAnswers(kind.write, how, { lateMs: TIMEOUT_MS + 500 });
      const answer = await kind.act(site);
      if (answer) expect([answer.status, answer.body]).toEqual([201, expect.anything()]);
      await waitFor('the write to be applied with its answer lost', () => w.sim.writes(kind.write).some((r) => r.faulted));
      await w.settled();
      expect(kind.effects(w.sim)).toBe(1);
      expect(await query(w.app.db.url, `SELECT kind, last_error FROM jira_command WHERE status <> 'done'`)).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('two triage bugs for one client ticket', () => {
  it('cannot happen: five escalations of one ticket at once, the first with its create answer late, make one bug', async () => {
    const w = await startWorld({ JIRA_TIMEOUT_MS: String(TIMEOUT_MS) });
    try {
      w.sim.seedIssue({ key: 'SUP-90', project: 'SUP', summary: 'Invoices doubled', statusId: STATUS.waitingForSupport, issueType: 'Bug' });
      const support = await tokenFor(w.app.url, 'support');
      w.sim.loseAnswers({ method: 'POST', path: '/rest/api/3/issue' }, 'late', { lateMs: TIMEOUT_MS + 500 });
      const escalate = () => request(w.app.url).post('/api/escalations').set(auth(support)).send({ serviceDeskKey: 'SUP-90' });
      const answers = await Promise.all(Array.from({ length: 5 }, escalate));
      const created = answers.filter((a) => a.status === 201);
      expect(created).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409).map((a) => a.body.code)).toEqual(Array(4).fill('already_escalated'));
      const again = await escalate();
      expect([again.status, again.body.triageKey]).toEqual([409, created[0].body.triageKey]);
      await w.settled();
      expect(w.sim.rankOrder().filter((k) => w.sim.issue(k)?.summary.includes('[SUP-90]'))).toEqual([created[0].body.triageKey]);
    } finally {
      await w.close();
    }
  });
});
