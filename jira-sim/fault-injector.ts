// Failures of the REST API on demand: the next n matching requests, or every matching request
// for a time window (real time, whatever the simulator's clock says).
import type { Fault } from './types';

interface Armed {
  fault: Fault;
  remaining: number;
  until: number;
}

export class FaultInjector {
  private armed: Armed[] = [];

  failNext(n: number, fault: Fault): void {
    this.armed.push({ fault, remaining: n, until: Number.POSITIVE_INFINITY });
  }

  failFor(ms: number, fault: Fault): void {
    this.armed.push({ fault, remaining: Number.POSITIVE_INFINITY, until: Date.now() + ms });
  }

  clear(): void {
    this.armed = [];
  }

  /** the fault for this request, if any (consumes one of failNext's n) */
  take(method: string, path: string): Fault | undefined {
    const now = Date.now();
    this.armed = this.armed.filter((a) => a.remaining > 0 && a.until > now);
    const hit = this.armed.find((a) => matchesRequest(a.fault.match, method, path));
    if (!hit) return undefined;
    hit.remaining--;
    return hit.fault;
  }
}

export function matchesRequest(match: Fault['match'], method: string, path: string): boolean {
  if (!match) return true;
  if (match.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path !== undefined && match.path !== path) return false;
  return match.pathIncludes === undefined || path.includes(match.pathIncludes);
}

export function faultBody(fault: Fault): unknown {
  if (fault.body !== undefined) return fault.body;
  const message = fault.status === 429 ? 'Rate limit exceeded.' : `Simulated failure (HTTP ${fault.status}).`;
  return { errorMessages: [message], errors: {} };
}
