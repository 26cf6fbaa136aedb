import { Agent } from 'node:http';
import { type Endpoint, FOUR_XX, type FuzzCase } from './fuzz-case';
import { describeCase, send } from './http.transport';

export interface FuzzRun {
  /** cases built; `sent` of them went out before the deadline */
  total: number;
  sent: number;
  elapsedMs: number;
  /** per endpoint, how many answers of each status (2xx by design counted apart) */
  histogram: Record<Endpoint, Record<string, number>>;
  /** every answer the case did not expect, described so it can be replayed */
  failures: string[];
  /** signed envelopes answered `duplicate: false` (stored) and `duplicate: true` */
  acceptedFresh: number;
  acceptedDuplicate: number;
}

/** Sends the cases `concurrency` at a time over keep-alive connections until done or the deadline, checking each answer. */
export async function runFuzz(baseUrl: string, cases: (() => FuzzCase)[], concurrency: number, deadlineMs: number): Promise<FuzzRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const run: FuzzRun = {
    total: cases.length,
    sent: 0,
    elapsedMs: 0,
    histogram: { webhooks: {}, deployments: {}, pickups: {} },
    failures: [],
    acceptedFresh: 0,
    acceptedDuplicate: 0,
  };
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < cases.length && Date.now() - started < deadlineMs) {
      const c = cases[next++]();
      const answer = await send(baseUrl, agent, c);
      run.sent += 1;
      const byDesign = c.acceptedByDesign && typeof answer.status === 'number' && answer.status < 300;
      const bucket = byDesign ? `${answer.status}(${c.acceptedByDesign}, by design)` : String(answer.status);
      run.histogram[c.endpoint][bucket] = (run.histogram[c.endpoint][bucket] ?? 0) + 1;
      if (typeof answer.status !== 'number' || !c.expected.includes(answer.status)) {
        run.failures.push(
          `${describeCase(c)} → ${answer.status} ${answer.body.slice(0, 300)} (expected ${c.expected === FOUR_XX ? '4xx' : c.expected.join('/')})`,
        );
      } else if (c.acceptedByDesign === 'envelope') {
        if (/"duplicate":\s*false/.test(answer.body)) run.acceptedFresh += 1;
        else run.acceptedDuplicate += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  run.elapsedMs = Date.now() - started;
  return run;
}

/** The one line a run prints: how many went out, and the answers per endpoint. */
export function summaryOf(seed: number, run: FuzzRun, deadlineMs: number): string {
  const hist = (e: Endpoint) =>
    Object.entries(run.histogram[e])
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
  const total = (e: Endpoint) => Object.values(run.histogram[e]).reduce((a, b) => a + b, 0);
  const cut = run.sent < run.total ? ` (stopped at the ${deadlineMs / 1000}s deadline; ${run.total - run.sent} not sent)` : '';
  return `fuzz-inputs seed=${seed}: ${run.sent} requests${cut} in ${(run.elapsedMs / 1000).toFixed(1)}s | webhooks ${total('webhooks')} {${hist('webhooks')}} | deployments ${total('deployments')} {${hist('deployments')}} | pickups ${total('pickups')} {${hist('pickups')}} | envelopes stored by design ${run.acceptedFresh} (+${run.acceptedDuplicate} duplicates)`;
}
