import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in one transaction held open for its whole length, so a row it claims with
 * `FOR UPDATE SKIP LOCKED` stays claimed while it calls out (and the claim ends with the connection
 * if the process dies). `work` answers whether it claimed anything: if not, the transaction is rolled back.
 */
export async function inHeldTransaction(db: DataSource, work: (m: EntityManager) => Promise<boolean>): Promise<boolean> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const claimed = await work(runner.manager);
    await (claimed ? runner.commitTransaction() : runner.rollbackTransaction());
    return claimed;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/** Up to `width` claims at once (rows of different ordering keys); how many found work. */
export async function claimInParallel(width: number, claim: () => Promise<boolean>): Promise<number> {
  const done = await Promise.all(Array.from({ length: width }, claim));
  return done.filter(Boolean).length;
}
