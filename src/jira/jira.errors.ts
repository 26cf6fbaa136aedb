/** Jira's failures, typed by what the caller should do about them. */
export class JiraError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'JiraError';
  }
}

export class JiraNotFoundError extends JiraError {
  constructor(message: string) {
    super(message, 404, false);
    this.name = 'JiraNotFoundError';
  }
}

/** For `.catch(notFoundAsNull)`: an issue Jira no longer has reads as null; any other failure stays one. */
export function notFoundAsNull(error: unknown): null {
  if (error instanceof JiraError && error.status === 404) return null;
  throw error;
}

export class JiraNotConfiguredError extends JiraError {
  constructor() {
    super('Jira is not configured (set JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN)', null, true);
    this.name = 'JiraNotConfiguredError';
  }
}

interface HttpLikeError {
  status?: number;
  message?: string;
  code?: string;
  response?: { data?: unknown; status?: number };
  cause?: { response?: { headers?: Record<string, unknown>; data?: unknown; status?: number }; code?: string };
}

/** Jira's own words: errorMessages plus field errors. */
function jiraReason(data: unknown): string | null {
  if (!data || typeof data !== 'object') return typeof data === 'string' && data ? data.slice(0, 500) : null;
  const d = data as { errorMessages?: unknown; errors?: unknown; message?: unknown };
  const parts = [
    ...(Array.isArray(d.errorMessages) ? d.errorMessages.map(String) : []),
    ...(d.errors && typeof d.errors === 'object' ? Object.entries(d.errors).map(([k, v]) => `${k}: ${String(v)}`) : []),
    ...(typeof d.message === 'string' ? [d.message] : []),
  ];
  return parts.length ? parts.join('; ') : null;
}

function retryAfterMs(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** Maps a jira.js / axios failure to a JiraError: 429 and 5xx and network are retryable, other 4xx are not. */
export function toJiraError(error: unknown, what: string): JiraError {
  if (error instanceof JiraError) return error;
  const e = (error ?? {}) as HttpLikeError;
  const status = e.cause?.response?.status ?? e.response?.status ?? (typeof e.status === 'number' ? e.status : undefined);
  const data = e.cause?.response?.data ?? e.response?.data;
  if (!status) return new JiraError(`${what}: Jira could not be reached (${e.cause?.code ?? e.code ?? e.message ?? 'network error'})`, null, true);
  const reason = jiraReason(data) ?? `HTTP ${status}`;
  const message = `${what}: Jira answered ${status}: ${reason}`;
  if (status === 404) return new JiraNotFoundError(message);
  if (status === 429) return new JiraError(message, status, true, retryAfterMs(e.cause?.response?.headers?.['retry-after']));
  if (status >= 500 || status === 409 || status === 408) return new JiraError(message, status, true);
  return new JiraError(message, status, false);
}
