import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

export type WakeTopic = 'webhooks' | 'outbox' | 'notifications';

type Queryable = { query(sql: string, params?: unknown[]): Promise<unknown> };

/**
 * Wakes the background loops of another process (`npm start` runs them in a worker process beside
 * the HTTP one) through PostgreSQL's NOTIFY: sent inside the caller's transaction, it is delivered at
 * the commit. In one process (tests, SEPARATE_WORKER=false) the loops are woken in-process instead and
 * this does nothing; the loops also poll, so a lost wake-up only delays.
 */
@Injectable()
export class WakeChannel implements OnApplicationShutdown {
  private readonly logger = new Logger('WakeChannel');
  private client?: pg.Client;
  private connecting?: Promise<void>;
  private readonly listeners = new Map<WakeTopic, (() => void)[]>();
  private closed = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async notify(db: Queryable, topic: WakeTopic): Promise<void> {
    if (this.config.processRole === 'web') await db.query('SELECT pg_notify($1, NULL)', [channelOf(topic)]);
  }

  /** In the worker process: `wake` runs whenever another process says there is work of this kind. */
  listen(topic: WakeTopic, wake: () => void): void {
    if (this.config.processRole !== 'worker') return;
    const known = this.listeners.has(topic);
    this.listeners.set(topic, [...(this.listeners.get(topic) ?? []), wake]);
    if (!this.client) void this.connect();
    else if (!known) void this.connecting?.then(() => this.client?.query(`LISTEN ${channelOf(topic)}`)).catch((e: Error) => this.reconnect(e.message));
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    if (this.client || this.closed) return this.connecting ?? Promise.resolve();
    const client = new pg.Client({ connectionString: this.config.databaseUrl });
    this.client = client;
    this.connecting = this.open(client);
    return this.connecting;
  }

  /** Connects and listens to every topic asked for so far (topics asked for later are added by listen). */
  private async open(client: pg.Client): Promise<void> {
    client.on('notification', (n) => {
      for (const [topic, wakes] of this.listeners) if (channelOf(topic) === n.channel) wakes.forEach((w) => w());
    });
    client.on('error', (e) => this.reconnect(`${e.message}`));
    try {
      await client.connect();
      for (const topic of this.listeners.keys()) await client.query(`LISTEN ${channelOf(topic)}`);
    } catch (error) {
      this.reconnect((error as Error).message);
    }
  }

  private reconnect(why: string): void {
    if (this.closed) return;
    this.logger.warn(`LISTEN connection lost (${why}); the loops poll meanwhile, reconnecting in 1 s`);
    void this.client?.end().catch(() => undefined);
    this.client = undefined;
    setTimeout(() => void this.connect(), 1000).unref();
  }
}

function channelOf(topic: WakeTopic): string {
  return `orchestrator_${topic}`;
}
