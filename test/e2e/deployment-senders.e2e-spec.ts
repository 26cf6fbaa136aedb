import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import type { SampleBody } from '../fixtures/deployments/deployment-samples.fixture';
import { acceptedBefore, githubDeploymentStatusSample, senderSample } from '../fixtures/deployments/deployment-samples.fixture';
import { STATUS, USERS, seedBug, startWorld, waitFor, type World } from '../support/jira-world';
import { ADMIN_TOKEN } from '../support/test-app';
import { bearer as auth, tokenFor } from '../support/tokens';

const GITHUB_SECRET = 'github-secret-for-senders';
const GITLAB_TOKEN = 'gitlab-token-for-senders';
const sign = (body: string | Buffer) => `sha256=${createHmac('sha256', GITHUB_SECRET).update(body).digest('hex')}`;

/**
 * Deployments as the CI tools of test/fixtures/deployments/senders send them (bodies from their
 * docs or their own code, see that folder's README), with the release environment matched as
 * RELEASE_ENVIRONMENT=D plus RELEASE_ENVIRONMENTS=*\/D and RELEASE_ENVIRONMENT_TYPE=development.
 */
describe('deployments as real CI tools send them', () => {
  let w: World;
  let db: pg.Client;
  let ci: string;
  let po: string;
  let dev: string;
  let bugs = 60;
  const post = () => request(w.app.url).post('/api/deployments');
  const slot = async () => (await request(w.app.url).get('/api/queue').set(auth(po)).expect(200)).body.slot;
  const deploymentRows = async () => (await db.query('SELECT count(*)::int AS n FROM deployment')).rows[0].n as number;
  /** A fresh bug in Ready for sprint, picked up by the designated developer: it now holds the slot (freed first if a failed test left it held). */
  const holdSlot = async (): Promise<string> => {
    if ((await slot()).state !== 'free') await request(w.app.url).post('/api/slot/release').set(auth(ADMIN_TOKEN)).send({ reason: 'left held' }).expect(200);
    const key = `QAOPS-${(bugs += 1)}`;
    seedBug(w.sim, { key, statusId: STATUS.ready });
    const res = await request(w.app.url).post('/api/pickups').set(auth(dev)).expect(201);
    expect(res.body.key).toBe(key);
    await waitFor(`${key} in progress`, () => w.sim.issue(key)?.statusId === STATUS.inProgress);
    return key;
  };
  const gitlabHook = async (fields: SampleBody): Promise<SampleBody> => Object.assign(await senderSample('gitlab-deployment-hook'), fields);

  beforeAll(async () => {
    w = await startWorld({
      GITHUB_WEBHOOK_SECRET: GITHUB_SECRET,
      GITLAB_WEBHOOK_TOKEN: GITLAB_TOKEN,
      RELEASE_ENVIRONMENTS: '*/D',
      RELEASE_ENVIRONMENT_TYPE: 'development',
    });
    ci = await tokenFor(w.app.url, 'ci');
    po = await tokenFor(w.app.url, 'po');
    dev = await tokenFor(w.app.url, 'developer', USERS.dev1);
    await request(w.app.url).put('/api/rota').set(auth(po)).send({ accountId: USERS.dev1 }).expect(200);
    db = new pg.Client({ connectionString: w.app.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await w?.close();
  });

  it('nothing that was accepted before is refused now: every earlier accepted body is 2xx and answered with what was recorded', async () => {
    const firstSeen = new Map<string, { environment: string; status: string; issueKeys: unknown }>();
    for (const { name, githubEvent, body, deployments } of await acceptedBefore()) {
      const req = post().set(auth(ci));
      if (githubEvent !== undefined) req.set('X-GitHub-Event', githubEvent);
      const res = await req.send(body as object);
      const legacy = (body as { deployments?: { issueKeys?: unknown }[] }).deployments?.some((d) => d?.issueKeys !== undefined);
      const expected = deployments.map((d) => {
        const mine = { environment: d.environment, status: d.status, issueKeys: legacy ? expect.arrayContaining(d.issueKeys) : d.issueKeys };
        if (!firstSeen.has(d.id)) firstSeen.set(d.id, mine);
        return { id: d.id, ...firstSeen.get(d.id), released: [] };
      });
      const answers = res.body.deployments ?? [res.body];
      expect({ name, accepted: [200, 202].includes(res.status), answers }).toEqual({
        name,
        accepted: true,
        answers: expected.map((e) => expect.objectContaining(e)),
      });
    }
  });

  it("CircleCI's Jira orb body, sequence numbers as strings, releases the slot", async () => {
    const key = await holdSlot();
    const body = await senderSample('circleci-jira-orb');
    body.deployments[0].associations[0].values = [key];
    const res = await post().set(auth(ci)).send(body).expect(202);
    expect(res.body).toMatchObject({
      id: 'jira-8c2ab3a8-5b0c-4f43-9e61-0b0f7e0d7a11-deploy-d::8c2ab3a8-5b0c-4f43-9e61-0b0f7e0d7a11-142-1764300612',
      environment: 'D',
      status: 'successful',
      issueKeys: [key],
      inReleaseEnvironment: true,
      released: [key],
      duplicate: false,
    });
    expect((await slot()).state).toBe('free');
  });

  it("the HighwayThree action's body, keys in the legacy issueKeys field, releases the slot", async () => {
    const key = await holdSlot();
    const body = await senderSample('highwaythree');
    body.deployments[0].issueKeys = ['QAOPS-999', ` ${key}`];
    const res = await post().set(auth(ci)).send(body).expect(202);
    expect(res.body).toMatchObject({ environment: 'D', issueKeys: ['QAOPS-999', key], released: [key] });
    expect((await slot()).state).toBe('free');
  });

  it("GitLab's Jira integration names the environment Flight/D: RELEASE_ENVIRONMENTS=*/D makes it the release environment", async () => {
    const key = await holdSlot();
    const body = await senderSample('gitlab-jira-integration');
    body.deployments[0].associations[0].values = [key];
    const res = await post().set(auth(ci)).send(body).expect(202);
    expect(res.body).toMatchObject({ environment: 'Flight/D', inReleaseEnvironment: true, released: [key] });
    const staging = await senderSample('gitlab-jira-integration');
    Object.assign(staging.deployments[0], { deploymentSequenceNumber: 4, environment: { id: '28', displayName: 'Flight/staging', type: 'staging' } });
    expect((await post().set(auth(ci)).send(staging).expect(202)).body).toMatchObject({
      environment: 'Flight/staging',
      inReleaseEnvironment: false,
      released: [],
    });
  });

  it('a GitLab Deployment Hook with X-Gitlab-Token: running records, success releases, a redelivery is a repeat', async () => {
    const key = await holdSlot();
    const hook = (status: string) =>
      gitlabHook({ status, deployment_id: 4201, environment: 'D', environment_tier: 'development', commit_title: `${key} fix rounding`, ref: 'main' });
    const gitlab = () => post().set('X-Gitlab-Event', 'Deployment Hook').set('X-Gitlab-Token', GITLAB_TOKEN);
    expect(
      (
        await gitlab()
          .send(await hook('running'))
          .expect(202)
      ).body,
    ).toMatchObject({ id: 'gitlab-4201-running', status: 'in_progress', released: [] });
    expect((await slot()).state).toBe('occupied');
    const success = await gitlab()
      .send(await hook('success'))
      .expect(202);
    expect(success.body).toMatchObject({
      id: 'gitlab-4201-success',
      environment: 'D',
      status: 'successful',
      issueKeys: [key],
      inReleaseEnvironment: true,
      released: [key],
      duplicate: false,
    });
    expect((await slot()).state).toBe('free');
    expect(
      (
        await gitlab()
          .send(await hook('success'))
          .expect(200)
      ).body,
    ).toMatchObject({ id: 'gitlab-4201-success', released: [], duplicate: true });
  });

  it('a GitLab deploy to D of another tier than RELEASE_ENVIRONMENT_TYPE is recorded and releases nothing', async () => {
    const key = await holdSlot();
    const body = await gitlabHook({ deployment_id: 4202, environment: 'D', environment_tier: 'production', commit_title: `${key} fix` });
    const res = await post().set('X-Gitlab-Event', 'Deployment Hook').set('X-Gitlab-Token', GITLAB_TOKEN).send(body).expect(202);
    expect(res.body).toMatchObject({ environment: 'D', issueKeys: [key], inReleaseEnvironment: false, released: [] });
    expect((await slot()).ticket.key).toBe(key);
    const failed = await gitlabHook({ status: 'failed', deployment_id: 4203, environment: 'D', environment_tier: 'development', commit_title: `${key} fix` });
    expect((await post().set('X-Gitlab-Token', GITLAB_TOKEN).send(failed).expect(202)).body).toMatchObject({
      status: 'failed',
      inReleaseEnvironment: true,
      released: [],
    });
    const released = await post()
      .set(auth(ci))
      .send({ id: `native-${key}`, environment: 'D', status: 'successful', issueKeys: [key] })
      .expect(202);
    expect(released.body.released).toEqual([key]);
  });

  it('a wrong X-Gitlab-Token is 401 invalid_signature naming GITLAB_WEBHOOK_TOKEN, and nothing is stored', async () => {
    const before = await deploymentRows();
    const res = await post()
      .set('X-Gitlab-Event', 'Deployment Hook')
      .set('X-Gitlab-Token', 'not-the-token')
      .send(await gitlabHook({ deployment_id: 4300 }))
      .expect(401);
    expect(res.body).toEqual({ statusCode: 401, code: 'invalid_signature', message: expect.stringContaining('does not match GITLAB_WEBHOOK_TOKEN') });
    expect(await deploymentRows()).toBe(before);
  });

  it('a GitLab delivery of another event is acknowledged with ignored: true, and nothing is stored (GitLab turns failing hooks off)', async () => {
    const before = await deploymentRows();
    const push = { object_kind: 'push', event_name: 'push', ref: 'refs/heads/main', commits: [{ message: 'QAOPS-12 fix' }] };
    const res = await post().set('X-Gitlab-Event', 'Push Hook').set('X-Gitlab-Token', GITLAB_TOKEN).send(push).expect(202);
    expect(res.body).toEqual({ ignored: true, event: 'Push Hook', message: expect.stringContaining('Only Deployment Hook events are read') });
    expect(await deploymentRows()).toBe(before);
  });

  it("a GitHub delivery with GitHub's default content type (form-encoded payload=<json>), signed, releases the slot", async () => {
    const key = await holdSlot();
    const status = await githubDeploymentStatusSample();
    Object.assign(status.deployment_status, { id: 777001, environment: 'D' });
    Object.assign(status.deployment, { id: 777000, ref: `bugfix/${key}-rounding` });
    const form = `payload=${encodeURIComponent(JSON.stringify(status))}`;
    const res = await post()
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('X-GitHub-Event', 'deployment_status')
      .set('X-Hub-Signature-256', sign(form))
      .send(form)
      .expect(202);
    expect(res.body).toMatchObject({ id: 'github-777000-777001', environment: 'D', released: [key] });
  });

  it('a form-encoded body without a payload field is 400 invalid_json saying what to send', async () => {
    const res = await post().set(auth(ci)).set('Content-Type', 'application/x-www-form-urlencoded').send('id=d-9&environment=D&status=successful').expect(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'invalid_json', message: expect.stringContaining('Content type application/json') });
  });

  it('a GitHub delivery with a wrong X-Hub-Signature-256 is 401 invalid_signature naming GITHUB_WEBHOOK_SECRET, not "send a bearer token"', async () => {
    const body = JSON.stringify(await githubDeploymentStatusSample());
    const res = await post()
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', 'deployment_status')
      .set('X-Hub-Signature-256', `sha256=${'0'.repeat(64)}`)
      .send(body)
      .expect(401);
    expect(res.body).toEqual({ statusCode: 401, code: 'invalid_signature', message: expect.stringContaining('does not match GITHUB_WEBHOOK_SECRET') });
    expect(res.body.message).not.toContain('Bearer');
  });

  it('a deployment_status body forwarded without X-GitHub-Event is 400 naming the missing header', async () => {
    const res = await post()
      .set(auth(ci))
      .send(await githubDeploymentStatusSample())
      .expect(400);
    expect(res.body).toMatchObject({
      code: 'validation_failed',
      fields: [{ field: 'X-GitHub-Event', problem: expect.stringContaining('X-GitHub-Event: deployment_status') }],
    });
    expect(res.body.message).not.toContain('id is required');
  });

  it("a Jenkins plugin's own envelope is 400 unrecognised_format listing the accepted formats and the README section", async () => {
    const res = await post()
      .set(auth(ci))
      .send(await senderSample('jenkins-notification'))
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'unrecognised_format', docs: 'README.md#report-deployments-from-ci' });
    expect(res.body.formats).toHaveLength(4);
    expect(res.body.message).toContain('no format this endpoint reads');
    expect(res.body.message).not.toContain('id is required');
  });

  it('a signed GitHub deployment event (the box beside deployment statuses) is 202 ignored: true, and nothing is stored', async () => {
    const before = await deploymentRows();
    const body = JSON.stringify(await senderSample('github-deployment'));
    const res = await post()
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', 'deployment')
      .set('X-Hub-Signature-256', sign(body))
      .send(body)
      .expect(202);
    expect(res.body).toEqual({ ignored: true, event: 'deployment', message: expect.stringContaining('Nothing was recorded') });
    expect(await deploymentRows()).toBe(before);
  });

  it('a repeated deployment id is answered with what was recorded the first time, not with the repeat', async () => {
    await post()
      .set(auth(ci))
      .send({ id: 'echo-1', environment: 'QA', status: 'failed', issueKeys: ['QAOPS-1'] })
      .expect(202);
    const again = await post()
      .set(auth(ci))
      .send({ id: 'echo-1', environment: 'D', status: 'successful', issueKeys: ['QAOPS-2'] })
      .expect(200);
    expect(again.body).toEqual({
      id: 'echo-1',
      environment: 'QA',
      status: 'failed',
      issueKeys: ['QAOPS-1'],
      inReleaseEnvironment: false,
      released: [],
      duplicate: true,
    });
  });
});
