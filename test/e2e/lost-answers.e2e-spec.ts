import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { LostAnswer } from '../../jira-sim';
import { query } from '../support/chaos';
import { STATUS, USERS, seedBug, startWorld, waitFor } from '../support/jira-world';
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
      expect(await query(w.app.db.url, `SELECT kind, last_error FROM jira_change WHERE status <> 'done'`)).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('two triage bugs for one client ticket', () => {
  it('cannot happen: five escalations of one ticket at once (one at a time runs, its create answered late) make one bug', async () => {
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

describe('a create Jira makes only after the service gave up waiting for it', () => {
  it('an escalation answers 503 (no bug yet when it looked); asked again, it finds the bug Jira made meanwhile: one bug', async () => {
    const w = await startWorld({ JIRA_TIMEOUT_MS: String(TIMEOUT_MS) });
    try {
      w.sim.seedIssue({ key: 'SUP-91', project: 'SUP', summary: 'Reports empty', statusId: STATUS.waitingForSupport, issueType: 'Bug' });
      const support = await tokenFor(w.app.url, 'support');
      w.sim.loseAnswers({ method: 'POST', path: '/rest/api/3/issue' }, 'slow_write', { lateMs: TIMEOUT_MS + 500 });
      const escalate = () => request(w.app.url).post('/api/escalations').set(auth(support)).send({ serviceDeskKey: 'SUP-91' });
      const first = await escalate();
      expect([first.status, first.body.code]).toEqual([503, 'jira_unavailable']);
      expect(first.body.message).toContain('a retry finds the bug if Jira made it after all');
      await waitFor('Jira to make the bug after all', () => w.sim.rankOrder().some((k) => w.sim.issue(k)?.summary.includes('[SUP-91]')));
      const again = await escalate();
      expect(again.status).toBe(201);
      await w.settled();
      expect(w.sim.rankOrder().filter((k) => w.sim.issue(k)?.summary.includes('[SUP-91]'))).toEqual([again.body.triageKey]);
    } finally {
      await w.close();
    }
  });

  it('the auto-escalation’s retry waits as long as the call could take before it looks: one bug', async () => {
    const w = await startWorld({ JIRA_TIMEOUT_MS: String(TIMEOUT_MS), AUTO_ESCALATE_BUGS: 'true' });
    try {
      w.sim.seedIssue({ key: 'SUP-92', project: 'SUP', summary: 'Login loops', statusId: STATUS.waitingForSupport, issueType: 'Email Request' });
      w.sim.loseAnswers({ method: 'POST', path: '/rest/api/3/issue' }, 'slow_write', { lateMs: TIMEOUT_MS + 800 });
      w.sim.editIssue('SUP-92', { issueType: 'Bug' }, USERS.support);
      await waitFor(
        'the escalation to be done',
        async () => (await query(w.app.db.url, `SELECT 1 FROM jira_change WHERE kind = 'escalate' AND status = 'done'`)).length === 1,
        20_000,
      );
      await w.settled();
      expect(w.sim.rankOrder().filter((k) => w.sim.issue(k)?.summary.includes('[SUP-92]'))).toHaveLength(1);
    } finally {
      await w.close();
    }
  });
});

describe('the nudge whose answer was lost', () => {
  it('is looked for on the ticket it was written to, though another is top by the retry: one nudge', async () => {
    const w = await startWorld({ JIRA_TIMEOUT_MS: String(TIMEOUT_MS) });
    try {
      for (const key of ['QAOPS-31', 'QAOPS-32', 'QAOPS-33']) {
        seedBug(w.sim, { key, statusId: STATUS.triage });
        w.sim.transition(key, STATUS.ready, USERS.po);
      }
      const po = await tokenFor(w.app.url, 'po');
      await request(w.app.url).put('/api/rota').set(auth(po)).send({ accountId: USERS.dev1 }).expect(200);
      await w.settled();
      const dev = await tokenFor(w.app.url, 'developer', USERS.dev1);
      await request(w.app.url).post('/api/pickups').set(auth(dev)).expect(201);
      await w.settled();
      const nudge = { method: 'POST', path: '/rest/api/3/issue/QAOPS-32/comment' };
      w.sim.loseAnswers(nudge, 'error');
      const ci = await tokenFor(w.app.url, 'ci');
      const deploy = { id: 'deploy-d-7', environment: 'D', status: 'successful', issueKeys: ['QAOPS-31'] };
      await request(w.app.url).post('/api/deployments').set(auth(ci)).send(deploy).expect(202);
      await waitFor('the nudge on QAOPS-32, its answer lost', () => w.sim.writes(nudge).some((r) => r.faulted));
      w.sim.rank('QAOPS-33', { top: true }, USERS.po); // before the retry, which waits JIRA_TIMEOUT_MS
      await w.settled();
      const nudges = ['QAOPS-32', 'QAOPS-33'].flatMap((k) =>
        w.sim
          .comments(k)
          .filter((c) => c.text.includes('is next for you'))
          .map(() => k),
      );
      expect(nudges).toEqual(['QAOPS-32']);
    } finally {
      await w.close();
    }
  });
});
