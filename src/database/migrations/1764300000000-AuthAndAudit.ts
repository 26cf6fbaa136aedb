import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthAndAudit1764300000000 implements MigrationInterface {
  name = 'AuthAndAudit1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE api_token (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'po', 'developer', 'ci', 'support')),
      account_id text,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (role <> 'developer' OR account_id IS NOT NULL))`);
    await q.query(`CREATE TABLE audit_event (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      type text NOT NULL,
      ticket_key text,
      actor text,
      data jsonb NOT NULL DEFAULT '{}')`);
    await q.query(`CREATE INDEX audit_event_ticket ON audit_event (ticket_key, id)`);
    await q.query(`CREATE INDEX audit_event_type_at ON audit_event (type, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP TABLE api_token`);
  }
}
