export const ROLES = ['admin', 'po', 'developer', 'ci', 'support'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is behind a request: a token (tokenId: its id) or a person signed in (kind 'person', tokenId
 * `person:<email>`). The person behind a step is the accountId when there is one, else the email.
 */
export interface Identity {
  kind: 'token' | 'person';
  tokenId: string;
  /** a person's email (lower case), as the roster has it */
  email?: string;
  /** how a person signed in: through the trusted proxy, or a session of the OpenID provider's sign-in */
  via?: 'proxy' | 'session';
  /** a person's: a change must carry it as X-CSRF-Token */
  csrfToken?: string;
  name: string;
  role: Role;
  accountId: string | null;
  /** when the token stops working; null: never (ADMIN_TOKEN, signed webhooks, tokens without expiry) */
  expiresAt?: Date | null;
}

export function personOf(identity: Identity): string {
  return identity.accountId ?? identity.email ?? identity.tokenId;
}
