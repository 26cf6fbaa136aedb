import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What RecentChanges asks at every read of Ready for sprint: the service's changes of the last minutes.
 * (Not ticket.updated_at: an index on it would make every webhook's update of its ticket touch all of
 * the table's indexes instead of a HOT update; a scan of the tickets at a Ready read costs less.)
 */
export class RecentChanges1764301300000 implements MigrationInterface {
  name = 'RecentChanges1764301300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX jira_command_done_at ON jira_command (finished_at) WHERE status = 'done'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX jira_command_done_at`);
  }
}
