import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import type { SetBackClock } from '../../src/common/set-back-clock';
import { ForecastNotesJob } from '../../src/forecast/forecast-notes.job';
import { startClockedWorld } from '../support/clocked-world';
import { STATUS, USERS, seedBug, type World } from '../support/jira-world';
import { outboxesQuiet } from '../support/outboxes';
import { story } from '../support/story';
import { bearer as auth, tokenFor } from '../support/tokens';

const H = 3_600_000;
const TOLERANCE_MS = 5 * 60_000; // the played flow runs on a live clock: each step takes a few real milliseconds

interface ReadyItem {
  key: string;
  forecast: { p50: string; p85: string; samples: number } | null;
  reason?: string;
}

/**
 * Five fixes played on a clock set back in time, each 48 h from pickup to the deploy to D and the
 * next pickup 24 h after each deploy: every forecast is then exact (p50 = p85), and the forecast
 * notes follow their rule (first in Ready, then p85 moved by more than a day, at most once a day).
 */
describe('forecasts of the Ready tickets and the forecast notes on their JSM tickets', () => {
  // one clock moved forward step by step: each step's notes and ranks are where the one before left them
  const step = story('forecasts of the Ready tickets');
  let w: World & { clock: SetBackClock };
  let db: pg.Pool;
  let po: string;
  let lastDeploy: Date;
  const ranked: string[] = [];
  const at = (base: Date, hours: number) => new Date(base.getTime() + hours * H);
  const queue = async () => (await request(w.app.url).get('/api/queue').set(auth(po)).expect(200)).body.ready as ReadyItem[];
  const notes = (sd: string) => w.sim.comments(sd).filter((c) => !c.public && c.text.includes('orecast'));
  const runJob = async (when: Date) => {
    w.clock.moveTo(when);
    const written = await w.app.app.get(ForecastNotesJob).run();
    await outboxesQuiet(w.sim, db);
    return written;
  };
  const expectNear = (iso: string | undefined, expected: Date) => expect(Math.abs(new Date(iso!).getTime() - expected.getTime())).toBeLessThan(TOLERANCE_MS);

  beforeAll(async () => {
    const start = new Date(Date.now() - 20 * 24 * H);
    w = await startClockedWorld(start, { FORECAST_NOTE_SECONDS: '0' });
    db = new pg.Pool({ connectionString: w.app.db.url, max: 2 });
    for (const n of [1, 2, 3, 4, 5]) seedBug(w.sim, { key: `QAOPS-${n}`, summary: `past fix ${n}`, statusId: STATUS.ready });
    po = await tokenFor(w.app.url, 'po');
    const support = await tokenFor(w.app.url, 'support');
    const dev1 = await tokenFor(w.app.url, 'developer', USERS.dev1);
    const ci = await tokenFor(w.app.url, 'ci');
    await request(w.app.url).put('/api/rota').set(auth(po)).send({ accountId: USERS.dev1 }).expect(200);
    for (const sd of ['SUP-81', 'SUP-82']) {
      w.sim.seedIssue({ key: sd, project: 'SUP', summary: `client ticket ${sd}`, statusId: '1', issueType: 'Bug', priority: 'Low' });
      ranked.push((await request(w.app.url).post('/api/escalations').set(auth(support)).send({ serviceDeskKey: sd }).expect(201)).body.triageKey);
    }
    await outboxesQuiet(w.sim, db); // the escalation's own changes (link, note) first
    for (const key of ranked) w.sim.transition(key, STATUS.ready, USERS.po);
    await outboxesQuiet(w.sim, db);
    const t0 = at(start, 1);
    for (const n of [0, 1, 2, 3, 4]) {
      w.clock.moveTo(at(t0, n * 72));
      expect((await request(w.app.url).post('/api/pickups').set(auth(dev1)).expect(201)).body.key).toBe(`QAOPS-${n + 1}`);
      await outboxesQuiet(w.sim, db);
      lastDeploy = at(t0, n * 72 + 48);
      w.clock.moveTo(lastDeploy);
      await request(w.app.url)
        .post('/api/deployments')
        .set(auth(ci))
        .send({ id: `deploy-d-${n}`, environment: 'D', status: 'successful', issueKeys: [`QAOPS-${n + 1}`] })
        .expect(202);
      await outboxesQuiet(w.sim, db);
    }
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await w?.close();
  });

  step('GET /api/queue forecasts each ready ticket from the five cycles: the rest of the gap + a cycle, then gap + cycle', async () => {
    w.clock.moveTo(at(lastDeploy, 1));
    const ready = await queue();
    expect(ready.map((r) => r.key)).toEqual(ranked);
    expect(ready.map((r) => r.forecast?.samples)).toEqual([5, 5]);
    expectNear(ready[0].forecast?.p50, at(lastDeploy, 72));
    expectNear(ready[0].forecast?.p85, at(lastDeploy, 72));
    expectNear(ready[1].forecast?.p50, at(lastDeploy, 144));
    expectNear(ready[1].forecast?.p85, at(lastDeploy, 144));
  });

  step('a ticket gets its first forecast note on entering Ready, and the next run of the job writes nothing', async () => {
    expect(await runJob(at(lastDeploy, 1))).toBe(2);
    expect(notes('SUP-81').map((n) => n.text)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Forecast for ${ranked[0]} \\(position 1 in Ready for sprint\\): its fix should be deployed to D by \\d{4}-\\d\\d-\\d\\d \\(85% likely\\), most likely by \\d{4}-\\d\\d-\\d\\d\\. Based on 5 recent fixes`,
        ),
      ),
    ]);
    expect(notes('SUP-82')).toHaveLength(1);
    expect(await runJob(at(lastDeploy, 2))).toBe(0);
    expect(notes('SUP-81')).toHaveLength(1);
  });

  step('the PO reranks: both p85 dates move by three days, but no second note within a day', async () => {
    w.sim.rank(ranked[1], { top: true }, USERS.po);
    await outboxesQuiet(w.sim, db);
    expect((await queue()).map((r) => r.key)).toEqual([ranked[1], ranked[0]]);
    expect(await runJob(at(lastDeploy, 3))).toBe(0);
    expect([...notes('SUP-81'), ...notes('SUP-82')]).toHaveLength(2);
  });

  step('a day after the first notes, each moved forecast is noted once, saying what it was', async () => {
    expect(await runJob(at(lastDeploy, 26))).toBe(2);
    expect(notes('SUP-81').at(-1)?.text).toMatch(
      new RegExp(`^The forecast for ${ranked[0]} moved \\(position 2 in Ready for sprint\\): .*\\(85% likely; was \\d{4}-\\d\\d-\\d\\d\\)`),
    );
    expect(notes('SUP-82').at(-1)?.text).toMatch(/position 1 in Ready for sprint/);
    expect(await runJob(at(lastDeploy, 27))).toBe(0);
    expect([notes('SUP-81').length, notes('SUP-82').length]).toEqual([2, 2]);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE type = 'forecast.noted'`);
    expect(rows[0].n).toBe(4);
  });

  step('with the slot free for longer than any recorded gap, the next pickup is taken as due now', async () => {
    const ready = await queue();
    expectNear(ready[0].forecast?.p85, at(lastDeploy, 27 + 48));
    expectNear(ready[1].forecast?.p85, at(lastDeploy, 27 + 48 + 72));
  });
});
