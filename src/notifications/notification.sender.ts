import { Injectable } from '@nestjs/common';
import type { Delivery } from './domain/delivery.policy.js';

const TIMEOUT_MS = 10_000;

/** The HTTP side of notifications: one POST, its status and Retry-After, or the network error. */
@Injectable()
export class NotificationSender {
  async post(url: string, body: string, headers: Record<string, string>): Promise<Delivery> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', ...headers },
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
      await res.arrayBuffer().catch(() => undefined);
      return { status: res.status, retryAfter: res.headers.get('retry-after') };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      return { networkError: `${e.name === 'TimeoutError' ? 'no answer within 10 s' : e.message}${e.cause?.code ? ` (${e.cause.code})` : ''}` };
    }
  }
}
