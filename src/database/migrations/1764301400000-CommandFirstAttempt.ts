import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an outbox command was first sent to Jira: from then on every attempt is a retry that finds out
 * first whether Jira has the change (an answer can be lost). Kept when an operator retries a failed
 * change (which resets the attempts budget). A command already attempted before this migration counts as sent.
 * `sent_to`: the issue a command chose at send time (the nudge's ticket), recorded before it writes there.
 */
export class CommandFirstAttempt1764301400000 implements MigrationInterface {
  name = 'CommandFirstAttempt1764301400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE jira_command ADD COLUMN first_attempt_at timestamptz, ADD COLUMN sent_to text`);
    await q.query(`UPDATE jira_command SET first_attempt_at = created_at WHERE attempts > 0 OR status <> 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE jira_command DROP COLUMN first_attempt_at, DROP COLUMN sent_to`);
  }
}
