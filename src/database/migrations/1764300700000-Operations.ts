import { MigrationInterface, QueryRunner } from 'typeorm';

export class Operations1764300700000 implements MigrationInterface {
  name = 'Operations1764300700000';

  async up(q: QueryRunner): Promise<void> {
    // tokens: who made them, when they expire, when they were last used (written at most once a minute), revocation
    await q.query(`ALTER TABLE api_token
      ADD COLUMN created_by text,
      ADD COLUMN expires_at timestamptz,
      ADD COLUMN last_used_at timestamptz,
      ADD COLUMN revoked_at timestamptz,
      ADD COLUMN revoked_by text`);
    // a failed Jira change an operator gave up on, with the reason
    await q.query(`ALTER TABLE jira_command DROP CONSTRAINT jira_command_status_check`);
    await q.query(
      `ALTER TABLE jira_command ADD CONSTRAINT jira_command_status_check CHECK (status IN ('pending', 'in_flight', 'done', 'failed', 'abandoned'))`,
    );
    await q.query(
      `ALTER TABLE jira_command ADD COLUMN abandon_reason text,
         ADD CONSTRAINT jira_command_abandon_reason CHECK ((status = 'abandoned') = (abandon_reason IS NOT NULL))`,
    );
    await q.query(`CREATE INDEX webhook_event_quarantined ON webhook_event (id) WHERE status = 'quarantined'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_event_quarantined`);
    await q.query(`ALTER TABLE jira_command DROP CONSTRAINT jira_command_abandon_reason`);
    await q.query(`UPDATE jira_command SET status = 'failed' WHERE status = 'abandoned'`);
    await q.query(`ALTER TABLE jira_command DROP COLUMN abandon_reason`);
    await q.query(`ALTER TABLE jira_command DROP CONSTRAINT jira_command_status_check`);
    await q.query(`ALTER TABLE jira_command ADD CONSTRAINT jira_command_status_check CHECK (status IN ('pending', 'in_flight', 'done', 'failed'))`);
    await q.query(
      `ALTER TABLE api_token DROP COLUMN created_by, DROP COLUMN expires_at, DROP COLUMN last_used_at, DROP COLUMN revoked_at, DROP COLUMN revoked_by`,
    );
  }
}
