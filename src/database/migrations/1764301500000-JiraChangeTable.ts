import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One name for one concept: the outbox of Jira changes is `jira_change` (it was `jira_command`); its indexes and checks follow. */
export class JiraChangeTable1764301500000 implements MigrationInterface {
  name = 'JiraChangeTable1764301500000';

  async up(q: QueryRunner): Promise<void> {
    await this.rename(q, 'jira_command', 'jira_change');
  }

  async down(q: QueryRunner): Promise<void> {
    await this.rename(q, 'jira_change', 'jira_command');
  }

  private async rename(q: QueryRunner, from: string, to: string): Promise<void> {
    await q.query(`ALTER TABLE ${from} RENAME TO ${to}`);
    await q.query(`ALTER SEQUENCE ${from}_id_seq RENAME TO ${to}_id_seq`);
    await q.query(`ALTER INDEX ${from}_pkey RENAME TO ${to}_pkey`);
    for (const index of ['open', 'key', 'done_at']) await q.query(`ALTER INDEX ${from}_${index} RENAME TO ${to}_${index}`);
    for (const check of ['status_check', 'abandon_reason']) await q.query(`ALTER TABLE ${to} RENAME CONSTRAINT ${from}_${check} TO ${to}_${check}`);
  }
}
