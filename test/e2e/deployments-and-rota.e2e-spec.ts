import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { SPRINT, STATUS, USERS, startWorld, waitFor, type World, seedBug } from '../support/jira-world';
import { story } from '../support/story';
import { bearer as auth, tokenFor } from '../support/tokens';

const GITHUB_SECRET = 'github-secret-for-tests';

describe('deployments in three formats, and the rota across sprints', () => {
  // the pickups take QAOPS-41, -42 and -43 in rank order: each needs the ones before it taken and released
  const step = story('deployments in three formats');
  let w: World;
  let dev1: string;
  let dev2: string;
  let po: string;
  let ci: string;
  const slot = async () => (await request(w.app.url).get('/api/queue').set(auth(po)).expect(200)).body.slot;
  const pickUp = async (token: string, key: string) => {
    const res = await request(w.app.url).post('/api/pickups').set(auth(token)).expect(201);
    expect(res.body.key).toBe(key);
  };

  beforeAll(async () => {
    w = await startWorld({ GITHUB_WEBHOOK_SECRET: GITHUB_SECRET });
    for (const key of ['QAOPS-41', 'QAOPS-42', 'QAOPS-43', 'QAOPS-44']) seedBug(w.sim, { key, summary: key, statusId: STATUS.ready });
    dev1 = await tokenFor(w.app.url, 'developer', USERS.dev1);
    dev2 = await tokenFor(w.app.url, 'developer', USERS.dev2);
    po = await tokenFor(w.app.url, 'po');
    ci = await tokenFor(w.app.url, 'ci');
    const rota = await request(w.app.url)
      .put('/api/rota')
      .set(auth(po))
      .send({ rotation: [USERS.dev1, USERS.dev2] })
      .expect(200);
    expect(rota.body).toMatchObject({ designatedDeveloper: { accountId: USERS.dev1, sprintId: SPRINT }, rotation: [USERS.dev1, USERS.dev2] });
  });
  afterAll(async () => {
    await w?.close();
  });

  step('a GitHub deployment_status signed with GITHUB_WEBHOOK_SECRET releases the slot without a bearer token', async () => {
    await pickUp(dev1, 'QAOPS-41');
    const body = JSON.stringify({
      action: 'created',
      deployment_status: { id: 9001, state: 'success', environment: 'D', target_url: 'https://ci.example/run/1' },
      deployment: { id: 77, ref: 'bugfix/QAOPS-41-rounding', environment: 'D', description: null, payload: {} },
    });
    const signature = `sha256=${createHmac('sha256', GITHUB_SECRET).update(body).digest('hex')}`;
    const res = await request(w.app.url)
      .post('/api/deployments')
      .set('X-GitHub-Event', 'deployment_status')
      .set('X-Hub-Signature-256', signature)
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(202);
    expect(res.body).toMatchObject({ id: 'github-77-9001', environment: 'D', status: 'successful', released: ['QAOPS-41'] });
    expect((await slot()).state).toBe('free');
  });

  it('an unsigned GitHub delivery is refused with 401', async () => {
    await request(w.app.url).post('/api/deployments').set('X-GitHub-Event', 'deployment_status').send({ deployment_status: {}, deployment: {} }).expect(401);
  });

  step("Jira's deployments API body releases the slot; the same deployment again changes nothing", async () => {
    await pickUp(dev1, 'QAOPS-42');
    const body = {
      deployments: [
        {
          deploymentSequenceNumber: 12,
          updateSequenceNumber: 3,
          state: 'successful',
          displayName: 'deploy 12',
          url: 'https://ci.example/12',
          pipeline: { id: 'deploy-d', displayName: 'deploy D', url: 'https://ci.example' },
          environment: { id: 'env-d', displayName: 'D', type: 'testing' },
          associations: [{ associationType: 'issueIdOrKeys', values: ['QAOPS-42'] }],
        },
      ],
    };
    const res = await request(w.app.url).post('/api/deployments').set(auth(ci)).send(body).expect(202);
    expect(res.body).toMatchObject({ id: 'jira-deploy-d-env-d-12-3', released: ['QAOPS-42'], duplicate: false });
    const again = await request(w.app.url).post('/api/deployments').set(auth(ci)).send(body).expect(200);
    expect(again.body).toMatchObject({ duplicate: true, released: [] });
  });

  it('a bad deployment body is 400 naming the field, and only ci may report', async () => {
    const res = await request(w.app.url).post('/api/deployments').set(auth(ci)).send({ id: 'x', environment: 'D', status: 'done' }).expect(400);
    expect(res.body.message).toContain('status');
    await request(w.app.url).post('/api/deployments').set(auth(dev1)).send({ id: 'x', environment: 'D', status: 'successful' }).expect(403);
  });

  step('at sprint_started the rotation moves on and the open ticket is carried into the new sprint and handed over', async () => {
    await pickUp(dev1, 'QAOPS-43');
    await waitFor('QAOPS-43 in progress', () => w.sim.issue('QAOPS-43')?.statusId === STATUS.inProgress);
    await w.settled();
    w.sim.closeSprint(SPRINT, USERS.po);
    w.sim.startSprint(SPRINT + 1, USERS.po);
    await waitFor('the handover', () => {
      const i = w.sim.issue('QAOPS-43');
      return i?.sprintId === SPRINT + 1 && i.assignee === USERS.dev2 && w.sim.comments('QAOPS-43').some((c) => c.text.includes('Handed over'));
    });
    const rota = await request(w.app.url).get('/api/rota').set(auth(po)).expect(200);
    expect(rota.body.designatedDeveloper).toEqual({ accountId: USERS.dev2, sprintId: SPRINT + 1 });
    // the slot stays occupied by the same ticket, now the new developer's
    expect(await slot()).toMatchObject({ state: 'occupied', ticket: { key: 'QAOPS-43' } });
    await request(w.app.url).post('/api/pickups').set(auth(dev2)).expect(409);
    await request(w.app.url).post('/api/pickups').set(auth(dev1)).expect(403);
  });
});
