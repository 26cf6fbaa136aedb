import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { jiraEnv, newSimulator } from '../support/jira-world';
import type { JiraSimulator } from '../../jira-sim';

const run = promisify(execFile);

/** `npm run jira:doctor` against the simulator: its calls are checked against Atlassian's documents like the service's. */
describe('jira:doctor', () => {
  let sim: JiraSimulator;
  beforeAll(async () => {
    sim = newSimulator({ delivery: 'ordered' }).sim;
    await sim.start();
  });
  afterAll(async () => {
    await sim?.stop();
  });

  const doctor = (env: Record<string, string>) =>
    run(process.execPath, ['dist/src/jira/doctor/jira-doctor.cli.js'], { env: { ...process.env, ...jiraEnv(sim), ...env } }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );

  it('finds the site set up as the service expects', async () => {
    const { code, out } = await doctor({});
    expect(out).toContain('Jira is set up as the service expects.');
    expect(code).toBe(0);
  });

  it('names what is wrong: a column the board lacks, an unknown link type', async () => {
    const { code, out } = await doctor({ READY_COLUMN: 'Backlog', SERVICE_DESK_LINK_TYPE: 'Duplicates' });
    expect(code).toBe(1);
    expect(out).toContain('READY_COLUMN: board "QA/Operations" has no column "Backlog" (columns: Triage, Ready for sprint)');
    expect(out).toContain('no link type "Duplicates"');
  });
});
