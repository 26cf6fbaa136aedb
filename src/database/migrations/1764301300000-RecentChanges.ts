import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What RecentChanges asks at every read of Ready for sprint: the tickets and the service's changes of the last minutes. */
export class RecentChanges1764301300000 implements MigrationInterface {
  name = 'RecentChanges1764301300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ticket_updated_at ON ticket (updated_at)`);
    await q.query(`CREATE INDEX jira_command_done_at ON jira_command (finished_at) WHERE status = 'done'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX jira_command_done_at`);
    await q.query(`DROP INDEX ticket_updated_at`);
  }
}
