import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's sessions (the cookie's SHA-256 is the key: the cookie itself is never stored) and the
 * sign-ins under way (state → PKCE verifier and nonce, for the provider's answer to be checked against,
 * and the SHA-256 of the cookie that ties it to the browser that started it).
 */
export class Sessions1764301700000 implements MigrationInterface {
  name = 'Sessions1764301700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE web_session (
      id text PRIMARY KEY,
      email text NOT NULL,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      ended_at timestamptz,
      end_reason text)`);
    await q.query(`CREATE INDEX web_session_email ON web_session (email) WHERE ended_at IS NULL`);
    await q.query(`CREATE TABLE sign_in (
      state text PRIMARY KEY,
      browser text NOT NULL,
      code_verifier text NOT NULL,
      nonce text NOT NULL,
      created_at timestamptz NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in`);
    await q.query(`DROP TABLE web_session`);
  }
}
