import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { STATUS, USERS, seedBug, startWorld, waitFor, type World } from '../support/jira-world';
import { bearer as auth, tokenFor } from '../support/tokens';

describe('the dashboard page and its overview API', () => {
  let w: World;
  let support: string;
  let dev1: string;

  beforeAll(async () => {
    w = await startWorld();
    for (const key of ['QAOPS-1', 'QAOPS-2']) seedBug(w.sim, { key, summary: `bug ${key}`, statusId: STATUS.ready });
    [support, dev1] = await Promise.all([tokenFor(w.app.url, 'support'), tokenFor(w.app.url, 'developer', USERS.dev1)]);
    await request(w.app.url)
      .put('/api/rota')
      .set(auth(await tokenFor(w.app.url, 'po')))
      .send({ accountId: USERS.dev1 })
      .expect(200);
  });
  afterAll(async () => {
    await w?.close();
  });

  it('GET / serves the page without a token, with no data in it and a CSP that lets only its own script run', async () => {
    const res = await request(w.app.url).get('/').expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    const nonce = /script-src 'nonce-([^']+)'/.exec(res.headers['content-security-policy'])?.[1];
    expect(nonce).toBeDefined();
    expect(res.text).toContain(`<script nonce="${nonce}">`);
    expect(res.text).toContain('data-testid="slot"');
    expect(res.text).not.toContain('QAOPS-1');
    const again = await request(w.app.url).get('/').expect(200);
    expect(again.headers['content-security-policy']).not.toContain(nonce);
  });

  it('GET /api/dashboard needs a token', async () => {
    const res = await request(w.app.url).get('/api/dashboard').expect(401);
    expect(res.body.code).toBe('unauthorized');
  });

  it('answers any role with the Jira site for links and no open Jira change on a quiet board', async () => {
    await w.settled();
    const res = await request(w.app.url).get('/api/dashboard').set(auth(support)).expect(200);
    expect(res.body).toEqual({ jiraBaseUrl: w.sim.baseUrl, releaseEnvironment: 'D', jiraChanges: { pending: [], failed: [] } });
  });

  it('lists a Jira change that failed for good with Jira’s reason, and one still waiting while Jira answers 503', async () => {
    w.sim.failNext(1, { status: 400, body: { errorMessages: ['Comments are disabled on this project'] }, match: { method: 'POST', pathIncludes: '/comment' } });
    w.sim.transition('QAOPS-2', STATUS.inProgress, USERS.dev2); // not the top ticket: reverted with a comment
    const failed = await waitFor(
      'the comment to fail',
      async () => (await request(w.app.url).get('/api/dashboard').set(auth(support))).body.jiraChanges.failed[0],
    );
    expect(failed).toMatchObject({ ticketKey: 'QAOPS-2', change: 'comment on QAOPS-2', kind: 'comment', status: 'failed' });
    expect(failed.error).toContain('Comments are disabled on this project');

    w.sim.failFor(5_000, { status: 503, match: { method: 'POST', pathIncludes: '/transitions' } });
    await request(w.app.url).post('/api/pickups').set(auth(dev1)).expect(201);
    const pending = await waitFor('the move to wait', async () =>
      (await request(w.app.url).get('/api/dashboard').set(auth(support))).body.jiraChanges.pending.find((c: { kind: string }) => c.kind === 'transition'),
    );
    expect(pending).toMatchObject({ ticketKey: 'QAOPS-1', status: 'pending' });
    expect(pending.change).toBe('move QAOPS-1 to In Progress'); // the column's name, not its status id
    w.sim.clearFaults();
    await waitFor('QAOPS-1 in progress once Jira is back', () => w.sim.issue('QAOPS-1')?.statusId === STATUS.inProgress, 20_000);
  });
});
