// Delivers webhook bodies to the service like Jira does: asynchronously, signed, with seeded
// faults (drop, duplicate, reorder, delay, a first attempt lost on the way) and optional retries.
// Sequential in queue order, unless `jitterMs` is set: then every delivery leaves on its own after
// a random delay and several are in flight at once, so order is not kept (as on a real site).
import { createHmac, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Prng } from './prng';
import type { DeliveryLogEntry, DeliveryOptions } from './types';

type Json = Record<string, unknown>;

interface Delivery {
  id: string;
  event: string;
  body: Json;
  raw: string;
  duplicate: boolean;
  retry: number;
}

interface Waiter {
  done: () => boolean;
  resolve: () => void;
}

const DEFAULT_DELIVERY: Required<Omit<DeliveryOptions, 'seed'>> = {
  delayMs: 0,
  duplicateRate: 0,
  dropRate: 0,
  reorderWindow: 1,
  retryOnFailure: false,
  maxAttempts: 3,
  retryDelayMs: 50,
  jitterMs: 0,
  lostFirstAttemptRate: 0,
};

/** a partial reorder group is released after this much quiet */
const GROUP_HOLD_MS = 30;
const RETRYABLE = new Set([408, 409, 425, 429]);

export class WebhookEmitter {
  readonly log: DeliveryLogEntry[] = [];
  readonly emitted: Json[] = [];
  private url: string | undefined;
  private options: Required<Omit<DeliveryOptions, 'seed'>> = { ...DEFAULT_DELIVERY };
  private inFlight = 0;
  private prng = new Prng(1);
  private queue: Delivery[] = [];
  private group: Delivery[] = [];
  private held: Delivery[] = [];
  private holds = 0;
  private paused = false;
  private forced = 0;
  private pumping = false;
  private stopped = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private groupTimer: NodeJS.Timeout | undefined;
  private waiters: Waiter[] = [];

  constructor(
    private readonly secret: string | undefined,
    private readonly token: string | undefined,
  ) {}

  setUrl(url: string | undefined): void {
    this.url = url;
  }

  /** the whole delivery mode: what is not given is the default (sequential, no faults); the seed stays unless given */
  configure(options: DeliveryOptions): void {
    const { seed, ...rest } = options;
    this.options = { ...DEFAULT_DELIVERY, ...stripUndefined(rest) };
    if (seed !== undefined) this.prng = new Prng(seed);
  }

  /** events emitted while held wait until release (a REST response is sent before its webhooks) */
  hold(): void {
    this.holds++;
  }

  release(): void {
    this.holds = Math.max(0, this.holds - 1);
    if (this.holds > 0) return;
    this.held.splice(0).forEach((d) => this.admit(d));
    this.kick();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.kick();
  }

  emit(body: Json): void {
    this.emitted.push(structuredClone(body));
    if (this.url === undefined || this.stopped) return;
    const raw = JSON.stringify(body);
    const delivery: Delivery = { id: randomUUID(), event: String(body.webhookEvent), body, raw, duplicate: false, retry: 0 };
    if (this.prng.chance(this.options.dropRate)) {
      this.log.push({ id: delivery.id, event: delivery.event, status: 0, duplicate: false, dropped: true, body, retry: 0 });
      return;
    }
    const copies = [delivery];
    if (this.prng.chance(this.options.duplicateRate)) copies.push({ ...delivery, duplicate: true });
    for (const copy of copies) {
      if (this.holds > 0) this.held.push(copy);
      else this.admit(copy);
    }
    this.kick();
  }

  /** delivers everything queued now (even when paused) and waits for the responses */
  async flush(): Promise<void> {
    this.releaseGroup();
    this.forced++;
    this.kick();
    await this.until(() => this.queue.length === 0 && !this.pumping && (this.options.jitterMs === 0 || (this.timers.size === 0 && this.inFlight === 0)));
    this.forced--;
  }

  idle(): Promise<void> {
    return this.until(
      () => this.queue.length === 0 && this.group.length === 0 && this.held.length === 0 && !this.pumping && this.timers.size === 0 && this.inFlight === 0,
    );
  }

  /** delivers the first `n` queued deliveries (even while paused), one after the other, and waits for the answers */
  async deliverNext(n: number): Promise<void> {
    for (const delivery of this.queue.splice(0, n)) await this.send(delivery);
    this.check();
  }

  /** what waits in the queue (paused or not yet sent), oldest first */
  queued(): { id: string; event: string; body: Json }[] {
    return this.queue.map(({ id, event, body }) => ({ id, event, body }));
  }

