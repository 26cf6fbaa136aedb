import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The roster: who may sign in as a person (through a trusted proxy, later an OpenID provider), with their role and Jira account. */
export class Roster1764301600000 implements MigrationInterface {
  name = 'Roster1764301600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE person (
      email text PRIMARY KEY CHECK (email = lower(email)),
      role text NOT NULL CHECK (role IN ('admin', 'po', 'developer', 'ci', 'support')),
      account_id text,
      tracks text[],
      updated_at timestamptz NOT NULL,
      updated_by text NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person`);
  }
}
