export const ROLES = ['admin', 'po', 'developer', 'ci', 'support'] as const;
export type Role = (typeof ROLES)[number];

/** Who is behind a request: the person behind a step is the accountId when the token carries one. */
export interface Identity {
  tokenId: string;
  name: string;
  role: Role;
  accountId: string | null;
  /** when the token stops working; null: never (ADMIN_TOKEN, signed webhooks, tokens without expiry) */
  expiresAt?: Date | null;
}

export function personOf(identity: Identity): string {
  return identity.accountId ?? identity.tokenId;
}
