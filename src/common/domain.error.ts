import type { ErrorCode } from './error-codes.js';

/** An expected failure with a stable code; the one filter maps codes to HTTP statuses. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
