import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ServiceDeskClient } from 'jira.js';
import type { JiraSimulator } from './jira-simulator';
import { API_TOKEN, createWorld, data, EMAIL, failure } from './sim-fixture';
import { completedCycle, slaMetric } from './sla';

const auth = { basic: { email: EMAIL, apiToken: API_TOKEN } };
const basic = { authorization: `Basic ${Buffer.from(`${EMAIL}:${API_TOKEN}`).toString('base64')}` };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2025-03-03T09:00:00.000Z');

const date = (ms: number) => ({
  iso8601: new Date(ms).toISOString().replace('Z', '+0000'),
  jira: new Date(ms).toISOString().replace('Z', '+0000'),
  friendly: new Date(ms).toUTCString(),
  epochMillis: ms,
});

describe("JSM's SLA information of a request (getSlaInformation), driven through jira.js", () => {
  let now: number;
  let sim: JiraSimulator;
  let desk: ServiceDeskClient;

  beforeEach(async () => {
    now = T0;
    sim = createWorld({ clock: () => now });
    await sim.start();
    desk = new ServiceDeskClient({ host: sim.baseUrl, authentication: auth });
  });

  afterEach(async () => {
    await sim.stop();
    expect(sim.responseProblems()).toEqual([]);
  });

  const page = (start?: number, limit?: number) => desk.request.getSlaInformation({ issueIdOrKey: 'SUP-1', start, limit });

  it('serves a running clock in the documented shape, and reports it breached once the clock passes its goal', async () => {
    sim.setSla('SUP-1', [slaMetric.running('1', 'Time to first response', { startedAt: T0 - 30 * MINUTE, goalMs: 4 * HOUR, elapsedMs: 30 * MINUTE })]);
    const answer = await page();
    expect(answer).toEqual({
      _expands: [],
      size: 1,
      start: 0,
      limit: 50,
      isLastPage: true,
      values: [
        {
          id: '1',
          name: 'Time to first response',
          _links: { self: `${sim.baseUrl}/rest/servicedeskapi/request/10004/sla/1` },
          completedCycles: [],
          ongoingCycle: {
            startTime: date(T0 - 30 * MINUTE),
            breachTime: date(T0 + 3.5 * HOUR),
            breached: false,
            paused: false,
            withinCalendarHours: false,
            goalDuration: { millis: 4 * HOUR, friendly: '4h 0m' },
            elapsedTime: { millis: 30 * MINUTE, friendly: '0h 30m' },
            remainingTime: { millis: 3.5 * HOUR, friendly: '3h 30m' },
          },
        },
      ],
      _links: { base: sim.baseUrl, context: '', self: `${sim.baseUrl}/rest/servicedeskapi/request/10004/sla?start=0&limit=50` },
    });

    now = T0 + 3 * HOUR; // still within its goal
    expect((await page()).values?.[0]?.ongoingCycle).toMatchObject({
      breached: false,
      remainingTime: { millis: 30 * MINUTE },
      breachTime: date(T0 + 3.5 * HOUR),
    });

    now = T0 + 4 * HOUR; // past it
    expect((await page()).values?.[0]?.ongoingCycle).toEqual(
      expect.objectContaining({
        breached: true,
        paused: false,
        breachTime: date(T0 + 3.5 * HOUR),
        elapsedTime: { millis: 4.5 * HOUR, friendly: '4h 30m' },
        remainingTime: { millis: -30 * MINUTE, friendly: '-0h 30m' },
      }),
    );
  });

  it('serves a paused clock without a breach time, its elapsed time standing still', async () => {
    sim.setSla('SUP-1', [
      slaMetric.paused('2', 'Time to resolution', { startedAt: T0 - 2 * HOUR, goalMs: 8 * HOUR, elapsedMs: HOUR, withinCalendarHours: true }),
    ]);
    now = T0 + 10 * HOUR;
    const [metric] = (await page()).values ?? [];
    expect(metric?.ongoingCycle).toEqual({
      startTime: date(T0 - 2 * HOUR),
      breached: false,
      paused: true,
      withinCalendarHours: true,
      goalDuration: { millis: 8 * HOUR, friendly: '8h 0m' },
      elapsedTime: { millis: HOUR, friendly: '1h 0m' },
      remainingTime: { millis: 7 * HOUR, friendly: '7h 0m' },
    });
  });

  it('serves a met metric as one completed cycle and no ongoing cycle, a missed one as breached', async () => {
    sim.setSla('SUP-1', [
      slaMetric.met('1', 'Time to first response', { startedAt: T0 - 5 * HOUR, stoppedAt: T0 - 4 * HOUR, goalMs: 4 * HOUR }),
      slaMetric.missed('2', 'Time to resolution', { startedAt: T0 - 10 * HOUR, stoppedAt: T0 - HOUR, goalMs: 8 * HOUR }),
    ]);
    now = T0 + HOUR; // completed cycles do not move
    const [met, missed] = (await page()).values ?? [];
    expect(met).not.toHaveProperty('ongoingCycle');
    expect(met?.completedCycles).toEqual([
      {
        startTime: date(T0 - 5 * HOUR),
        stopTime: date(T0 - 4 * HOUR),
        breachTime: date(T0 - HOUR), // would have breached
        breached: false,
        goalDuration: { millis: 4 * HOUR, friendly: '4h 0m' },
        elapsedTime: { millis: HOUR, friendly: '1h 0m' },
        remainingTime: { millis: 3 * HOUR, friendly: '3h 0m' },
      },
    ]);
    expect(missed).not.toHaveProperty('ongoingCycle');
    expect(missed?.completedCycles).toEqual([
      expect.objectContaining({ breached: true, breachTime: date(T0 - 2 * HOUR), remainingTime: { millis: -HOUR, friendly: '-1h 0m' } }),
    ]);
  });

  it('serves an ongoing breached clock after earlier cycles, and a metric not started with no cycle', async () => {
    const earlier = completedCycle({ startedAt: T0 - 20 * HOUR, stoppedAt: T0 - 19 * HOUR, goalMs: 2 * HOUR });
    sim.setSla('SUP-1', [
      slaMetric.breached('1', 'Time to first response', { startedAt: T0 - 3 * HOUR, goalMs: 2 * HOUR, elapsedMs: 3 * HOUR, completed: [earlier] }),
      slaMetric.notStarted('2', 'Time to resolution'),
    ]);
    const [breached, notStarted] = (await page()).values ?? [];
    expect(breached?.completedCycles).toEqual([expect.objectContaining({ breached: false, elapsedTime: { millis: HOUR, friendly: '1h 0m' } })]);
    expect(breached?.ongoingCycle).toMatchObject({ breached: true, breachTime: date(T0 - HOUR), remainingTime: { millis: -HOUR } });
    expect(notStarted).toEqual({
      id: '2',
      name: 'Time to resolution',
      _links: { self: `${sim.baseUrl}/rest/servicedeskapi/request/10004/sla/2` },
      completedCycles: [],
    });
  });

  it('answers values: [] for a request with no metrics set, and 404 for an issue that is not a request', async () => {
    expect(await page()).toMatchObject({ size: 0, start: 0, limit: 50, isLastPage: true, values: [] });
    for (const key of ['QAOPS-1', 'SUP-99']) {
      const error = await failure(desk.request.getSlaInformation({ issueIdOrKey: key }));
      expect(error.status).toBe(404);
      expect(data(error).errorMessages).toEqual(['Request does not exist or you do not have permission to see it.']);
    }
    expect(() => sim.setSla('QAOPS-1', [])).toThrow('QAOPS-1 is not a service desk request');
    expect(() => sim.setSla('SUP-1', [slaMetric.notStarted('ttr', 'Time to resolution')])).toThrow('not numeric');
  });

  it('pages by start and limit (default limit 50), and reads by issue id too', async () => {
    const goal = { startedAt: T0, goalMs: HOUR, elapsedMs: 0 };
    sim.setSla('SUP-1', [slaMetric.running('1', 'A', goal), slaMetric.running('2', 'B', goal), slaMetric.running('3', 'C', goal)]);
    const first = await page(0, 2);
    expect(first).toMatchObject({ size: 2, start: 0, limit: 2, isLastPage: false });
    expect(first.values?.map((v) => v.id)).toEqual(['1', '2']);
    expect((first as { _links?: { next?: string } })._links?.next).toBe(`${sim.baseUrl}/rest/servicedeskapi/request/10004/sla?start=2&limit=2`);
    const second = await page(2, 2);
    expect(second).toMatchObject({ size: 1, start: 2, limit: 2, isLastPage: true });
    expect(second.values?.map((v) => v.id)).toEqual(['3']);
    const byId = await desk.request.getSlaInformation({ issueIdOrKey: '10004' });
    expect(byId.values?.map((v) => v.id)).toEqual(['1', '2', '3']);
    sim.setSla('SUP-1', [slaMetric.running('4', 'D', goal)]); // replaces
    expect((await page()).values?.map((v) => v.id)).toEqual(['4']);
  });

  it('counts SLA reads from the request log, and answers an injected 429 with Retry-After', async () => {
    sim.failNext(1, { status: 429, retryAfterSeconds: 7, match: { method: 'GET', pathIncludes: '/sla' } });
    const limited = await fetch(`${sim.baseUrl}/rest/servicedeskapi/request/SUP-1/sla`, { headers: basic });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.json()).toEqual({ errorMessages: ['Rate limit exceeded.'], errors: {} });
    await page();
    await desk.request.getCustomerRequestByIdOrKey({ issueIdOrKey: 'SUP-1' });
    const slaReads = sim.requests.filter((r) => r.method === 'GET' && r.operationId === 'getSlaInformation');
    expect(slaReads.map((r) => [r.path, r.status, r.faulted ?? false])).toEqual([
      ['/rest/servicedeskapi/request/SUP-1/sla', 429, true],
      ['/rest/servicedeskapi/request/SUP-1/sla', 200, false],
    ]);
  });
});
