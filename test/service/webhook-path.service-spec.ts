import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { PROJECT, seedBug, STATUS, USERS } from '../../jira-sim/world/site';
import { InboxService } from '../../src/webhooks/inbox.service';
import { DeploymentsService } from '../../src/deployments/deployments.service';
import { QueueQuery } from '../../src/flow/queue.query';
import { RotaService } from '../../src/rota/rota.service';
import { TicketRecordQuery } from '../../src/ticket-record/ticket-record.query';
import { startServiceWorld, type ServiceWorld } from './service-world';

type Body = Record<string, unknown>;

/**
 * The webhook path (inbox → claim → read → decide → commit → outbox → Jira), each case from a fresh
 * world: Jira's webhooks handed over in the order a case chooses, the inbox and outbox cranked by hand.
 */
describe('the webhook path, at the service level', () => {
  let w: ServiceWorld;
  const ticket = (key: string) => w.get(TicketRecordQuery).byKey(key);
  const slot = async () => (await w.get(QueueQuery).queue()).slot;
  const audits = async (type: string) => w.sql<{ key: string | null }>(`SELECT ticket_key AS key FROM audit_event WHERE type = $1 ORDER BY id`, [type]);
  const serviceComments = (key: string) => w.sim.comments(key).filter((c) => c.authorId === USERS.service);

  /** three bugs readied by the PO, the first designated developer named: the flow can start */
  async function readied(keys = ['QAOPS-1', 'QAOPS-2', 'QAOPS-3']): Promise<void> {
    for (const key of keys) seedBug(w.sim, { key, statusId: STATUS.triage });
    for (const key of keys) w.sim.transition(key, STATUS.ready, USERS.po);
    await w.get(RotaService).assign(USERS.dev1, undefined, USERS.po);
  }

  beforeEach(async () => {
    w = await startServiceWorld();
  });
  afterEach(async () => {
    await w?.close();
  });

  it('a bug readied in Jira is tracked in Ready for sprint and linked to its client ticket', async () => {
    await readied(['QAOPS-1']);
    await w.settle();
    const t = await ticket('QAOPS-1');
    expect(t.ticket).toMatchObject({ column: 'ready', statusId: STATUS.ready });
    expect(t.serviceDesk).toMatchObject({ key: 'SUP-1' });
    expect(await audits('ticket.status_changed')).toEqual([{ key: 'QAOPS-1' }]); // learnt from its move to Ready for sprint
  });

  it('a pickup of the top ticket in Jira holds the slot and tells the client ticket in an internal note', async () => {
    await readied();
    await w.settle();
    w.sim.transition('QAOPS-1', STATUS.inProgress, USERS.dev1);
    await w.settle();
    expect(await slot()).toMatchObject({ state: 'occupied', ticket: { key: 'QAOPS-1' } });
    const notes = serviceComments('SUP-1');
    expect(notes.map((n) => n.text)).toEqual([
      expect.stringContaining('is assessed and Ready for sprint'),
      expect.stringContaining('was picked up by dev-ada'),
    ]);
    expect(notes.every((n) => !n.public)).toBe(true);
    expect(w.sim.issue('QAOPS-1')?.statusId).toBe(STATUS.inProgress); // nothing reverted
  });

  it('a pickup of a ticket that is not the top is moved back and told why, and the slot stays free', async () => {
    await readied();
    await w.settle();
    w.sim.transition('QAOPS-2', STATUS.inProgress, USERS.dev1);
    await w.settle();
    expect(w.sim.issue('QAOPS-2')?.statusId).toBe(STATUS.ready);
    expect(serviceComments('QAOPS-2')).toHaveLength(1);
    expect(await slot()).toMatchObject({ state: 'free' });
    expect((await audits('violation')).map((a) => a.key)).toEqual(['QAOPS-2']);
  });

  it('a second pickup while the slot is held is moved back; the holder keeps it', async () => {
    await readied();
    await w.settle();
    w.sim.transition('QAOPS-1', STATUS.inProgress, USERS.dev1);
    await w.settle();
    w.sim.transition('QAOPS-2', STATUS.inProgress, USERS.dev1);
    await w.settle();
    expect(w.sim.issue('QAOPS-2')?.statusId).toBe(STATUS.ready);
    expect(await slot()).toMatchObject({ state: 'occupied', ticket: { key: 'QAOPS-1' } });
  });

  it('every webhook delivered twice and the whole lot backwards decides what one ordered delivery decides', async () => {
    await readied();
    const backwardsTwice = (bodies: Body[]) => [...bodies].reverse().flatMap((b) => [b, b]);
    expect(await w.deliver(backwardsTwice)).toBe(6);
    const [{ n }] = await w.sql<{ n: string }>(`SELECT count(*) AS n FROM webhook_event`);
    expect(Number(n)).toBe(3); // the repeats were not stored again
    await w.settle();
    for (const key of ['QAOPS-1', 'QAOPS-2', 'QAOPS-3']) expect((await ticket(key)).ticket).toMatchObject({ column: 'ready' });
    expect((await audits('ticket.status_changed')).map((a) => a.key).sort()).toEqual(['QAOPS-1', 'QAOPS-2', 'QAOPS-3']);
  });

  it('an older event of a ticket arriving after a newer one was applied does not undo it', async () => {
    await readied(['QAOPS-1']);
    await w.settle();
    w.sim.transition('QAOPS-1', STATUS.triage, USERS.po);
    w.sim.transition('QAOPS-1', STATUS.ready, USERS.po);
    const [toTriage, toReady] = w.take();
    await w.hand([toReady]);
    await w.process();
    await w.hand([toTriage]); // Jira's retry of the earlier one, late
    await w.settle();
    expect((await ticket('QAOPS-1')).ticket).toMatchObject({ column: 'ready' });
    expect(await audits('webhook.stale_ignored')).toEqual([{ key: 'QAOPS-1' }]);
  });

  it('an event whose Jira read fails is retried later alone; the rest of its batch is applied', async () => {
    await readied(['QAOPS-1']);
    await w.settle();
    seedBug(w.sim, { key: 'QAOPS-2', statusId: STATUS.triage });
    w.sim.transition('QAOPS-2', STATUS.ready, USERS.po); // untracked: its decision needs the QA board's search
    w.sim.setLabels('QAOPS-1', ['3rd-line', 'customer-facing'], USERS.po); // tracked: its decision needs no read
    await w.deliver();
    w.sim.failFor(60_000, { status: 503, match: { method: 'POST', pathIncludes: '/search' } });
    await w.process();
    const rows = await w.sql<{ key: string; status: string; attempts: number }>(
      `SELECT body->'issue'->>'key' AS key, status, attempts FROM webhook_event WHERE status = 'pending'`,
    );
    expect(rows).toEqual([{ key: 'QAOPS-2', status: 'pending', attempts: 1 }]);
    expect((await ticket('QAOPS-1')).ticket?.labels).toEqual(['3rd-line', 'customer-facing']);
    w.sim.clearFaults();
    await w.sql(`UPDATE webhook_event SET next_attempt_at = now() WHERE status = 'pending'`); // the retry is due
    await w.settle();
    expect((await ticket('QAOPS-2')).ticket).toMatchObject({ column: 'ready' });
  });

  it('a webhook that cannot be read as a Jira event is quarantined at once, with its audit and a notification', async () => {
    const body = { webhookEvent: 'jira:issue_updated', timestamp: Date.now(), issue: { id: '10999', key: 'QAOPS-99' } }; // no fields
    await w.get(InboxService).accept(body, Buffer.from(JSON.stringify(body)), 'malformed-1');
    await w.process();
    const [row] = await w.sql<{ status: string; reason: string }>(`SELECT status, error AS reason FROM webhook_event`);
    expect(row.status).toBe('quarantined');
    expect(row.reason).toContain('issue.fields is missing');
    expect(await audits('webhook.quarantined')).toEqual([{ key: 'QAOPS-99' }]);
  });

  it('a deployment of the holder to D frees the slot, and the client ticket is told', async () => {
    await readied();
    await w.settle();
    w.sim.transition('QAOPS-1', STATUS.inProgress, USERS.dev1);
    await w.settle();
    const result = await w
      .get(DeploymentsService)
      .report({ id: 'deploy-1', environment: 'D', status: 'successful', issueKeys: ['QAOPS-1'], url: null, source: 'native' });
    expect(result.released).toEqual(['QAOPS-1']);
    await w.settle();
    expect(await slot()).toMatchObject({ state: 'free' });
    expect(serviceComments('SUP-1').length).toBeGreaterThanOrEqual(2); // picked up, then deployed
  });

  it('a client ticket of the service desk project is not tracked as a bug', async () => {
    w.sim.seedIssue({ key: 'SUP-7', project: PROJECT.serviceDesk, summary: 'printer on fire', statusId: STATUS.waitingForSupport, issueType: 'Bug' });
    w.sim.addComment('SUP-7', 'any news?', USERS.support);
    await w.settle();
    await expect(ticket('SUP-7')).rejects.toThrow('The service tracks no ticket SUP-7');
  });
});
