/** code → HTTP status, for every code any feature throws. Codes are part of the public contract. */
export const ERROR_STATUS: Record<string, number> = {
  validation_failed: 400,
  invalid_json: 400,
  unrecognised_format: 400,
  not_a_jira_event: 400,
  reason_required: 400,
  unauthorized: 401,
  invalid_signature: 401,
  forbidden: 403,
  not_designated: 403,
  not_found: 404,
  queue_empty: 404,
  slot_occupied: 409,
  slot_free: 409,
  already_escalated: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unsafe_sql: 422,
  self_review: 409,
  self_approval: 409,
  not_reviewed: 409,
  preprod_not_verified: 409,
  not_approved: 409,
  not_author: 403,
  already_reviewed: 409,
  already_approved: 409,
  already_applied: 409,
  no_active_sprint: 409,
  jira_unavailable: 503,
  jira_not_configured: 503,
};

export function statusFor(code: string): number {
  return ERROR_STATUS[code] ?? 500;
}
