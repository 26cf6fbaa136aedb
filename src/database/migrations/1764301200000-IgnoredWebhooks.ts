import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A webhook that can decide nothing (an event the service does not act on, a JSM ticket's edit) is stored as 'ignored'. */
export class IgnoredWebhooks1764301200000 implements MigrationInterface {
  name = 'IgnoredWebhooks1764301200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_event DROP CONSTRAINT webhook_event_status_check`);
    await q.query(`ALTER TABLE webhook_event ADD CONSTRAINT webhook_event_status_check CHECK (status IN ('pending', 'processed', 'quarantined', 'ignored'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE webhook_event SET status = 'processed' WHERE status = 'ignored'`);
    await q.query(`ALTER TABLE webhook_event DROP CONSTRAINT webhook_event_status_check`);
    await q.query(`ALTER TABLE webhook_event ADD CONSTRAINT webhook_event_status_check CHECK (status IN ('pending', 'processed', 'quarantined'))`);
  }
}
