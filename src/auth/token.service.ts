import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain.error.js';
import { ok, refused, type Result } from '../common/result.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Identity, personOf, Role } from './domain/role.js';
import { expiryOf, tokenAccess } from './domain/token-access.js';
import { toTokenView, type TokenView } from './dto/token.view.js';
import { ApiTokenEntity } from './persistence/api-token.entity.js';
import { hashToken, newToken, sameSecret } from './token.hasher.js';
import { TokenUsageRecorder } from './token-usage.recorder.js';

export interface CreatedToken {
  id: string;
  name: string;
  role: Role;
  accountId: string | null;
  expiresAt: Date | null;
  token: string;
}

export type Authentication = Result<{ identity: Identity }, 'unauthorized'>;

export const ADMIN_TOKEN_ID = 'admin-token';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class TokenService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly usage: TokenUsageRecorder,
  ) {}

  /** The plain token is returned here once and never stored. */
  async create(input: { name: string; role: Role; accountId: string | null; expiresInDays?: number }, by: Identity): Promise<CreatedToken> {
    const token = newToken();
    const { name, role, accountId } = input;
    const now = this.clock.now();
    const expiresAt = expiryOf(now, input.expiresInDays);
    return this.db.transaction(async (m) => {
      const row = await m.save(
        ApiTokenEntity,
        m.create(ApiTokenEntity, { name, role, accountId, tokenHash: hashToken(token), createdBy: personOf(by), expiresAt }),
      );
      await this.audit.append(m, [{ type: 'token.created', actor: personOf(by), at: now, data: { id: row.id, name, role, accountId, expiresAt } }]);
      return { id: row.id, name, role, accountId, expiresAt, token };
    });
  }

  /** Every token not revoked, expired ones included (they can be revoked, not rotated). */
  async list(): Promise<TokenView[]> {
    const rows = await this.db.getRepository(ApiTokenEntity).find({ where: { revokedAt: IsNull() }, order: { createdAt: 'ASC' } });
    const now = this.clock.now();
    return rows.map((r) => toTokenView(r, now));
  }

  /** Revoked at once: the guard reads the row at every call. */
  async revoke(id: string, by: Identity): Promise<void> {
    await this.db.transaction(async (m) => {
      const row = await this.lockLive(m, id);
      const now = this.clock.now();
      await m.update(ApiTokenEntity, { id }, { revokedAt: now, revokedBy: personOf(by) });
      await this.audit.append(m, [
        { type: 'token.revoked', actor: personOf(by), at: now, data: { id, name: row.name, role: row.role, accountId: row.accountId } },
      ]);
    });
    this.usage.forget(id);
  }

  /** A new secret for the same identity (id, name, role, accountId, expiry); the old secret stops working. */
  async rotate(id: string, by: Identity): Promise<{ id: string; token: string }> {
    const token = newToken();
    return this.db.transaction(async (m) => {
      const row = await this.lockLive(m, id);
      const now = this.clock.now();
      const access = tokenAccess(row, now);
      if (!access.ok)
        throw new DomainError(
          'token_expired',
          `The token ${id} expired at ${row.expiresAt?.toISOString()}: a new secret would not work either; create a new token`,
        );
      await m.update(ApiTokenEntity, { id }, { tokenHash: hashToken(token) });
      await this.audit.append(m, [
        { type: 'token.rotated', actor: personOf(by), at: now, data: { id, name: row.name, role: row.role, accountId: row.accountId } },
      ]);
      return { id, token };
    });
  }

  async authenticate(plain: string): Promise<Authentication> {
    const admin = this.config.adminToken;
    if (admin && sameSecret(plain, admin))
      return ok({ identity: { kind: 'token', tokenId: ADMIN_TOKEN_ID, name: 'ADMIN_TOKEN', role: 'admin', accountId: null, expiresAt: null } });
    const row = await this.db.getRepository(ApiTokenEntity).findOneBy({ tokenHash: hashToken(plain) });
    if (!row) return refused('unauthorized', 'The API token is not known (after a rotation only the new secret works)');
    const access = tokenAccess(row, this.clock.now());
    if (!access.ok) return refused('unauthorized', access.message);
    await this.usage.used(row.id, row.lastUsedAt);
    return ok({ identity: { kind: 'token', tokenId: row.id, name: row.name, role: row.role, accountId: row.accountId, expiresAt: row.expiresAt } });
  }

  private async lockLive(m: EntityManager, id: string): Promise<ApiTokenEntity> {
    if (id === ADMIN_TOKEN_ID) {
      throw new DomainError(
        'bootstrap_token',
        'ADMIN_TOKEN comes from the environment and cannot be revoked or rotated through the API: change or unset ADMIN_TOKEN and restart the service',
      );
    }
    const row = UUID.test(id) ? await m.findOne(ApiTokenEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!row || row.revokedAt) throw new DomainError('not_found', `There is no token ${id} (or it was revoked already)`);
    return row;
  }
}
