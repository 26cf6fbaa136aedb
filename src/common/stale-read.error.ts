/**
 * What was read from Jira before the transaction no longer fits the state found inside it (another
 * decision came first). Nothing is written; the event is tried again with a fresh read.
 */
export class StaleReadError extends Error {
  override name = 'StaleReadError';
}
