/** The few envelope fields the inbox stores before processing; anything else is checked when applied. */
export function envelopeProblem(body: Record<string, unknown>): string | null {
  const event = body.webhookEvent;
  if (typeof event !== 'string' || event.length === 0 || event.length > 200) return 'The body has no string "webhookEvent": it is not a Jira webhook event';
  const t = body.timestamp;
  if (t !== undefined && !(typeof t === 'number' && Number.isSafeInteger(t) && t >= 0) && !(typeof t === 'string' && /^\d{1,15}$/.test(t))) {
    return '"timestamp" must be a whole number of milliseconds';
  }
  const ids = [
    (body.issue as { id?: unknown } | undefined)?.id,
    (body.issueLink as { sourceIssueId?: unknown } | undefined)?.sourceIssueId,
    (body.sprint as { id?: unknown } | undefined)?.id,
  ];
  if (ids.some((id) => id !== undefined && id !== null && typeof id !== 'string' && typeof id !== 'number'))
    return 'issue, link and sprint ids must be strings or numbers';
  return null;
}
