import { describe, expect, it } from '@jest/globals';
import type { LostAnswer } from '../../jira-sim';
import { query } from '../support/chaos';
import { startWorld, waitFor } from '../support/jira-world';
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
      expect(await query(w.app.db.url, `SELECT kind, last_error FROM jira_command WHERE status <> 'done'`)).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
