import { MigrationInterface, QueryRunner } from 'typeorm';

export class DataFixes1764300300000 implements MigrationInterface {
  name = 'DataFixes1764300300000';

  async up(q: QueryRunner): Promise<void> {
    // the row every data-fix step locks (SELECT … FOR UPDATE): the steps of one fix are serial
    await q.query(`CREATE TABLE data_fix (
      id serial PRIMARY KEY,
      ticket_key text NOT NULL,
      author text NOT NULL,
      purpose text NOT NULL,
      sql text NOT NULL,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      state text NOT NULL CHECK (state IN ('draft', 'reviewed', 'rejected', 'preprod_verified', 'production_approved', 'applied')),
      flagged boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX data_fix_ticket ON data_fix (ticket_key, id)`);
    // append-only history; (data_fix_id, seq) unique stops two writers appending the same step
    await q.query(`CREATE TABLE data_fix_step (
      id bigserial PRIMARY KEY,
      data_fix_id int NOT NULL REFERENCES data_fix (id),
      seq int NOT NULL CHECK (seq >= 0),
      kind text NOT NULL CHECK (kind IN ('proposed', 'edited', 'review', 'preprod_run', 'production_approval', 'production_run')),
      person text NOT NULL,
      sha256 text NOT NULL,
      at timestamptz NOT NULL,
      details jsonb NOT NULL DEFAULT '{}',
      UNIQUE (data_fix_id, seq))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE data_fix_step`);
    await q.query(`DROP TABLE data_fix`);
  }
}
