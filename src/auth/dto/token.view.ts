import type { Role } from '../domain/role.js';
import type { ApiTokenEntity } from '../persistence/api-token.entity.js';

/** A token as GET /api/tokens shows it: never its secret nor its hash. */
export interface TokenView {
  id: string;
  name: string;
  role: Role;
  accountId: string | null;
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  expired: boolean;
}

export function toTokenView(t: ApiTokenEntity, now: Date): TokenView {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    accountId: t.accountId,
    createdAt: t.createdAt,
    createdBy: t.createdBy,
    lastUsedAt: t.lastUsedAt,
    expiresAt: t.expiresAt,
    expired: t.expiresAt !== null && t.expiresAt.getTime() <= now.getTime(),
  };
}
