import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { LAST_USED_EVERY_MS, lastUseDue } from './domain/token-access.js';

/**
 * Records when a token was last used without a write per request: this instance remembers when it
 * last wrote each token's time and writes again only a minute later; the UPDATE's own condition
 * keeps several instances to about one write a minute too.
 */
@Injectable()
export class TokenUsageRecorder {
  private readonly logger = new Logger('Tokens');
  private readonly written = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async used(tokenId: string, storedLastUsedAt: Date | null): Promise<void> {
    const now = this.clock.now();
    const last = Math.max(this.written.get(tokenId) ?? 0, storedLastUsedAt?.getTime() ?? 0);
    if (!lastUseDue(last, now)) return;
    this.written.set(tokenId, now.getTime());
    try {
      await this.db.query(`UPDATE api_token SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)`, [
        tokenId,
        now,
        new Date(now.getTime() - LAST_USED_EVERY_MS),
      ]);
    } catch (error) {
      this.logger.warn(`Could not record the use of token ${tokenId}: ${(error as Error).message}`); // the call itself goes on
    }
  }

  forget(tokenId: string): void {
    this.written.delete(tokenId);
  }
}
