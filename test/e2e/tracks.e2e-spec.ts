import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { seedBug } from '../../jira-sim/world/site';
import { dataSourceOptions } from '../../ormconfig';
import { DefaultTrack1764302000000 } from '../../src/database/migrations/1764302000000-DefaultTrack';
import { STATUS, USERS, startWorld, type World } from '../support/jira-world';
import { story } from '../support/story';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { bearer as auth, tokenFor } from '../support/tokens';

/**
 * contract.md "Tracks", as far as it is built: the environment variables define the track `default`
 * (named TRACK_NAME), listed at GET /api/tracks, and every per-track path acts on it as the unprefixed
 * one does; any other id is 404 track_not_found. Tracks kept as data are not built yet.
 */
describe('the track default', () => {
  const step = story('the track default');
  let w: World;
  let po: string;
  let developer: string;
  let admin: string;
  const api = () => request(w.app.url);

  beforeAll(async () => {
    w = await startWorld({ TRACK_NAME: 'Billing' }, { delivery: 'ordered' });
    seedBug(w.sim, { key: 'QAOPS-71', statusId: STATUS.ready });
    seedBug(w.sim, { key: 'QAOPS-72', statusId: STATUS.ready });
    po = await tokenFor(w.app.url, 'po');
    developer = await tokenFor(w.app.url, 'developer', USERS.dev1);
    admin = await tokenFor(w.app.url, 'admin');
  });
  afterAll(async () => {
    await w?.close();
  });

  step('GET /api/tracks lists the track the environment variables define, named TRACK_NAME, its slot free', async () => {
    const tracks = await api().get('/api/tracks').set(auth(po)).expect(200);
    expect(tracks.body).toEqual([
      {
        id: 'default',
        name: 'Billing',
        qaBoardId: 1,
        sprintBoardId: 2,
        columns: { triage: 'Triage', ready: 'Ready for sprint', inProgress: 'In Progress' },
        enforcement: 'revert',
        releaseEnvironments: ['D'],
        triage: { project: 'QAOPS', issueType: 'Bug', label: '3rd-line' },
        slot: { state: 'free', ticket: null },
      },
    ]);
  });

  step('the per-track paths of default act as the unprefixed ones: rota, queue, pickup, release', async () => {
    await api().put('/api/tracks/default/rota').set(auth(po)).send({ accountId: USERS.dev1 }).expect(200);
    expect((await api().get('/api/rota').set(auth(po)).expect(200)).body.designatedDeveloper).toMatchObject({ accountId: USERS.dev1 });
    const queue = await api().get('/api/tracks/default/queue').set(auth(po)).expect(200);
    expect(queue.body.ready.map((r: { key: string }) => r.key)).toEqual(
      (await api().get('/api/queue').set(auth(po))).body.ready.map((r: { key: string }) => r.key),
    );
    const picked = await api().post('/api/tracks/default/pickups').set(auth(developer)).expect(201);
    const tracks = await api().get('/api/tracks').set(auth(po)).expect(200);
    expect(tracks.body[0].slot).toEqual({ state: 'occupied', ticket: picked.body.key });
    await api().post('/api/tracks/default/slot/release').set(auth(admin)).send({ reason: 'checking the per-track path' }).expect(200);
    expect((await api().get('/api/queue').set(auth(po))).body.slot.state).toBe('free');
  });

  step('any other track id is 404 track_not_found on every per-track path, and changes nothing', async () => {
    const calls = [
      api().get('/api/tracks/payments/queue').set(auth(po)),
      api().post('/api/tracks/payments/pickups').set(auth(developer)),
      api().post('/api/tracks/payments/slot/release').set(auth(admin)).send({ reason: 'no such track' }),
      api().get('/api/tracks/payments/rota').set(auth(po)),
      api().put('/api/tracks/payments/rota').set(auth(po)).send({ accountId: USERS.dev2 }),
    ];
    for (const answer of await Promise.all(calls)) {
      expect([answer.status, answer.body.code]).toEqual([404, 'track_not_found']);
      expect(answer.body.message).toContain('"payments"');
    }
    expect((await api().get('/api/rota').set(auth(po)).expect(200)).body.designatedDeveloper).toMatchObject({ accountId: USERS.dev1 });
    expect((await api().get('/api/queue').set(auth(po))).body.slot.state).toBe('free');
  });
});

describe("the migration to the track default: the old track's slot history and rota move with it", () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it("a database of the one-track service ('3rd-line', a slot held, a rota) is the track default after it, and back after down()", async () => {
    const ds = new DataSource(dataSourceOptions(db.url));
    await ds.initialize();
    const runner = ds.createQueryRunner();
    const migration = new DefaultTrack1764302000000();
    try {
      await migration.down(runner); // the template is migrated: back to the one-track service's ids
      await pool.query(`INSERT INTO slot_occupancy (track, ticket_key, picked_up_at, picked_up_by, via) VALUES ('3rd-line', 'QAOPS-9', now(), 'ada', 'api')`);
      await pool.query(`UPDATE rota_state SET active_sprint_id = 42 WHERE id = '3rd-line'`);
      await migration.up(runner);
      expect((await pool.query(`SELECT id FROM flow_track`)).rows).toEqual([{ id: 'default' }]);
      expect((await pool.query(`SELECT track, ticket_key FROM slot_occupancy`)).rows).toEqual([{ track: 'default', ticket_key: 'QAOPS-9' }]);
      expect((await pool.query(`SELECT id, active_sprint_id FROM rota_state`)).rows).toEqual([{ id: 'default', active_sprint_id: 42 }]);
      await migration.down(runner);
      expect((await pool.query(`SELECT track FROM slot_occupancy`)).rows).toEqual([{ track: '3rd-line' }]);
      await migration.up(runner);
    } finally {
      await runner.release();
      await ds.destroy();
    }
  });
});
