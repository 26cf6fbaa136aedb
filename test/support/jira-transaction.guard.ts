import { describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, type EntitySubscriberInterface, type QueryRunner, type TransactionStartEvent } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { JiraJsGateway } from '../../src/jira/jira-js.gateway';

/**
 * Proves "no Jira call inside a transaction" (common.md): every JiraGateway method called while the
 * calling async flow has a TypeORM transaction open is a violation. The flow is followed with
 * AsyncLocalStorage: a transaction's callback (EntityManager.transaction) and the rest of the async
 * function that calls QueryRunner.startTransaction run with their query runner in the store; a Jira call
 * checks whether that runner's transaction is still active. Other flows' transactions (another webhook
 * loop, the SLA job) do not count: only the caller's own.
 *
 * A DataSource subscriber sees every transaction start, commit and rollback: a start the store does not
 * attribute to its own runner would be a blind spot of this guard, and is reported as such.
 */
interface Scope {
  runner: QueryRunner | null;
  /** set by the patched EntityManager.transaction: the runner it is about to start is this scope's */
  awaitingRunner?: boolean;
}

export interface GuardReport {
  /** Jira calls made while the caller's transaction was open */
  violations: string[];
  /** transactions whose start the guard could not attribute (it would not see calls made in them) */
  blindSpots: string[];
  jiraCalls: number;
  transactions: { started: number; committed: number; rolledBack: number };
}

const store = new AsyncLocalStorage<Scope>();
const report: GuardReport = { violations: [], blindSpots: [], jiraCalls: 0, transactions: { started: 0, committed: 0, rolledBack: 0 } };
let installed = false;

/** Patches the prototypes (EntityManager, PostgresQueryRunner, JiraJsGateway) of this test file's module registry. */
export function installJiraTransactionGuard(): GuardReport {
  if (installed) return report;
  installed = true;
  patchManagerTransaction();
  patchStartTransaction();
  patchGateway();
  return report;
}

/** Adds the subscriber to a started app's DataSource and checks the patches reach its classes. */
export function watchApp(app: INestApplication): void {
  const db = app.get(DataSource);
  const runner = db.createQueryRunner();
  const patched = runner instanceof PostgresQueryRunner && db.manager instanceof EntityManager;
  void runner.release();
  if (!patched) throw new Error('the app uses other TypeORM classes than the guard patched: the guard would see nothing');
  db.subscribers.push(subscriber);
}

/** Forgets what was recorded (a test that provokes violations on purpose). */
export function resetGuard(): void {
  report.violations.length = 0;
  report.blindSpots.length = 0;
  report.jiraCalls = 0;
  report.transactions = { started: 0, committed: 0, rolledBack: 0 };
}

const subscriber: EntitySubscriberInterface = {
  afterTransactionStart(event: TransactionStartEvent) {
    report.transactions.started += 1;
    if (store.getStore()?.runner !== event.queryRunner) report.blindSpots.push(new Error("a transaction started outside the guard's view").stack ?? '');
  },
  afterTransactionCommit() {
    report.transactions.committed += 1;
  },
  afterTransactionRollback() {
    report.transactions.rolledBack += 1;
  },
};

function patchManagerTransaction(): void {
  const original = EntityManager.prototype.transaction;
  EntityManager.prototype.transaction = function (this: EntityManager, ...args: unknown[]) {
    const call = () => (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
    // a manager bound to a runner nests a savepoint in that runner's transaction: its scope already is the caller's
    if (this.queryRunner) return call();
    return store.run({ runner: null, awaitingRunner: true }, call);
  } as typeof original;
}

function patchStartTransaction(): void {
  const original = PostgresQueryRunner.prototype.startTransaction;
  PostgresQueryRunner.prototype.startTransaction = function (this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
    const scope = store.getStore();
    if (scope?.awaitingRunner) {
      scope.runner = this;
      scope.awaitingRunner = false;
    } else if (scope?.runner !== this) {
      // a runner started by hand (the webhook processor, reconciliation, the outbox's outcome): the rest of the caller's async function is in it
      store.enterWith({ runner: this });
    }
    return original.apply(this, args);
  };
}

function patchGateway(): void {
  const proto = JiraJsGateway.prototype as unknown as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    // `call` is the private funnel of the public methods: checking those names the product's call
    if (name === 'constructor' || name === 'call' || typeof descriptor?.value !== 'function') continue;
    const original = descriptor.value as (...a: unknown[]) => unknown;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      check(name, args);
      return original.apply(this, args);
    };
  }
}

function check(method: string, args: unknown[]): void {
  report.jiraCalls += 1;
  const scope = store.getStore();
  if (!scope?.runner?.isTransactionActive) return;
  const stack = (new Error().stack ?? '').split('\n').slice(3, 12).join('\n');
  let shown: string;
  try {
    shown = JSON.stringify(args).slice(0, 120);
  } catch {
    shown = '…';
  }
  report.violations.push(`JiraGateway.${method}(${shown}) inside a transaction\n${stack}`);
}

/** Declares, last in a spec file, the test that every flow before it kept Jira out of its transactions. */
export function describeNoJiraInTransactions(): void {
  describe('no Jira call inside a transaction', () => {
    it('none of the flows above called Jira while its own transaction was open (the outbox worker included)', () => {
      expect(report.violations).toEqual([]);
      expect(report.blindSpots).toEqual([]);
      expect(report.jiraCalls).toBeGreaterThan(0);
      expect(report.transactions.started).toBeGreaterThan(0);
    });
  });
}
