import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A claimed Jira change is held by its row lock, not by a lease (outbox.worker.ts): `lease_until` and
 * the `in_flight` state were never written. Both go; the open-commands index keeps its meaning.
 */
export class DropCommandLease1764301100000 implements MigrationInterface {
  name = 'DropCommandLease1764301100000';

  async up(q: QueryRunner): Promise<void> {
    // none is ever written; should one exist, it is sent again (every change is idempotent)
    await q.query(`UPDATE jira_command SET status = 'pending' WHERE status = 'in_flight'`);
    await q.query(`ALTER TABLE jira_command DROP CONSTRAINT jira_command_status_check`);
    await q.query(`ALTER TABLE jira_command ADD CONSTRAINT jira_command_status_check CHECK (status IN ('pending', 'done', 'failed', 'abandoned'))`);
    await q.query(`ALTER TABLE jira_command DROP COLUMN lease_until`);
    await q.query(`DROP INDEX jira_command_open`);
    await q.query(`CREATE INDEX jira_command_open ON jira_command (ordering_key, id) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX jira_command_open`);
    await q.query(`CREATE INDEX jira_command_open ON jira_command (ordering_key, id) WHERE status IN ('pending', 'in_flight')`);
    await q.query(`ALTER TABLE jira_command ADD COLUMN lease_until timestamptz`);
    await q.query(`ALTER TABLE jira_command DROP CONSTRAINT jira_command_status_check`);
    await q.query(
      `ALTER TABLE jira_command ADD CONSTRAINT jira_command_status_check CHECK (status IN ('pending', 'in_flight', 'done', 'failed', 'abandoned'))`,
    );
  }
}
