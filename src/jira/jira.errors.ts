import { nextDelayMs } from '../common/retry.policy.js';

export interface JiraErrorKind {
  /** Jira's HTTP status; null when no answer came */
  status: number | null;
  /** worth trying again (the same call may succeed later) */
  retryable: boolean;
  /** Jira asked to wait this long (429 Retry-After) */
  retryAfterMs?: number | null;
  /**
   * the call may have been applied although its answer says otherwise or never came (a 5xx, a
   * timeout, a dropped connection): a retry must find out first whether the write happened
   */
  answerLost?: boolean;
}

/** Jira's failures, typed by what the caller should do about them. */
export class JiraError extends Error {
  readonly status: number | null;
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;
  readonly answerLost: boolean;

  constructor(message: string, kind: JiraErrorKind) {
    super(message);
    this.name = 'JiraError';
    this.status = kind.status;
    this.retryable = kind.retryable;
    this.retryAfterMs = kind.retryAfterMs ?? null;
    this.answerLost = kind.answerLost ?? false;
  }
}

export class JiraNotFoundError extends JiraError {
  constructor(message: string) {
    super(message, { status: 404, retryable: false });
    this.name = 'JiraNotFoundError';
  }
}

/** For `.catch(notFoundAsNull)`: an issue Jira no longer has reads as null; any other failure stays one. */
export function notFoundAsNull(error: unknown): null {
  if (error instanceof JiraError && error.status === 404) return null;
  throw error;
}

/**
 * A value Atlassian's document leaves optional that the service cannot do without (an id, a key, a filter's JQL).
 * Its absence is Jira's fault; after a write, the change may have been made, so a retry finds out first.
 */
export function answered<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new JiraError(`Jira's answer has no ${what}`, { status: null, retryable: true, answerLost: true });
  return value;
}

export class JiraNotConfiguredError extends JiraError {
  constructor() {
    super('Jira is not configured (set JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN)', { status: null, retryable: true });
    this.name = 'JiraNotConfiguredError';
  }
}

interface HttpLikeError {
  name?: string;
  isAxiosError?: boolean;
  status?: number;
  message?: string;
  code?: string;
  response?: { data?: unknown; status?: number; headers?: Record<string, unknown> };
  cause?: { response?: { headers?: Record<string, unknown>; data?: unknown; status?: number }; code?: string };
}

/** Jira's own words: errorMessages plus field errors. */
function jiraReason(data: unknown): string | null {
  if (!data || typeof data !== 'object') return typeof data === 'string' && data ? data.slice(0, 500) : null;
  const d = data as { errorMessages?: unknown; errors?: unknown; message?: unknown; errorMessage?: unknown };
  const parts = [
    ...(Array.isArray(d.errorMessages) ? d.errorMessages.map(String) : []),
    ...(d.errors && typeof d.errors === 'object' ? Object.entries(d.errors).map(([k, v]) => `${k}: ${String(v)}`) : []),
    ...(typeof d.message === 'string' ? [d.message] : []),
    ...(typeof d.errorMessage === 'string' && !Array.isArray(d.errorMessages) ? [d.errorMessage] : []),
  ];
  return parts.length ? parts.join('; ') : null;
}

function retryAfterMs(value: unknown, now = Date.now()): number | null {
  if (value === undefined || value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** network errors before anything reached Jira: nothing can have been applied */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL', 'ERR_CANCELED']);

/**
 * The one classifier of Jira's answers (every queue retries by it, see `retryDelayMs`):
 * - 429: retryable after its Retry-After, not applied;
 * - 408, 409, 5xx: retryable; a 5xx (or 408) may come from Jira's edge after the change was made, so
 *   its answer counts as lost;
 * - a timeout or a connection dropped mid-call: retryable, answer lost; a connection never made: retryable, not sent;
 * - 404: JiraNotFoundError; any other 4xx: Jira refused, not retryable (its reason is kept).
 */
export function toJiraError(error: unknown, what: string): JiraError {
  if (error instanceof JiraError) return error;
  const e = (error ?? {}) as HttpLikeError;
  const status = e.cause?.response?.status ?? e.response?.status ?? (typeof e.status === 'number' ? e.status : undefined);
  const data = e.cause?.response?.data ?? e.response?.data;
  if (!status && !e.isAxiosError && typeof e.code !== 'string' && !e.cause) {
    // not an answer of Jira's (a bug, the database): said as it is; where it broke off is unknown, so a retry finds out first
    return new JiraError(`${what}: ${e.name ?? 'Error'}: ${e.message ?? String(error)}`, { status: null, retryable: true, answerLost: true });
  }
  if (!status) {
    const code = e.cause?.code ?? e.code ?? 'network error';
    const sent = !NOT_SENT.has(code);
    const how =
      code === 'ECONNABORTED' || code === 'ETIMEDOUT' ? 'no answer in time' : sent ? 'the connection broke before its answer' : 'Jira could not be reached';
    return new JiraError(`${what}: ${how} (${e.message ?? code})`, { status: null, retryable: true, answerLost: sent });
  }
  const reason = jiraReason(data) ?? `HTTP ${status}`;
  const message = `${what}: Jira answered ${status}: ${reason}`;
  if (status === 404) return new JiraNotFoundError(message);
  if (status === 429) {
    const header = e.cause?.response?.headers?.['retry-after'] ?? e.response?.headers?.['retry-after'];
    return new JiraError(message, { status, retryable: true, retryAfterMs: retryAfterMs(header) });
  }
  if (status >= 500 || status === 408) return new JiraError(message, { status, retryable: true, answerLost: true });
  if (status === 409) return new JiraError(message, { status, retryable: true });
  return new JiraError(message, { status, retryable: false });
}

/** When to try a failed call again: Jira's Retry-After when it gave one, else exponential backoff with jitter. */
export function retryDelayMs(error: unknown, attempt: number, baseMs: number, random?: () => number): number {
  return nextDelayMs(attempt, baseMs, error instanceof JiraError ? error.retryAfterMs : null, random);
}
