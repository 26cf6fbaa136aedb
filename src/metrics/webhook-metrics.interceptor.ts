import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { Metrics } from './metrics.registry.js';

/** Counts the Jira webhook intake: every delivery that reached it, repeats, and refusals by code. */
@Injectable()
export class WebhookMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: Metrics) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.metrics.webhookReceived();
    return next.handle().pipe(
      tap({
        next: (answer) => {
          if ((answer as { duplicate?: boolean } | null)?.duplicate === true) this.metrics.webhookDuplicate();
        },
        error: (error: unknown) => this.metrics.webhookRejected(codeOf(error)),
      }),
    );
  }
}

function codeOf(error: unknown): string {
  const e = error as { code?: unknown; getStatus?: () => number };
  if (typeof e?.code === 'string') return e.code;
  return typeof e?.getStatus === 'function' ? `http_${e.getStatus()}` : 'internal_error';
}
