import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { hashToken } from '../token.hasher.js';

/** A session ends after this long without a request. */
export const IDLE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often per session (the idle clock does not need it finer) */
const TOUCH_MS = 60 * 1000;

export interface LiveSession {
  id: string;
  email: string;
  csrfToken: string;
}

export type SessionLookup = { session: LiveSession } | { ended: string };

/** A person's sessions in PostgreSQL: the cookie is 32 random bytes; only its SHA-256 is stored. */
@Injectable()
export class SessionStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** A new session; returns the cookie's value (shown once, never stored). */
  async open(email: string): Promise<{ cookie: string; csrfToken: string }> {
    const cookie = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    await this.db.query(`INSERT INTO web_session (id, email, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)`, [
      hashToken(cookie),
      email,
      csrfToken,
      now,
    ]);
    return { cookie, csrfToken };
  }

  /**
   * The live session of a cookie, or why there is none (logged out, idle too long, unknown).
   * `touch: false`: a page's own background refresh, which does not count as use.
   */
  async find(cookie: string, touch = true): Promise<SessionLookup> {
    const id = hashToken(cookie);
    const [row]: { email: string; csrf_token: string; last_seen_at: Date; ended_at: Date | null; end_reason: string | null }[] = await this.db.query(
      `SELECT email, csrf_token, last_seen_at, ended_at, end_reason FROM web_session WHERE id = $1`,
      [id],
    );
    if (!row) return { ended: 'The session is not known: sign in again' };
    if (row.ended_at) return { ended: `The session ended (${row.end_reason ?? 'signed out'}): sign in again` };
    const now = this.clock.now().getTime();
    const idle = now - new Date(row.last_seen_at).getTime();
    if (idle > IDLE_MS) {
      await this.end(cookie, 'idle for 12 hours');
      return { ended: 'The session ended after 12 hours without use: sign in again' };
    }
    if (touch && idle > TOUCH_MS) await this.db.query(`UPDATE web_session SET last_seen_at = $2 WHERE id = $1 AND ended_at IS NULL`, [id, new Date(now)]);
    return { session: { id, email: row.email, csrfToken: row.csrf_token } };
  }

  async end(cookie: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE web_session SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL`, [
      hashToken(cookie),
      this.clock.now(),
      reason,
    ]);
  }

  /** Someone taken off the roster: every session of theirs ends. */
  async endAllOf(email: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE web_session SET ended_at = $2, end_reason = $3 WHERE email = $1 AND ended_at IS NULL`, [email, this.clock.now(), reason]);
  }
}
