import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { JiraGateway } from '../../src/jira/jira.gateway';
import { OutboxWriter } from '../../src/jira/outbox/outbox.writer';
import { installJiraTransactionGuard, resetGuard, watchApp } from '../support/jira-transaction.guard';
import { STATUS, seedBug, startWorld, waitFor, type World } from '../support/jira-world';

const guard = installJiraTransactionGuard();

/** The guard that jira-side-pickups and service-desk run under can see what it claims to see. */
describe('the no-Jira-call-in-a-transaction guard', () => {
  let w: World;
  let db: DataSource;
  let jira: JiraGateway;
  beforeAll(async () => {
    w = await startWorld({}, { delivery: 'ordered' });
    watchApp(w.app.app);
    seedBug(w.sim, { key: 'QAOPS-1', statusId: STATUS.triage });
    db = w.app.app.get(DataSource);
    jira = w.app.app.get(JiraGateway);
  });
  afterAll(async () => {
    await w?.close();
  });
  beforeEach(() => resetGuard());

  it('reports a Jira read in a transaction callback (DataSource.transaction)', async () => {
    await db.transaction(async (m) => {
      await m.query('SELECT 1');
      await jira.issue('QAOPS-1');
    });
    expect(guard.violations).toHaveLength(1);
    expect(guard.violations[0]).toMatch(/^JiraGateway\.issue\(\["QAOPS-1"/);
  });

  it('reports a Jira call after QueryRunner.startTransaction in the same async function, and not after the commit', async () => {
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await jira.transitions('QAOPS-1');
    await runner.commitTransaction();
    await jira.transitions('QAOPS-1');
    await runner.release();
    expect(guard.violations.map((v) => v.split('(')[0])).toEqual(['JiraGateway.transitions']);
  });

  it('does not count a transaction another flow holds open at the same time', async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((r) => (release = r));
    const other = db.transaction(async (m) => {
      await m.query('SELECT 1');
      await held;
    });
    await jira.issue('QAOPS-1');
    release();
    await other;
    expect(guard.violations).toEqual([]);
    expect(guard.jiraCalls).toBe(1);
  });

  it('the outbox worker calls Jira outside any transaction (its claim is a session lock, its attempt and outcome short transactions)', async () => {
    const before = guard.jiraCalls;
    await db.transaction((m) =>
      w.app.app.get(OutboxWriter).enqueue(m, [{ kind: 'comment', key: 'QAOPS-1', text: 'sent by the outbox' }], 'guard test', new Date()),
    );
    await waitFor('the outbox to send the comment', () => w.sim.comments('QAOPS-1').some((c) => c.text.includes('sent by the outbox')));
    expect(guard.jiraCalls).toBeGreaterThan(before);
    expect(guard.violations).toEqual([]);
    expect(guard.blindSpots).toEqual([]);
  });

  it('sees every transaction start, commit and rollback', async () => {
    await db.transaction((m) => m.query('SELECT 1'));
    await db.transaction(async (m) => m.transaction((inner) => inner.query('SELECT 1')));
    await expect(db.transaction(async () => Promise.reject(new Error('rolled back')))).rejects.toThrow('rolled back');
    expect(guard.transactions.started).toBeGreaterThanOrEqual(4);
    expect(guard.transactions.rolledBack).toBeGreaterThanOrEqual(1);
    expect(guard.blindSpots).toEqual([]);
  });
});
