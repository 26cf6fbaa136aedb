// Prints the seeds of a red run, so that it can be replayed exactly (see README, "Tests").
export default class SeedReporter {
  onRunComplete(_contexts, results) {
    if (results.numFailedTests === 0 && results.numFailedTestSuites === 0) return;
    const webhook = process.env.WEBHOOK_SEED ?? '20261203 (default)';
    const fuzz = process.env.FUZZ_SEED ?? '20261203 (default)';
    const chaos = process.env.CHAOS_SEED ?? '20261128 (default)';
    process.stderr.write(`\nSeeds of this run: WEBHOOK_SEED=${webhook} FUZZ_SEED=${fuzz} CHAOS_SEED=${chaos} — set them to replay it.\n`);
  }
}
