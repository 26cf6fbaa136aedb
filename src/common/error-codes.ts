/** Every code a DomainError may carry. Codes are part of the public contract (contract.md). */
export type ErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'unrecognised_format'
  | 'not_a_jira_event'
  | 'unauthorized'
  | 'invalid_signature'
  | 'forbidden'
  | 'not_designated'
  | 'not_author'
  | 'not_found'
  | 'queue_empty'
  | 'slot_occupied'
  /** a track id no track has (contract.md "Tracks") */
  | 'track_not_found'
  | 'slot_free'
  | 'already_escalated'
  /** the client ticket hears of the bug already */
  | 'already_linked'
  | 'no_active_sprint'
  | 'self_review'
  | 'self_approval'
  | 'not_reviewed'
  | 'preprod_not_verified'
  | 'not_approved'
  | 'already_reviewed'
  | 'already_approved'
  | 'already_applied'
  | 'not_failed'
  | 'not_quarantined'
  | 'superseded'
  | 'token_expired'
  | 'bootstrap_token'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unsafe_sql'
  | 'jira_unavailable'
  /** signed in by the proxy (or provider), but not on the roster */
  | 'not_on_roster'
  /** a state-changing call of a signed-in person without X-CSRF-Token */
  | 'csrf'
  /** the OpenID provider cannot be reached or refused the service: sign-in is off for now (tokens keep working) */
  | 'sign_in_unavailable'
  /** Jira refused what the service asked (a 4xx other than 404): its reason is in the message */
  | 'jira_refused';

/** code → HTTP status: exactly one for every code (the compiler checks both ways). */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  unrecognised_format: 400,
  not_a_jira_event: 400,
  unauthorized: 401,
  invalid_signature: 401,
  forbidden: 403,
  not_designated: 403,
  not_found: 404,
  queue_empty: 404,
  slot_occupied: 409,
  track_not_found: 404,
  slot_free: 409,
  already_escalated: 409,
  already_linked: 409,
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
  not_failed: 409,
  not_quarantined: 409,
  superseded: 409,
  token_expired: 409,
  bootstrap_token: 409,
  jira_unavailable: 503,
  not_on_roster: 403,
  csrf: 403,
  sign_in_unavailable: 503,
  jira_refused: 502,
} satisfies Record<ErrorCode, number>;

export function statusFor(code: ErrorCode): number {
  return ERROR_STATUS[code] ?? 500;
}
