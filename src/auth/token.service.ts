import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Identity, Role } from './domain/role.js';
import { ApiTokenEntity } from './persistence/api-token.entity.js';
import { hashToken, newToken, sameSecret } from './token.hasher.js';

export interface CreatedToken {
  id: string;
  name: string;
  role: Role;
  accountId: string | null;
  token: string;
}

@Injectable()
export class TokenService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The plain token is returned here once and never stored. */
  async create(name: string, role: Role, accountId: string | null, createdBy: Identity): Promise<CreatedToken> {
    const token = newToken();
    return this.db.transaction(async (m) => {
      const row = await m.save(ApiTokenEntity, m.create(ApiTokenEntity, { name, role, accountId, tokenHash: hashToken(token) }));
      await this.audit.append(m, [{ type: 'token.created', actor: createdBy.accountId ?? createdBy.tokenId, at: this.clock.now(), data: { id: row.id, name, role, accountId } }]);
      return { id: row.id, name, role, accountId, token };
    });
  }

  async authenticate(plain: string): Promise<Identity | null> {
    const admin = this.config.adminToken;
    if (admin && sameSecret(plain, admin)) return { tokenId: 'admin-token', name: 'ADMIN_TOKEN', role: 'admin', accountId: null };
    const row = await this.db.getRepository(ApiTokenEntity).findOneBy({ tokenHash: hashToken(plain) });
    return row ? { tokenId: row.id, name: row.name, role: row.role, accountId: row.accountId } : null;
  }
}
