// e2e: every call the service makes to Jira during a test file is held against Atlassian's documents
// (jira-sim/openapi); the file fails on one that is undocumented, deprecated, uses an undocumented
// parameter or expand value, or sends an invalid body. The table of the whole run is printed by
// conformance-reporter.mjs.
import { afterAll, expect } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { conformance, conforms, describeRow, journaled, startJournal } from '../../jira-sim/openapi/conformance';

startJournal();

afterAll(() => {
  const rows = conformance(journaled());
  const dir = process.env.CONFORMANCE_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${basename(expect.getState().testPath ?? 'unknown')}.json`), JSON.stringify(rows));
  }
  const wrong = rows.filter((r) => !conforms(r));
  if (wrong.length > 0) throw new Error(`Calls to Jira that Atlassian's documents do not allow:\n${wrong.map(describeRow).join('\n')}`);
});
