import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A fast lane for webhooks that can change the flow: claimed before the rest, per-issue order kept. */
export class WebhookLanes1764300900000 implements MigrationInterface {
  name = 'WebhookLanes1764300900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_event ADD COLUMN lane smallint NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX webhook_event_lane ON webhook_event (lane DESC, jira_timestamp, id) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_event_lane`);
    await q.query(`ALTER TABLE webhook_event DROP COLUMN lane`);
  }
}
