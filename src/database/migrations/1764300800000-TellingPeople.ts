import { MigrationInterface, QueryRunner } from 'typeorm';

export class TellingPeople1764300800000 implements MigrationInterface {
  name = 'TellingPeople1764300800000';

  async up(q: QueryRunner): Promise<void> {
    // the notification outbox: one row per event and URL, sent in id order per URL; the body is fixed at insert (signed bytes)
    await q.query(`CREATE TABLE notification (
      id bigserial PRIMARY KEY,
      event_id uuid NOT NULL,
      url text NOT NULL,
      event text NOT NULL,
      ticket_key text,
      body text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      last_error text,
      created_at timestamptz NOT NULL,
      finished_at timestamptz,
      UNIQUE (event_id, url))`);
    await q.query(`CREATE INDEX notification_pending ON notification (url, id) WHERE status = 'pending'`);
    // one SLA warning per clock (bug and kind), like sla_breach
    await q.query(`CREATE TABLE sla_warning (
      bug_key text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('response', 'resolution')),
      service_desk_key text NOT NULL,
      priority text NOT NULL,
      warn_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      detected_at timestamptz NOT NULL,
      PRIMARY KEY (bug_key, kind))`);
    // the last forecast written to a ticket's JSM ticket, so that a note is written only when it moved, at most once a day
    await q.query(`CREATE TABLE forecast_note (
      bug_key text PRIMARY KEY,
      service_desk_key text NOT NULL,
      p85 timestamptz NOT NULL,
      noted_at timestamptz NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE forecast_note`);
    await q.query(`DROP TABLE sla_warning`);
    await q.query(`DROP TABLE notification`);
  }
}
