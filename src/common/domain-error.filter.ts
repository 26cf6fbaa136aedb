import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from './domain.error.js';
import { statusFor } from './error-codes.js';

const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** The one place that turns errors into `{statusCode, code, message}`. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.describe(error);
    if (status >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (!res.headersSent) res.status(status).json(body);
  }

  private describe(error: unknown): { status: number; body: Record<string, unknown> } {
    if (error instanceof DomainError) {
      const status = statusFor(error.code);
      return { status, body: { statusCode: status, code: error.code, message: error.message, ...error.details } };
    }
    // body-parser errors arrive wrapped in an HttpException by the Express adapter
    const bodyParserType = (error as { type?: string })?.type ?? (error as { cause?: { type?: string } })?.cause?.type;
    if (bodyParserType === 'entity.too.large') {
      return { status: 413, body: { statusCode: 413, code: 'payload_too_large', message: 'The body is larger than 1 MiB' } };
    }
    if (bodyParserType === 'entity.parse.failed') {
      return { status: 400, body: { statusCode: 400, code: 'invalid_json', message: 'The body is not valid JSON' } };
    }
    if (error instanceof HttpException) return this.fromHttpException(error);
    return { status: 500, body: { statusCode: 500, code: 'internal_error', message: 'Internal server error' } };
  }

  private fromHttpException(error: HttpException): { status: number; body: Record<string, unknown> } {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    return {
      status,
      body: { statusCode: status, code: HTTP_CODES[status] ?? 'http_error', message: Array.isArray(message) ? message.join('; ') : String(message) },
    };
  }
}
