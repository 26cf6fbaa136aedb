import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What must happen once is recorded; every part of a ticket carries the Jira time of its newest source. */
export class StaleSnapshots1764300500000 implements MigrationInterface {
  name = 'StaleSnapshots1764300500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket ADD COLUMN links_at bigint`);
    await q.query(`UPDATE ticket SET links_at = fields_at`);
    await q.query(`ALTER TABLE ticket ALTER COLUMN links_at SET NOT NULL`);
    // a bug flagged as not linked to its service desk ticket: commented and labelled once, until it is linked
    await q.query(`CREATE TABLE link_back_flag (bug_key text PRIMARY KEY, flagged_at timestamptz NOT NULL)`);
    // a late sprint_started of an older sprint must not move the rota back
    await q.query(`ALTER TABLE flow_track ADD COLUMN sprint_started_at bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE flow_track DROP COLUMN sprint_started_at`);
    await q.query(`DROP TABLE link_back_flag`);
    await q.query(`ALTER TABLE ticket DROP COLUMN links_at`);
  }
}
