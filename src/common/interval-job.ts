import type { Logger } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';

/**
 * Runs `pass` every `seconds`, as @nestjs/schedule's dynamic intervals are made: the interval is
 * registered under `name` in the SchedulerRegistry, which clears it when the app shuts down. A failed
 * pass is logged and the next one runs; the timer never keeps the process alive on its own.
 */
export function scheduleEvery(
  scheduler: SchedulerRegistry,
  name: string,
  seconds: number,
  pass: () => Promise<unknown>,
  logger: Logger,
  failure: string,
): void {
  if (!(seconds > 0)) throw new Error(`The ${name} interval needs a period above 0 s, not ${seconds}`);
  const interval = setInterval(() => void pass().catch((e: Error) => logger.warn(`${failure}: ${e.message}`)), seconds * 1000);
  interval.unref();
  scheduler.addInterval(name, interval);
}

/** One instance at a time: a transaction-scoped advisory lock, false when another instance holds it. */
export async function tryAdvisoryLock(m: EntityManager, id: number): Promise<boolean> {
  const [{ locked }]: { locked: boolean }[] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [id]);
  return locked;
}
