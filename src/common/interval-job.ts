import type { Logger } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';

/** Runs `pass` every `seconds` (registered with Nest's scheduler, so it stops with the app); a failed pass is logged and the next one runs. */
export function scheduleEvery(scheduler: SchedulerRegistry, name: string, seconds: number, pass: () => Promise<unknown>, logger: Logger, failure: string): void {
  const timer = setInterval(() => void pass().catch((e: Error) => logger.warn(`${failure}: ${e.message}`)), seconds * 1000);
  timer.unref();
  scheduler.addInterval(name, timer);
}

/** One instance at a time: a transaction-scoped advisory lock, false when another instance holds it. */
export async function tryAdvisoryLock(m: EntityManager, id: number): Promise<boolean> {
  const [{ locked }]: { locked: boolean }[] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [id]);
  return locked;
}