  /** re-orders what waits in the queue, e.g. to deliver a later event before an earlier one */
  reorderQueued(compare: (a: { event: string; body: Json }, b: { event: string; body: Json }) => number): void {
    this.queue.sort(compare);
  }

  /** discards what is queued and waits for the delivery in flight, if any */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queue = [];
    this.group = [];
    this.held = [];
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    if (this.groupTimer) clearTimeout(this.groupTimer);
    this.groupTimer = undefined;
    this.check();
    await this.until(() => !this.pumping);
  }

  private admit(delivery: Delivery): void {
    if (this.options.reorderWindow <= 1) {
      this.queue.push(delivery);
      return;
    }
    this.group.push(delivery);
    if (this.group.length >= this.options.reorderWindow) this.releaseGroup();
    else this.armGroupTimer();
  }

  private armGroupTimer(): void {
    if (this.groupTimer) clearTimeout(this.groupTimer);
    this.groupTimer = setTimeout(() => {
      this.groupTimer = undefined;
      this.releaseGroup();
      this.kick();
    }, GROUP_HOLD_MS);
  }

  private releaseGroup(): void {
    if (this.groupTimer) clearTimeout(this.groupTimer);
    this.groupTimer = undefined;
    this.queue.push(...this.prng.shuffle(this.group.splice(0)));
  }

  private kick(): void {
    if (this.options.jitterMs > 0) return this.scatter();
    if (this.pumping || this.queue.length === 0 || this.stopped) {
      this.check();
      return;
    }
    if (this.paused && this.forced === 0) return this.check();
    this.pumping = true;
    setImmediate(() => void this.pump());
  }

  /** jitter mode: each queued delivery leaves after its own random delay; several in flight at once */
  private scatter(): void {
    if (this.stopped || (this.paused && this.forced === 0)) return this.check();
    for (const delivery of this.queue.splice(0)) {
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          this.inFlight++;
          void this.send(delivery).finally(() => {
            this.inFlight--;
            this.check();
          });
        },
        Math.floor(this.prng.next() * (this.options.jitterMs + 1)),
      );
      this.timers.add(timer);
    }
    this.check();
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0 && !this.stopped && (!this.paused || this.forced > 0)) {
      if (this.options.delayMs > 0) await sleep(this.options.delayMs);
      const delivery = this.queue.shift();
      if (delivery && !this.stopped) await this.send(delivery);
    }
    this.pumping = false;
    this.check();
  }

  private async send(delivery: Delivery): Promise<void> {
    const url = this.url;
    if (url === undefined) return;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': 'Atlassian Webhook HTTP Client',
      'X-Atlassian-Webhook-Identifier': delivery.id,
    };
    const retry = delivery.duplicate ? Math.max(1, delivery.retry) : delivery.retry;
    if (retry > 0) headers['X-Atlassian-Webhook-Retry'] = String(retry);
    if (this.secret !== undefined) headers['X-Hub-Signature'] = `sha256=${createHmac('sha256', this.secret).update(delivery.raw).digest('hex')}`;
    if (this.token !== undefined) headers['X-Webhook-Token'] = this.token;
    // a first attempt lost on the way (Jira's side times out): the receiver never sees it, Jira retries it
    const lost = retry === 0 && this.prng.chance(this.options.lostFirstAttemptRate);
    const result = lost ? { status: 'error' as const, error: 'lost on the way (timed out)' } : await post(url, headers, delivery.raw);
    const { id, event, body, duplicate } = delivery;
    this.log.push({ id, event, status: result.status, duplicate, dropped: false, body, retry, ...(result.error ? { error: result.error } : {}) });
    const failed = result.status === 'error' || RETRYABLE.has(result.status) || result.status >= 500;
    if ((failed && this.options.retryOnFailure && delivery.retry + 1 < this.options.maxAttempts) || lost) this.scheduleRetry(delivery);
  }

  private scheduleRetry(delivery: Delivery): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.admit({ ...delivery, retry: delivery.retry + 1 });
      this.kick();
    }, this.options.retryDelayMs);
    this.timers.add(timer);
  }

  private until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ done, resolve }));
  }

  private check(): void {
    const ready = this.waiters.filter((w) => w.done());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    ready.forEach((w) => w.resolve());
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function post(url: string, headers: Record<string, string>, raw: string): Promise<{ status: number | 'error'; error?: string }> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      { method: 'POST', agent: false, timeout: 10_000, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(raw)) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', (e) => resolve({ status: 'error', error: e.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('webhook delivery timed out')));
    req.on('error', (e) => resolve({ status: 'error', error: e.message }));
    req.end(raw);
  });
}
